"""The yearly human-rights report: what the public page and its JSON show, and nothing else.

Every text comes from a reviewed public wording (``public_text`` with ``public_reviewed_at`` set) of the
due-diligence register's items and of the crises; every other figure is a count. Nothing here reads a description,
a summary, a note, a title staff wrote for themselves, or any field of a case but its kind, outcome and dates.
The queries name the columns they read (``values``), so a private column cannot slip into the result. A crisis's
projects, typed by staff and not part of its reviewed wording, are named only as the platform's own sites
(``Crisis.public_sites``): a user page or a volunteer's own site typed there never reaches the public.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.diligence.models import Assessment, Mitigation, Right, Risk

from .models import Crisis, CrisisKind

#: Counts from 1 to THRESHOLD - 1 of a single crisis are shown as "fewer than 5" (reports/disclosure.py's rule).
THRESHOLD = 5
#: A risk of this score (severity × likelihood) or more is salient.
SALIENT_SCORE = 9

REVIEWED = Q(public_reviewed_at__isnull=False) & ~Q(public_text="")


def _risk_status(mitigation_statuses: list[str]) -> str:
    live = [s for s in mitigation_statuses if s != Mitigation.Status.DROPPED]
    if live and all(s == Mitigation.Status.DONE for s in live):
        return "mitigated"
    if any(s in (Mitigation.Status.IN_PROGRESS, Mitigation.Status.DONE) for s in live):
        return "being_addressed"
    return "open"


RISK_STATUS_LABELS = {
    "open": _("Open"), "being_addressed": _("Being addressed"), "mitigated": _("Mitigated"),
}


def _small(n: int) -> dict:
    return {"value": None, "suppressed": True} if 0 < n < THRESHOLD else {"value": n, "suppressed": False}


def build(year: int) -> dict:
    """The report for ``year`` as plain data (the page renders it; the JSON is it)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    rights = dict(Right.choices)

    assessments = Assessment.objects.filter(assessed_on__year=year)
    assessment_rows = [{"text": row["public_text"], "status": str(Assessment.Status(row["status"]).label)}
                       for row in assessments.filter(REVIEWED).order_by("assessed_on", "id").values("public_text", "status")]

    risks = []
    for risk in (Risk.objects.filter(REVIEWED).filter(assessment__assessed_on__lte=last)
                 .exclude(assessment__status=Assessment.Status.ARCHIVED)
                 .order_by("-severity", "-likelihood", "id").values("id", "public_text", "right", "severity", "likelihood")):
        if risk["severity"] * risk["likelihood"] < SALIENT_SCORE:
            continue
        statuses = list(Mitigation.objects.filter(risk_id=risk["id"]).values_list("status", flat=True))
        status = _risk_status(statuses)
        risks.append({"text": risk["public_text"], "right": str(rights.get(risk["right"], risk["right"])),
                      "status": status, "status_label": str(RISK_STATUS_LABELS[status])})

    done = Mitigation.objects.filter(status=Mitigation.Status.DONE, due_on__year=year)
    mitigation_rows = [{"text": t} for t in done.filter(REVIEWED).order_by("due_on", "id").values_list("public_text", flat=True)]

    cases = Case.objects.filter(received_at__date__gte=first, received_at__date__lte=last)
    grievances = []
    for kind in (c.Kind.GRIEVANCE, c.Kind.APPEAL):
        of_kind = cases.filter(kind=kind)
        outcomes = {(r["outcome"] or ""): r["n"] for r in of_kind.values("outcome").annotate(n=Count("id")).order_by()}
        grievances.append({
            "kind": kind.value, "label": str(c.Kind(kind).label), "received": of_kind.count(),
            "outcomes": [{"outcome": value or "pending", "label": str(label), "count": outcomes.get(value, 0)}
                         for value, label in c.Outcome.choices],
        })

    crisis_rows = []
    for crisis in Crisis.objects.overlapping(first, last).filter(REVIEWED).order_by("starts_on", "id"):
        crisis_rows.append({
            "text": crisis.public_text, "kind": crisis.kind, "kind_label": str(CrisisKind(crisis.kind).label),
            "countries": [{"code": code, "name": str(all_countries.name(code) or code)} for code in crisis.countries],
            "projects": crisis.public_sites, "first_day": crisis.starts_on.isoformat(),
            "last_day": crisis.ends_on.isoformat() if crisis.ends_on else None,
            "cases": _small(crisis.tags.filter(case__received_at__date__gte=first,
                                               case__received_at__date__lte=last).count()),
        })

    return {
        "year": year,
        "assessments": {"completed": assessments.filter(status=Assessment.Status.COMPLETED).count(),
                        "total": assessments.count(), "items": assessment_rows},
        "salient_risks": risks,
        "mitigations": {"completed": done.count(), "items": mitigation_rows},
        "grievances": grievances,
        "crises": {"handled": Crisis.objects.overlapping(first, last).count(), "items": crisis_rows},
    }
