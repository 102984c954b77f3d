"""The durations a report takes medians of are held as sorted runs (``queries.Seconds``), one per group they were
counted in; a table's count and median over several groups must be exactly those of one list of all their values,
as ``statistics.median`` gives it (the mean of the two middle values for an even count)."""

from __future__ import annotations

import statistics
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rightsdesk.reports import queries as q

runs_of_seconds = st.lists(st.lists(st.integers(min_value=-10**9, max_value=10**10), max_size=30), max_size=6)


@given(runs_of_seconds)
def test_count_median_and_every_order_statistic_of_runs_are_those_of_their_values_in_one_list(runs):
    seconds = q.Seconds([sorted(run) for run in runs])
    values = sorted(v for run in runs for v in run)
    assert len(seconds) == len(values)
    assert list(seconds) == values
    assert q.median(seconds) == (statistics.median(values) if values else None)
    for k in range(len(values)):
        assert seconds.nth(k) == values[k]


@given(runs_of_seconds, runs_of_seconds)
def test_merged_groups_are_one_group_of_all_their_values(first, second):
    merged = q.Seconds.merged([q.Seconds.of(v for run in first for v in run),
                               q.Seconds([sorted(run) for run in second])])
    values = [v for run in first + second for v in run]
    assert merged == q.Seconds.of(values)
    assert merged.median() == (statistics.median(values) if values else None)


@pytest.mark.parametrize("runs, median", [
    ([], None),
    ([[], []], None),
    ([[5]], 5),
    ([[1, 3], [2]], 2),
    ([[1, 3], [2, 10]], 2.5),                        # even count: the mean of the two middle values
    ([[7, 7, 7], [7]], 7),                           # all equal
    ([[-30, 0], [5, 40, 40]], 5),                    # a negative span (a date entered before receipt) counts too
    ([array("i", [1, 2]), array("q", [3, 2**40])], 2.5),  # kept runs are arrays, 4- or 8-byte
])
def test_median_of_runs(runs, median):
    assert q.Seconds(runs).median() == median
    assert q.median(q.Seconds(runs)) == median
