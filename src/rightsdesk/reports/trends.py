"""The multi-period view: cases received per kind in every half-year from the first with data.

Half-years are published exactly (``disclosure.protection`` is NONE for them, and each figure here is the
"received" figure of that half-year's own overview), so nothing needs withholding. One query, whatever the
number of half-years. The page draws it (``charts.trend_chart``) beside a table of the same figures; the
files of a period keep that period's figures only (docs/report-format.md, "Comparisons and trends").
"""

from __future__ import annotations

from django.db.models import Count, Min, Q

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case

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
    counts = {row["kind"]: row for row in Case.objects.filter(received_at__lt=halves[-1].end).values("kind").annotate(
        **{f"p{i}": Count("id", filter=Q(received_at__gte=h.start, received_at__lt=h.end)) for i, h in enumerate(halves)})}
    rows = []
    for kind in c.Kind.values:
        if kind in counts:
            values = [counts[kind][f"p{i}"] for i in range(len(halves))]
            if any(values):
                rows.append({"kind": kind, "label": str(c.Kind(kind).label), "values": values})
    return {"periods": halves, "rows": rows}
