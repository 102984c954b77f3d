"""What the notices app keeps about people, and the legal holds that stop a purge (see privacy/retention.py)."""

from __future__ import annotations

from .models import LegalHold, Notice

PURGED = "[removed under the retention policy]"


def purge_blocked(case) -> str:
    """A case under a legal hold keeps its records until the hold ends."""
    if LegalHold.objects.filter(case=case).active().exists():
        return "under an active legal hold"
    return ""


def purge_case(case) -> None:
    Notice.objects.filter(case=case).update(body=PURGED, recipient_account="")


def subject_data(cases, parties) -> dict:
    party_ids = [p.pk for p in parties]
    return {"notices_sent_to_you": [
        {"case": n.case.reference, "subject": n.subject, "status": n.status, "language": n.language, "text": n.body}
        for n in Notice.objects.filter(party_id__in=party_ids).select_related("case")
    ]}
