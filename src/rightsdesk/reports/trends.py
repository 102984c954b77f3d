"""The multi-period view: cases received per kind in every half-year from the first with data.

Half-years are published exactly (``disclosure.protection`` is NONE for them, and each figure here is the
"received" figure of that half-year's own overview), so nothing needs withholding. One query, whatever the
number of half-years: the half-years the report's fold has kept are read from the roll-up (``rollup.kept_received``),
only the others are counted from the cases. The page draws it (``charts.trend_chart``) beside a table of the same figures; the
files of a period keep that period's figures only (docs/report-format.md, "Comparisons and trends").
"""

from __future__ import annotations

from django.db.models import Count, Min, Q

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case

from . import rollup
from .periods import Period, half_years_up_to


def kind_trend(period: Period) -> dict:
    """{"periods": [half-years, oldest first], "rows": [{"kind", "label", "values"}]} up to ``period``'s last
    half-year; only the kinds received at least once in those half-years have a row."""
    first = Case.objects.aggregate(first=Min("received_at"))["first"]
    if first is None:
        return {"periods": [], "rows": []}
    halves = half_years_up_to(first, period)
    if not halves:
        return {"periods": [], "rows": []}
    # The half-years the fold has kept (closed, nothing pending) are read from the roll-up; the others are counted
    # here, in one query over their cases only.
    per_half = rollup.kept_received(halves)
    missing = [i for i, kept in enumerate(per_half) if kept is None]
    if missing:
        within = Q(pk__in=[])
        for i in missing:
            within |= Q(received_at__gte=halves[i].start, received_at__lt=halves[i].end)
        counts = {row["kind"]: row for row in Case.objects.filter(within).order_by().values("kind").annotate(
            **{f"p{i}": Count("id", filter=Q(received_at__gte=halves[i].start, received_at__lt=halves[i].end))
               for i in missing})}
        for i in missing:
            per_half[i] = {kind: row[f"p{i}"] for kind, row in counts.items()}
    rows = []
    for kind in c.Kind.values:
        if any(kind in kept for kept in per_half):
            values = [per_half[i].get(kind, 0) for i in range(len(halves))]
            if any(values):
                rows.append({"kind": kind, "label": str(c.Kind(kind).label), "values": values})
    return {"periods": halves, "rows": rows}
