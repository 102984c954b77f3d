"""What the notices app keeps about people, and the legal holds that stop a purge (see privacy/retention.py) and
leave a case out of the data-subject export (privacy/subject_export.py)."""

from __future__ import annotations

from .bookkeeping import hold_over
from .models import LegalHold, Notice

PURGED = "[removed under the retention policy]"


def purge_blocked(case) -> str:
    """A case under a legal hold keeps its records until the hold ends."""
    if LegalHold.objects.filter(case=case).active().exists():
        return "under an active legal hold"
    return ""


def export_withheld(case, roles) -> bool:
    """Whether the data-subject export leaves this case out for a person with these roles in it: an active legal
    hold (a gag order) covers one of them. What a hold bars the notices from telling, the export does not tell either
    (``bookkeeping.hold_over``, the notices' own rule: an affected user's appeal is covered by a hold on the case
    appealed too).
    """
    return any(hold_over(case, role) for role in roles)


def purge_case(case) -> None:
    Notice.objects.filter(case=case).update(body=PURGED, recipient_account="", appeal_token_sealed="")


def subject_data(cases, parties, *, email: str = "") -> dict:
    """The notices sent to the person: sent ones only (a draft, a held or a queued notice was never told them)."""
    party_ids = [p.pk for p in parties]
    return {"notices_sent_to_you": [
        {"case": n.case.reference, "subject": n.subject, "status": n.status, "language": n.language, "text": n.body}
        for n in Notice.objects.filter(party_id__in=party_ids, status=Notice.Status.SENT).select_related("case")
    ]}
