"""Database work for the report: grouped counts and the durations medians are taken of.

Counting happens in the database (one GROUP BY over the categorical fields of
the period's cases, one over their items), so the report costs the same few
queries for a hundred cases or a million. Medians cannot be summed from
groups, so the durations come back as plain numbers (seconds, computed by the
database), held as :class:`Seconds`, and the median is taken in Python.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from contextlib import contextmanager
from contextvars import ContextVar
from collections import defaultdict
from typing import Any, Callable, Iterable, Sequence

from django.db.models import Count, Q, QuerySet, Sum

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, TargetItem

from . import rollup
from .periods import Period
from .rollup import DIMENSIONS, SecondsBetween, actioned_item_filter, raw_rows  # noqa: F401 (their home is rollup)


class Seconds:
    """Durations in whole seconds, held as sorted runs: one per group they were counted in (a kind and channel).

    A section asks for the cases of one kind over every channel, or of every kind: that is these runs together
    (:meth:`merged`), not a new list. Counting them is adding the runs' lengths, and their exact median is found by
    bisecting each run (:meth:`nth`), so no list of half a million durations is built, merged or sorted again for each
    table. At a million cases that was a fifth of the report's time.
    """

    __slots__ = ("runs",)

    def __init__(self, runs: Iterable[Sequence[int]] = ()):
        self.runs = [run for run in runs if len(run)]  # each sorted ascending, whole seconds

    @classmethod
    def of(cls, values: Iterable[int]) -> "Seconds":
        """Unsorted whole seconds as one run."""
        return cls([sorted(values)])

    @classmethod
    def merged(cls, parts: Iterable["Seconds"]) -> "Seconds":
        return cls([run for part in parts for run in part.runs])

    def __len__(self) -> int:
        return sum(map(len, self.runs))

    def __iter__(self):
        return iter(sorted(value for run in self.runs for value in run))

    def __eq__(self, other) -> bool:
        return list(self) == list(other)

    def nth(self, k: int) -> int:
        """The ``k``-th smallest value (from 0): the least v with more than k values at most v."""
        if len(self.runs) == 1:
            return self.runs[0][k]
        low, high = min(run[0] for run in self.runs), max(run[-1] for run in self.runs)
        while low < high:
            middle = (low + high) // 2
            if sum(bisect_right(run, middle) for run in self.runs) > k:
                high = middle
            else:
                low = middle + 1
        return low

    def median(self) -> float | None:
        """As ``statistics.median``: the middle value, or the mean of the two middle values for an even count."""
        n = len(self)
        if not n:
            return None
        if n % 2:
            return self.nth(n // 2)
        return (self.nth(n // 2 - 1) + self.nth(n // 2)) / 2


def median(values: Iterable[float]) -> float | None:
    """The median, or None when there is nothing to take it of (the mean of the two middle values for even counts)."""
    if isinstance(values, Seconds):
        return values.median()
    values = list(values)
    if not values:
        return None
    return statistics.median(values)


def seconds_to_days(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 86400, 2)


def seconds_to_hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 2)


def percent(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole``, one decimal; None when the denominator is zero."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


def cases_in(period: Period) -> QuerySet[Case]:
    """The cases of a period: those received in it (start included, end excluded)."""
    return Case.objects.filter(received_at__gte=period.start, received_at__lt=period.end)


class Facts:
    """Grouped case counts (rows of the GROUP BY), filtered and regrouped in Python.

    Each row has the DIMENSIONS, ``n`` (cases) and the sums of the account
    counters. The number of rows is the number of distinct combinations, not
    of cases.
    """

    def __init__(self, rows: list[dict[str, Any]]):
        self.rows = rows
        self._by: dict[str, dict[Any, "Facts"]] = {}  # by(name), kept: the rows are never changed

    def of_kind(self, kind: str) -> "Facts":
        """The facts of one kind of case (partitioned once, as every section starts with this)."""
        return self.by("kind").get(kind) or Facts([])

    @classmethod
    def for_cases(cls, cases: QuerySet[Case]) -> "Facts":
        rows = (
            cases.order_by()
            .values(*DIMENSIONS)
            .annotate(
                n=Count("id"),
                potentially=Sum("accounts_potentially_affected"),
                actually=Sum("accounts_actually_affected"),
                notified=Sum("accounts_notified"),
            )
        )
        return cls(list(rows))

    def where(self, test: Callable[[dict], bool] | None = None, **equals) -> "Facts":
        rows = self.rows
        tests = []
        for name, wanted in equals.items():
            if isinstance(wanted, (set, frozenset, list, tuple)):
                tests.append((name, frozenset(wanted)))
            elif rows is self.rows:
                # One value: the rows of the partition by that field (kept by ``by``), in their order.
                group = self.by(name).get(wanted)
                rows = group.rows if group is not None else []
            else:
                tests.append((name, frozenset((wanted,))))
        for name, wanted in tests:
            rows = [row for row in rows if row[name] in wanted]
        if test is not None:
            rows = [row for row in rows if test(row)]
        return Facts(rows if rows is not self.rows else list(rows))

    def total(self, measure: str = "n") -> int:
        return sum(row[measure] or 0 for row in self.rows)

    def by(self, name: str) -> dict[Any, "Facts"]:
        found = self._by.get(name)
        if found is None:
            groups: dict[Any, list] = defaultdict(list)
            for row in self.rows:
                groups[row[name]].append(row)
            found = self._by[name] = {key: Facts(rows) for key, rows in groups.items()}
        return found

    def granted(self) -> int:
        return self.where(outcome=c.GRANTING_OUTCOMES).total()


def item_facts(period: Period) -> list[dict[str, Any]]:
    """Items of the period's cases grouped by case kind, project and action."""
    return list(
        TargetItem.objects.filter(case__received_at__gte=period.start, case__received_at__lt=period.end)
        .order_by()
        .values("case__kind", "project", "action")
        .annotate(items=Count("id"), restored=Count("id", filter=Q(restored_at__isnull=False)))
    )


def case_projects(period: Period) -> dict[str, dict[str, dict]]:
    """Per kind, the sums the project tables are made of (``rollup.project_sums``), counted over the period's items.

    The report needs whole cases here (which projects each one names together), so the items are grouped per case
    and project first; each case is then one request for every project it names.
    """
    rows = (
        TargetItem.objects.filter(case__received_at__gte=period.start, case__received_at__lt=period.end)
        .order_by()
        .values("case__kind", "case_id", "case__outcome", "project")
        .annotate(items=Count("id"), acted=Count("id", filter=actioned_item_filter()))
    )
    cases: dict[int, dict[str, Any]] = {}
    for r in rows:
        case = cases.setdefault(r["case_id"], {"kind": r["case__kind"], "outcome": r["case__outcome"], "projects": {}})
        case["projects"][r["project"]] = (r["items"], r["acted"])
    return rollup.project_sums(
        (case["kind"], case["outcome"], names, project, 1, *case["projects"][project])
        for case in cases.values() for names in [tuple(sorted(case["projects"]))] for project in names)


def durations(cases: QuerySet[Case], end: str, start: str = "received_at", *group: str) -> dict[tuple, Seconds]:
    """Seconds from ``start`` to ``end`` for each case where both are set, grouped by ``group`` fields.

    Seconds are rounded to whole seconds so the database's floating-point
    date arithmetic cannot move a median across a rounding boundary.
    """
    rows = (
        cases.filter(**{f"{end}__isnull": False, f"{start}__isnull": False})
        .order_by()
        .annotate(_seconds=SecondsBetween(end, start))
        .values_list(*group, "_seconds")
    )
    out: dict[tuple, list[int]] = defaultdict(list)
    for row in raw_rows(rows):
        out[tuple(row[:-1])].append(round(row[-1]))
    return {key: Seconds.of(values) for key, values in out.items()}


class Figures:
    """What the report's sections are built from, for one period: ``facts`` (Facts), ``items`` (item_facts),
    ``project_cases`` (case_projects: the project tables' sums per kind), and the durations medians are taken of
    (:class:`Seconds`): ``decided`` (by kind), ``first_response`` (harm reports), ``answered`` and
    ``decided_by_channel`` (by kind and source); for the Santa Clara
    numbers, ``flags`` (content cases by what santa_clara.flag_source reads) and ``actioned`` (restricting items by
    their case's content ground and country)."""

    def __init__(self, **parts):
        self.__dict__.update(parts)


_FROM_RAW = ContextVar("rightsdesk_report_from_raw", default=False)


@contextmanager
def from_raw_tables():
    """Compute the report from the raw tables only, ignoring the roll-up (tests and the benchmark compare the two)."""
    token = _FROM_RAW.set(True)
    try:
        yield
    finally:
        _FROM_RAW.reset(token)


def raw_figures(period: Period) -> Figures:
    """The figures counted over the period's raw cases and items (the reference the roll-up must equal)."""
    cases = cases_in(period)
    return Figures(
        facts=Facts.for_cases(cases),
        items=item_facts(period),
        project_cases=case_projects(period),
        decided=durations(cases, "decided_at", "received_at", "kind"),
        first_response=durations(cases.filter(kind=c.Kind.HARM_REPORT), "acknowledged_at"),
        # clocks.CaseTimes: the first message staff wrote to the requester, stored once per case.
        answered=durations(cases, "times__first_response_at", "received_at", "kind", "source"),
        decided_by_channel=durations(cases, "decided_at", "received_at", "kind", "source"),
        flags=list(cases.filter(kind__in=list(c.CONTENT_KINDS)).order_by().values(*rollup.FLAG_FIELDS)
                   .annotate(n=Count("id"))),
        actioned=[{"content_ground": r["case__content_ground"], "country": r["case__country"], "items": r["items"]}
                  for r in TargetItem.objects.filter(case__in=cases, action__in=list(c.RESTRICTING_ACTIONS))
                  .order_by().values("case__content_ground", "case__country").annotate(items=Count("id"))],
    )


def report_figures(period: Period) -> Figures:
    """The period's figures from the daily roll-ups (``rollup``) for the days they cover and from the raw tables
    for the days changed since the last fold: always exact and current, whether or not the worker has run."""
    if _FROM_RAW.get():
        return raw_figures(period)
    dirty = rollup.dirty_days(period)
    parts = None if dirty else rollup.kept(period)  # a closed period: its sums merged and shaped once, by the fold
    if parts is None:
        whole, used = rollup.kept_halves(period, dirty)  # a longer range: the closed half-years in it, kept
        groups = rollup.read(period, dirty, without=used)
        rollup.add_computed(groups, rollup.compute(dirty))
        parts = rollup.merge([*whole, rollup.shape(groups)])
    return figures_from(parts)


def figures_from(parts: dict[str, Any]) -> Figures:
    """:class:`Figures` from ``rollup.shape``'s plain parts (the durations regrouped the ways the sections read them:
    each group's sorted runs those of a :class:`Seconds`)."""
    durations_by = parts["durations"]

    def regroup(name: str, keep: Callable[[tuple], bool], group: Callable[[tuple], tuple]) -> dict[tuple, Seconds]:
        out: dict[tuple, list] = defaultdict(list)
        for key, runs in durations_by.get(name, {}).items():
            if keep(key):
                out[group(key)].extend(runs)
        return {key: Seconds(runs) for key, runs in out.items()}

    every = lambda key: True  # noqa: E731
    return Figures(
        facts=Facts(parts["facts"]), items=parts["items"], project_cases=parts["project_cases"], flags=parts["flags"],
        actioned=parts["actioned"],
        decided=regroup("decided", every, lambda key: (key[0],)),
        first_response=regroup("acknowledged", lambda key: key[0] == c.Kind.HARM_REPORT, lambda key: ()),
        answered=regroup("answered", every, tuple),
        decided_by_channel=regroup("decided", every, tuple),
    )
