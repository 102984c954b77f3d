"""Database work for the report: grouped counts and the durations medians are taken of.

Counting happens in the database (one GROUP BY over the categorical fields of
the period's cases, one over their items), so the report costs the same few
queries for a hundred cases or a million. Medians cannot be summed from
groups, so the durations come back as plain numbers (seconds, computed by the
database) and the median is taken in Python.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import Any, Callable, Iterable

from django.db import connections
from django.db.models import Count, F, FloatField, Func, Q, QuerySet, Sum

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, TargetItem

from .periods import Period


class SecondsBetween(Func):
    """``end - start`` in seconds as a float, computed by the database (SQLite or PostgreSQL)."""

    output_field = FloatField()

    def __init__(self, end, start, **extra):
        super().__init__(F(end) if isinstance(end, str) else end, F(start) if isinstance(start, str) else start, **extra)

    def as_sql(self, compiler, connection, **extra):
        end_sql, end_params = compiler.compile(self.source_expressions[0])
        start_sql, start_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "postgresql":
            sql = f"CAST(EXTRACT(EPOCH FROM ({end_sql} - {start_sql})) AS double precision)"
        elif connection.vendor == "sqlite":
            sql = f"((julianday({end_sql}) - julianday({start_sql})) * 86400.0)"
        else:  # MySQL / MariaDB
            sql = f"(TIMESTAMPDIFF(MICROSECOND, {start_sql}, {end_sql}) / 1000000.0)"
        return sql, (*end_params, *start_params)


def median(values: Iterable[float]) -> float | None:
    """The median, or None when there is nothing to take it of (the mean of the two middle values for even counts)."""
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


#: The categorical facts the report breaks cases down by. Nothing here is personal data.
DIMENSIONS = (
    "kind", "outcome", "requester_type", "country", "authority_country", "legal_process", "threat_type",
    "emergency_origin", "harm_category", "content_ground", "dsa_category", "trusted_flagger", "automated_decision",
    "content_data_requested", "non_content_data_requested", "source",
)


class Facts:
    """Grouped case counts (rows of the GROUP BY), filtered and regrouped in Python.

    Each row has the DIMENSIONS, ``n`` (cases) and the sums of the account
    counters. The number of rows is the number of distinct combinations, not
    of cases.
    """

    def __init__(self, rows: list[dict[str, Any]]):
        self.rows = rows
        self._by_kind: dict[Any, "Facts"] | None = None

    def of_kind(self, kind: str) -> "Facts":
        """The facts of one kind of case (partitioned once, as every section starts with this)."""
        if self._by_kind is None:
            self._by_kind = self.by("kind")
        return self._by_kind.get(kind) or Facts([])

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
        def keep(row):
            for name, wanted in equals.items():
                value = row[name]
                if isinstance(wanted, (set, frozenset, list, tuple)):
                    if value not in wanted:
                        return False
                elif value != wanted:
                    return False
            return test(row) if test else True

        return Facts([row for row in self.rows if keep(row)])

    def total(self, measure: str = "n") -> int:
        return sum(row[measure] or 0 for row in self.rows)

    def by(self, name: str) -> dict[Any, "Facts"]:
        groups: dict[Any, list] = defaultdict(list)
        for row in self.rows:
            groups[row[name]].append(row)
        return {key: Facts(rows) for key, rows in groups.items()}

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


def project_case_counts(period: Period) -> dict[tuple[str, str], int]:
    """(kind, project) -> number of distinct cases with at least one item on that project."""
    rows = (
        TargetItem.objects.filter(case__received_at__gte=period.start, case__received_at__lt=period.end)
        .order_by()
        .values("case__kind", "project")
        .annotate(cases=Count("case", distinct=True))
    )
    return {(r["case__kind"], r["project"]): r["cases"] for r in rows}


def case_projects(period: Period) -> dict[str, list[dict[str, Any]]]:
    """kind -> one entry per case with items: its outcome and, per project named, the items and items acted on.

    The report needs whole cases here (which projects each one names together), so this returns a row per case and
    project rather than a total; the project tables read the requests naming only one project, several of the
    platform's projects, or only sites it does not run from it.
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
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for case in cases.values():
        out[case["kind"]].append(case)
    return out


def actioned_item_filter() -> Q:
    return ~Q(action__in=[c.Action.PENDING, c.Action.NO_ACTION])


def raw_rows(queryset: QuerySet):
    """The rows of a queryset as plain tuples, skipping Django's per-row converters.

    The SQL and its (already adapted) parameters come from the ORM, so this
    stays portable; only the row-by-row conversion, which costs more than the
    query itself for half a million durations, is left out. Use it only for
    columns that need no conversion (text, numbers).
    """
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(10000):
            yield from rows


def durations(cases: QuerySet[Case], end: str, start: str = "received_at", *group: str) -> dict[tuple, list[int]]:
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
    return out
