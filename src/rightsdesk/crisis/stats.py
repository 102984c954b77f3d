"""Counts of a crisis's cases: the dashboard, the post-crisis summary and the period report's crisis section.

Only categorical columns and dates of cases are read here; no personal field.
"""

from __future__ import annotations

from statistics import median

from django.db.models import Count
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, TargetItem
from rightsdesk.cases.policy import OPEN_STATES

from .models import Crisis


def cases_of(crisis: Crisis):
    return Case.objects.filter(crisis_tags__crisis=crisis)


def _hours(pairs) -> float | None:
    spans = [(later - earlier).total_seconds() / 3600 for earlier, later in pairs if earlier and later and later >= earlier]
    return round(median(spans), 1) if spans else None


def counts(crisis: Crisis) -> dict:
    """The dashboard's figures: totals, open, overdue, emergencies, by kind and by state."""
    qs = cases_of(crisis)
    now = timezone.now()
    by_kind = {row["kind"]: row["n"] for row in qs.values("kind").annotate(n=Count("id")).order_by()}
    by_state = {row["state"]: row["n"] for row in qs.values("state").annotate(n=Count("id")).order_by()}
    return {
        "total": qs.count(),
        "open": qs.filter(state__in=OPEN_STATES).count(),
        "overdue": qs.filter(state__in=OPEN_STATES, due_at__lte=now).count(),
        "by_kind": [(str(c.Kind(k).label), n) for k, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))],
        "by_state": [(str(c.State(s).label), n) for s, n in sorted(by_state.items(), key=lambda kv: (-kv[1], kv[0]))],
    }


def summary(crisis: Crisis) -> dict:
    """The post-crisis summary: cases by kind and by outcome, and median response times (stable keys, counts only)."""
    qs = cases_of(crisis)
    by_kind = {row["kind"]: row["n"] for row in qs.values("kind").annotate(n=Count("id")).order_by()}
    by_outcome = {(row["outcome"] or "pending"): row["n"]
                  for row in qs.values("outcome").annotate(n=Count("id")).order_by()}
    times = list(qs.values_list("received_at", "acknowledged_at", "decided_at"))
    removals = TargetItem.objects.filter(case__in=qs, action__in=list(c.RESTRICTING_ACTIONS)).count()
    return {
        "cases": qs.count(),
        "by_kind": dict(sorted(by_kind.items())),
        "by_outcome": dict(sorted(by_outcome.items())),
        "items_restricted": removals,
        "data_requests": sum(n for k, n in by_kind.items() if k in c.DATA_KINDS),
        "median_hours_to_acknowledge": _hours((r, a) for r, a, _d in times),
        "median_hours_to_decide": _hours((r, d) for r, _a, d in times),
        "decided": sum(1 for _r, _a, d in times if d),
        "computed_at": timezone.now().replace(microsecond=0).isoformat(),
    }


def period_rows(first_day, last_day) -> list[dict]:
    """For the period report: each crisis meeting the period, with the requests received during it (and in the
    period), the removals (items restricted) and the user-data requests, and how many of those were granted."""
    rows = []
    for crisis in Crisis.objects.overlapping(first_day, last_day).order_by("starts_on", "id"):
        start = max(crisis.starts_on, first_day)
        end = min(crisis.ends_on or last_day, last_day)
        qs = cases_of(crisis).filter(received_at__date__gte=start, received_at__date__lte=end)
        data = qs.filter(kind__in=list(c.DATA_KINDS))
        content = qs.filter(kind__in=list(c.CONTENT_KINDS))
        rows.append({
            "crisis": crisis,
            "received": qs.count(),
            "content_requests": content.count(),
            "items_restricted": TargetItem.objects.filter(case__in=qs, action__in=list(c.RESTRICTING_ACTIONS)).count(),
            "data_requests": data.count(),
            "data_granted": data.filter(outcome__in=[c.Outcome.GRANTED, c.Outcome.PARTIALLY_GRANTED]).count(),
        })
    return rows
