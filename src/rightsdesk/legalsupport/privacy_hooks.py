"""What legal support keeps about people, for the retention run, the data-subject export and key rotation
(privacy/retention.py, privacy/subject_export.py, privacy/rotation.py).

A request is tied to no case, so the retention run purges it on its own clock (``purge_unattached``): a closed
request's personal fields (cases.policy.LEGAL_SUPPORT_PERSONAL_FIELDS) are blanked and its files deleted
``RIGHTSDESK_LEGAL_SUPPORT_RETENTION_DAYS`` (default 2555, seven years: the time limits of most claims) after it was
closed. The row stays, so the period report's counts do not change.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from rightsdesk.cases.policy import LEGAL_SUPPORT_PERSONAL_FIELDS
from rightsdesk.privacy.files import reseal_file_field

from .models import LegalSupportAttachment, LegalSupportRequest, State

BLANKED_WHEN_PURGED = tuple(sorted(LEGAL_SUPPORT_PERSONAL_FIELDS))


def retention_days() -> int:
    return int(getattr(settings, "RIGHTSDESK_LEGAL_SUPPORT_RETENTION_DAYS", 2555))


def purge_unattached(now=None, dry_run: bool = False) -> int:
    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    due = LegalSupportRequest.objects.filter(state=State.CLOSED, closed_at__lt=cutoff,
                                             personal_data_purged_at__isnull=True)
    if dry_run:
        return due.count()
    count = 0
    for request in due:
        for attachment in request.attachments.all():
            if attachment.file:
                attachment.file.delete(save=False)
        request.attachments.all().delete()
        LegalSupportRequest.objects.filter(pk=request.pk).update(
            personal_data_purged_at=now or timezone.now(), requester_email_index="",
            **{name: "" for name in BLANKED_WHEN_PURGED})
        count += 1
    return count


def subject_data(cases, parties, *, email: str = "", account: str = "") -> dict:
    """Requests for legal support sent from the address searched or an address of the person on their cases: a
    volunteer who asked for legal support is often party to no case. Found by the address's blind index."""
    from rightsdesk.privacy.crypto import blind_index

    addresses = {(p.email or "").strip() for p in parties if getattr(p, "email", "")} | ({email} if email else set())
    indexes = {blind_index(address) for address in addresses} - {""}
    if not indexes:
        return {}
    own = list(LegalSupportRequest.objects.filter(requester_email_index__in=indexes).order_by("pk"))
    return {"your_requests_for_legal_support": [{
        "reference": r.reference, "received": r.received_at.isoformat(), "state": r.state,
        **{name: getattr(r, name) for name in ("requester_name", "requester_email", "contributor_account",
                                              "description", "message_to_requester")},
    } for r in own]} if own else {}


def reseal_files(*, current_key: str, dry_run: bool) -> tuple[Counter, int]:
    counts: Counter = Counter()
    resealed = reseal_file_field(LegalSupportAttachment.objects.exclude(file="").order_by("pk").iterator(), "file",
                                 "legalsupport.legalsupportattachment", current_key=current_key, dry_run=dry_run,
                                 counts=counts)
    return counts, resealed
