"""Reading the due-diligence register: the assessments a list or an export shows, filtered as asked."""

from __future__ import annotations

from django.db.models import Count, Max, Q
from django.utils import timezone

from .models import Assessment, Right

#: The register's filters, as the list's form and the export's link name them.
FILTERS = ("q", "status", "right", "review", "severity")


def filters(params) -> dict[str, str]:
    """The filters asked for (a query string's values, trimmed; "" for each not asked)."""
    return {name: params.get(name, "").strip() for name in FILTERS}


def assessments(f: dict[str, str]):
    """The assessments the filters ``f`` select, each with its number of risks, its highest severity and its open
    mitigations, by review date. A value that is not one of a filter's is ignored."""
    qs = Assessment.objects.select_related("owner").annotate(
        risk_count=Count("risks", distinct=True), max_severity=Max("risks__severity"),
        open_mitigations=Count("risks__mitigations", filter=Q(risks__mitigations__status__in=["planned", "in_progress"]),
                               distinct=True))
    if f["q"]:
        qs = qs.filter(Q(title__icontains=f["q"]) | Q(subject__icontains=f["q"]))
    if f["status"] in Assessment.Status.values:
        qs = qs.filter(status=f["status"])
    if f["right"] in Right.values:
        # JSON containment differs between databases; a text match on the quoted value works on both.
        qs = qs.filter(rights_at_stake__icontains=f'"{f["right"]}"')
    if f["review"] == "overdue":
        qs = qs.filter(review_on__lt=timezone.localdate()).exclude(status=Assessment.Status.ARCHIVED)
    if f["severity"].isdigit():
        qs = qs.filter(risks__severity__gte=int(f["severity"])).distinct()
    return qs.order_by("review_on", "id")
