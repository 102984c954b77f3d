"""Every read of legal-support requests. Staff reads check the permission and write an audit entry for each look;
the period report gets only counts (:func:`counts_for_report`), never a request."""

from __future__ import annotations

from collections import Counter

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from rightsdesk.accounts.access import require
from rightsdesk.audit.services import record_access
from rightsdesk.cases.policy import LEGAL_SUPPORT_PERSONAL_FIELDS

from .models import Counsel, LegalSupportEvent, LegalSupportRequest, State
from .regions import region_of
from .workflow import VIEW

#: Fields shown on a request's page, as recorded in the audit entry of each look.
SHOWN_FIELDS = sorted(LEGAL_SUPPORT_PERSONAL_FIELDS)


def requests_for(user, *, state: str = "") -> list[LegalSupportRequest]:
    """The list for the legal-support staff (no personal field is shown in it; the look is audited anyway)."""
    require(user, VIEW)
    qs = LegalSupportRequest.objects.select_related("counsel").only(
        "reference", "state", "received_at", "threat_kind", "country", "source", "counsel__name", "decided_at")
    if state in State.values:
        qs = qs.filter(state=state)
    rows = list(qs[:500])
    record_access(user, "view_private", fields=["list"], purpose="legal support: request list")
    return rows


def request_for(user, reference: str, *, purpose: str = "request page") -> LegalSupportRequest:
    """One request for the legal-support staff; the look is written to the audit trail."""
    require(user, VIEW)
    request = (LegalSupportRequest.objects.select_related("counsel", "decided_by")
               .filter(reference=reference).first())
    if request is None:
        raise Http404("No such request")
    record_access(user, "view_private", obj=request, fields=SHOWN_FIELDS, purpose=f"legal support: {purpose}")
    return request


def counsel_list(user, *, audit: bool = True) -> list[Counsel]:
    require(user, VIEW)
    rows = list(Counsel.objects.all())
    if audit:
        record_access(user, "view_private", fields=["contact"], purpose="legal support: counsel list")
    return rows


def counsel_for(request: LegalSupportRequest) -> list[Counsel]:
    """Active counsel, those of the request's country first, then those speaking its language."""
    rows = list(Counsel.objects.filter(active=True))
    return sorted(rows, key=lambda c: (c.country != request.country, request.language not in c.language_list,
                                       c.name))


# Aggregates for the period report -------------------------------------------------------------------------------

REGION_ORDER = ["africa", "americas", "asia", "europe", "oceania", "unknown"]
REGION_LABELS = {
    "africa": _("Africa"), "americas": _("Americas"), "asia": _("Asia"), "europe": _("Europe"),
    "oceania": _("Oceania"), "unknown": _("Not known"),
}


#: The words of the period report's section (reports.sections.legal_support_section), translated with this app.
REPORT_TEXT = {
    "title": _("Legal support for contributors"),
    "intro": _("Volunteers facing a legal threat, a lawsuit or government pressure over their contributions may ask "
               "us for help. These requests are confidential: only their number is published, by world region."),
    "summary": _("Requests for legal support"), "count": _("Number"),
    "received": _("Requests received"), "supported": _("Requests granted support"),
    "note": _("Requests received in the period; those granted support, whenever the decision was taken."),
    "by_region": _("Requests by region"), "requests": _("Requests"),
}


def counts_for_report(start, end) -> dict:
    """Requests received in [start, end): how many, how many were granted support, and by region. Nothing else."""
    granted = LegalSupportEvent.objects.filter(request=OuterRef("pk"), action="support")
    rows = (LegalSupportRequest.objects.filter(received_at__gte=start, received_at__lt=end)
            .annotate(granted=Exists(granted)).values_list("country", "granted"))
    received, supported = 0, 0
    by_region: Counter = Counter()
    for country, was_granted in rows:
        received += 1
        by_region[region_of(country)] += 1
        supported += bool(was_granted)
    return {"received": received, "supported": supported,
            "by_region": {key: by_region.get(key, 0) for key in REGION_ORDER}}
