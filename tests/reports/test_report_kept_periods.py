"""The fold keeps the merged figures of each closed half-year and year; the report reads them only while they are exact.

A kept period is used only while none of its days is pending and none was refreshed after it was kept: a change to
one of its cases makes the report count that day afresh at once, and the next fold keeps the period again. What is
kept is plain data (counts, categories, durations); anything else is refused and the figures are summed again.
"""

from __future__ import annotations

import pickle
import zlib
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.services import update_case
from rightsdesk.reports import queries as q
from rightsdesk.reports import rollup
from rightsdesk.reports.models import RollupPeriod
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.trends import kind_trend
from tests.reports import test_report_rollup as base

pytestmark = pytest.mark.django_db

H1 = parse_period("2026-H1")


@pytest.fixture(autouse=True)
def _settled(monkeypatch):
    monkeypatch.setattr(rollup, "SETTLE", timedelta(0))


def spec(offset_days: int, kind=c.Kind.COPYRIGHT_NOTICE, outcome=c.Outcome.GRANTED, decided_after=3 * 86400) -> dict:
    """A case received ``offset_days`` before (negative) or after 2026-07-01 (base.EDGE)."""
    return {"kind": kind, "outcome": outcome, "source": c.Source.WEB_FORM, "offset": offset_days * 86400 + 3600,
            "decided_after": decided_after, "acknowledged_after": 7200, "potentially": 1,
            "items": [("en.wikipedia.org", c.Action.REMOVE, False), ("example.com", c.Action.NO_ACTION, False)]}


@pytest.fixture
def cases():
    made = [base.store(spec(-offset, kind=kind, outcome=outcome))
            for offset, kind, outcome in [(3, c.Kind.COPYRIGHT_NOTICE, c.Outcome.GRANTED),
                                          (40, c.Kind.COPYRIGHT_NOTICE, c.Outcome.REJECTED),
                                          (100, c.Kind.CONTENT_TAKEDOWN, c.Outcome.PARTIALLY_GRANTED),
                                          (150, c.Kind.USER_DATA_REQUEST, c.Outcome.REJECTED)]]
    made.append(base.store(spec(20, kind=c.Kind.HARM_REPORT, outcome="")))  # 2026-H2
    return made


def kept_rows() -> dict:
    return {(row.first_day.isoformat(), row.last_day.isoformat()): row.stamp for row in RollupPeriod.objects.all()}


def not_summed_again(monkeypatch):
    """Make summing the roll-up's rows fail: a report built after this must come from what the fold kept."""
    def refuse(*args, **kwargs):
        raise AssertionError("the report summed the roll-up rows instead of reading the kept period")

    monkeypatch.setattr(rollup, "read", refuse)


def test_the_fold_keeps_each_closed_half_year_and_year_and_the_report_read_from_it_equals_the_raw_count(
        cases, monkeypatch):
    assert rollup.kept(H1) is None, "nothing is kept before the first fold"
    rollup.fold()
    assert set(kept_rows()) == {("2026-01-01", "2026-06-30"), ("2026-07-01", "2026-12-31"),
                                ("2026-01-01", "2026-12-31")}
    with monkeypatch.context() as patch:
        not_summed_again(patch)
        base.assert_same_as_raw(["2026-H1", "2026-H2", "2026"])
    # A range that is not a kept period is summed from the rows as before, and is exact too.
    base.assert_same_as_raw(["2026-06-01..2026-07-31"])


def test_a_decision_on_a_case_of_a_kept_half_year_is_counted_at_once_and_the_next_fold_keeps_the_half_year_again(
        cases, monkeypatch):
    rollup.fold()
    before = kept_rows()
    update_case(cases[1], {"outcome": c.Outcome.GRANTED,
                           "decided_at": cases[1].received_at + timedelta(days=9, seconds=5)}, "test")
    assert rollup.dirty_days(H1), "the changed day is pending"
    real_kept = rollup.kept

    def kept_unless_pending(period):
        if rollup.dirty_days(period):
            pytest.fail(f"{period.slug}, with a pending day, read what was kept")
        return real_kept(period)

    with monkeypatch.context() as patch:  # the kept 2026-H1 and 2026 are not used now: the change must show
        patch.setattr(rollup, "kept", kept_unless_pending)
        base.assert_same_as_raw(["2026-H1", "2026"])
    rollup.fold()
    after = kept_rows()
    assert after[("2026-01-01", "2026-06-30")] > before[("2026-01-01", "2026-06-30")], "kept again, after the change"
    assert after[("2026-07-01", "2026-12-31")] == before[("2026-07-01", "2026-12-31")], "2026-H2 was left as it was"
    with monkeypatch.context() as patch:
        not_summed_again(patch)
        base.assert_same_as_raw(["2026-H1", "2026-H2", "2026"])
    assert q.report_figures(H1).facts.where(outcome=c.Outcome.GRANTED).total() == 2


def test_a_kept_period_is_stale_once_one_of_its_days_is_refreshed_and_a_rebuild_keeps_it_again(cases):
    rollup.fold()
    assert rollup.kept(H1) is not None
    Case.objects.filter(pk=cases[0].pk).update(outcome=c.Outcome.WITHDRAWN)  # no history, no signal: a raw write
    rollup.refresh([cases[0].received_at.astimezone(dt_timezone.utc).date()])
    assert rollup.kept(H1) is None, "a day of the half-year was refreshed after it was kept"
    assert rollup.kept(parse_period("2026-H2")) is not None, "another half-year's kept figures stay"
    rollup.rebuild()
    assert rollup.kept(H1) is not None
    base.assert_same_as_raw(["2026-H1", "2026"])


def test_a_kept_period_holding_anything_but_plain_data_is_refused_and_the_figures_are_summed_again(cases, capsys):
    rollup.fold()

    class Smuggled:
        def __reduce__(self):
            return (print, ("ran",))

    RollupPeriod.objects.filter(first_day="2026-01-01", last_day="2026-06-30").update(
        groups=zlib.compress(pickle.dumps({"facts": Smuggled(), "format": rollup.FORMAT})))
    assert rollup.kept(H1) is None
    assert "ran" not in capsys.readouterr().out, "reading a kept period never calls what it names"
    base.assert_same_as_raw(["2026-H1"])


def test_the_trend_reads_kept_half_years_and_counts_the_others_and_pending_ones_from_the_cases(cases, monkeypatch):
    def counted(period):
        with monkeypatch.context() as patch:  # nothing kept: every half-year counted from the cases
            patch.setattr(rollup, "kept_received", lambda halves: [None] * len(halves))
            return kind_trend(period)

    period = parse_period("2026-H2")
    assert kind_trend(period) == counted(period)
    rollup.fold()
    assert rollup.kept_received([H1]) == [{"copyright_notice": 2, "content_takedown": 1, "user_data_request": 1}]
    assert kind_trend(period) == counted(period)
    base.store(spec(-10, kind=c.Kind.APPEAL))  # a new case in 2026-H1, not folded yet
    assert rollup.kept_received([H1]) == [None]
    trend = kind_trend(period)
    assert trend == counted(period)
    assert [row["values"] for row in trend["rows"] if row["kind"] == c.Kind.APPEAL] == [[1, 0]]


def test_a_name_repeated_in_many_rows_is_stored_once_and_read_back_equal():
    """Each row's country, kind or project read from the database is a string object of its own; kept as they are,
    a half-year at a million cases took 15 MB and a third of the report's time to read back."""
    rows = [{"kind": "".join(["copyright_", "notice"]), "country": "".join(["D", "E"]), "n": n} for n in range(500)]
    parts = {"facts": rows, "items": [], "project_cases": {"".join(["copyright_", "notice"]): [
        {"kind": "copyright_notice", "outcome": "granted", "projects": {"".join(["xx.wikipedia", ".org"]): (1, 1)},
         "cases": n} for n in range(300)]}, "flags": [], "actioned": [],
        "durations": {"decided": {("x", "y"): [[1, 5], [2]]}}}
    blob = rollup._pack(parts)
    plain = zlib.decompress(blob)
    assert plain.count(b"copyright_notice") == 1 and plain.count(b"DE") == 1 and plain.count(b"xx.wikipedia.org") == 1
    back = rollup._unpack(blob)
    assert {**back, "durations": {}} == {**parts, "durations": {}}
    assert {name: {key: [list(run) for run in runs] for key, runs in groups.items()}
            for name, groups in back["durations"].items()} == parts["durations"]


def test_the_pending_days_are_the_same_whether_the_changes_are_looked_up_by_id_or_joined_on_the_period(
        cases, monkeypatch):
    """A few changes past the watermark are looked up by their cases' ids; more than ``FEW_PENDING`` by a join on the
    period. Both must give the same days and newest keys for every period the report asks about."""
    from rightsdesk.reports.cache import up_to

    rollup.fold()
    update_case(cases[4], {"outcome": c.Outcome.GRANTED}, "test")  # 2026-H2, in the history
    update_case(cases[1], {"outcome": c.Outcome.GRANTED}, "test")  # 2026-H1, in the history
    base.store(spec(-200))  # 2025-H2, a new case
    base.store(spec(30))  # 2026-H2, a new case
    asked = [H1, parse_period("2026-H2"), parse_period("2025-H2"), parse_period("2026"), up_to(H1), None]
    by_id = [rollup.pending(period) for period in asked]
    monkeypatch.setattr(rollup, "FEW_PENDING", 0)
    assert [rollup.pending(period) for period in asked] == by_id
    assert [len(found["days"]) for found in by_id] == [1, 2, 1, 3, 2, 4]


def test_durations_are_kept_as_4_byte_integers_where_they_fit_and_as_8_byte_ones_beyond():
    parts = {"facts": [], "items": [], "project_cases": {}, "flags": [], "actioned": [],
             "durations": {"decided": {("a", "web"): [[5, 2**31 - 1, -2**31]], ("b", "api"): [[2**31, 1]]}}}
    back = rollup._unpack(rollup._pack(parts))["durations"]["decided"]
    assert [(run.typecode, list(run)) for run in back[("a", "web")]] == [("i", [-2**31, 5, 2**31 - 1])]
    assert [(run.typecode, list(run)) for run in back[("b", "api")]] == [("q", [1, 2**31])]


def test_a_kept_period_of_the_first_format_is_refused_summed_again_and_dropped_by_the_migration_for_the_fold_to_keep(
        cases):
    """Format 1 stored the durations as 8-byte integers; read as format 2 they would be other numbers."""
    import importlib

    from django.apps import apps
    from django.db import connection

    rollup.fold()
    parts = rollup._unpack(RollupPeriod.objects.get(first_day="2026-01-01", last_day="2026-06-30").groups)
    durations = {name: {key: rollup._encode([v for run in runs for v in run]) for key, runs in groups.items()}
                 for name, groups in parts["durations"].items()}
    RollupPeriod.objects.filter(first_day="2026-01-01", last_day="2026-06-30").update(
        groups=pickle.dumps({**parts, "durations": durations}, protocol=5))
    assert rollup.kept(H1) is None
    base.assert_same_as_raw(["2026-H1"])
    stored = pickle.loads(zlib.decompress(rollup._pack(parts)))
    RollupPeriod.objects.filter(first_day="2026-01-01", last_day="2026-06-30").update(
        groups=zlib.compress(pickle.dumps({**stored, "format": 1}, protocol=5)))
    assert rollup.kept(H1) is None, "a value marked with another format is not read, whatever it looks like"

    migration = importlib.import_module("rightsdesk.reports.migrations.0004_kept_periods_format_2")
    migration.drop_kept_periods(apps, type("Editor", (), {"connection": connection})())
    assert not RollupPeriod.objects.exists()
    rollup.fold()
    assert rollup.kept(H1) is not None, "the next fold keeps every period again"
    base.assert_same_as_raw(["2026-H1", "2026"])


def test_a_range_over_whole_half_years_merges_what_was_kept_of_them_with_its_other_days(cases, monkeypatch):
    """Equal categories in several half-years and in the days around them are added up, and the medians are taken
    over all their durations, exactly as when the range is counted from the cases."""
    base.store(spec(10))                                     # 2026-H2, the same categories as a case of 2026-H1
    base.store(spec(-200, decided_after=5 * 86400))          # 2025-12-13: a day of the range outside the half-years
    base.store(spec(-205, decided_after=86400))              # 2025-12-08: before the range
    rollup.fold()
    period = parse_period("2025-12-10..2026-12-31")
    reads = []
    real_read = rollup.read
    monkeypatch.setattr(rollup, "read", lambda p, dirty, without=frozenset(): reads.append(without) or real_read(
        p, dirty, without))
    base.assert_same_as_raw([period.slug, "2025-12-01..2026-07-31"])
    assert reads[0] == {H1.first_day, parse_period("2026-H2").first_day}, "both half-years taken as kept"
    grants = q.report_figures(period).facts.where(kind=c.Kind.COPYRIGHT_NOTICE, outcome=c.Outcome.GRANTED)
    assert grants.total() == 3 and len(grants.rows) == 1, "one row for equal categories, its cases added up"
