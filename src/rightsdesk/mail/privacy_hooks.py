"""What the mail app keeps about people, for retention purges, data-subject exports and key rotation
(see privacy/retention.py, privacy/subject_export.py and privacy/rotation.py).

A received e-mail filed into a case holds the same personal data as the case (often more: the whole original),
so it is purged with the case and exported to the person who sent it. Its files (the original message and the
attachments) are sealed with the privacy key and resealed when the key changes.
"""

from __future__ import annotations

from collections import Counter

from rightsdesk.cases.policy import RECEIVED_MAIL_PERSONAL_FIELDS
from rightsdesk.privacy.files import reseal_file_field

from .models import InboundAttachment, InboundMessage

#: In a fixed order, for the updates that blank them.
BLANKED_WHEN_PURGED = tuple(sorted(RECEIVED_MAIL_PERSONAL_FIELDS))


def purge_case(case) -> None:
    """Delete the files of the e-mails filed into the case and blank their personal parts."""
    messages = InboundMessage.objects.filter(case=case)
    for attachment in InboundAttachment.objects.filter(message__in=messages):
        if attachment.file:
            attachment.file.delete(save=False)
    InboundAttachment.objects.filter(message__in=messages).update(file="", filename="")
    for message in messages:
        if message.raw:
            message.raw.delete(save=False)
    messages.update(raw="", **{name: "" for name in BLANKED_WHEN_PURGED})


def purge_unattached(now=None, dry_run: bool = False) -> int:
    """Received e-mail never filed into a case (ignored, or never sorted) is purged after
    ``RIGHTSDESK_MAIL["UNFILED_RETENTION_DAYS"]`` days: its files deleted and its personal parts blanked, like a
    purged case's. The row stays (inbox, dates, status, Message-ID), so a re-delivery is still known as a duplicate."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    days = int(settings.RIGHTSDESK_MAIL.get("UNFILED_RETENTION_DAYS", 180))
    cutoff = (now or timezone.now()) - timedelta(days=days)
    due = [message for message in InboundMessage.objects.filter(case__isnull=True, received_at__lt=cutoff)
           if message.raw or any(getattr(message, name) for name in BLANKED_WHEN_PURGED)]  # not purged yet
    if dry_run:
        return len(due)
    count = 0
    for message in due:
        for attachment in message.attachments.all():
            if attachment.file:
                attachment.file.delete(save=False)
        message.attachments.update(file="", filename="")
        if message.raw:
            message.raw.delete(save=False)
        InboundMessage.objects.filter(pk=message.pk).update(raw="", **{name: "" for name in BLANKED_WHEN_PURGED})
        count += 1
    return count


def subject_data(cases, parties, *, email: str = "", account: str = "") -> dict:
    """The e-mails a person sent (or that were forwarded in their name): those filed into their cases, and those
    from the address searched that are tied to no case (never sorted, or ignored; kept until
    ``UNFILED_RETENTION_DAYS``). A message from them about a case they are no party to is listed without its case."""
    addresses = {(p.email or "").lower() for p in parties if getattr(p, "email", "")}
    searched = (email or "").strip().lower()
    case_ids = {p.case_id for p in parties}
    exported = {case.pk for case in cases}
    candidates = InboundMessage.objects.filter(case_id__in=case_ids)
    if searched:  # the addresses are encrypted: compared after decryption, among the messages tied to no case
        candidates = candidates | InboundMessage.objects.filter(case__isnull=True)
    own = []
    for message in candidates.select_related("case").order_by("pk"):
        senders = {message.sender_email.lower(), message.original_sender_email.lower()} - {""}
        if senders & (addresses | ({searched} if searched else set())):
            own.append({"case": message.case.reference if message.case_id in exported else None,
                        "received": message.received_at.isoformat(),
                        "sent": message.sent_at.isoformat() if message.sent_at else None,
                        "subject": message.subject, "text": message.body_text,
                        "attachments": [a.filename for a in message.attachments.all()]})
    return {"your_emails": own}


def reseal_files(*, current_key: str, dry_run: bool) -> tuple[Counter, int]:
    """Re-seal the stored originals and attachments not under the current key (``rightsdesk reencrypt``); the new
    file is written before the row points at it, and the old one deleted last."""
    counts: Counter = Counter()
    resealed = reseal_file_field(InboundMessage.objects.exclude(raw="").order_by("pk").iterator(), "raw",
                                 "mail.inboundmessage", current_key=current_key, dry_run=dry_run, counts=counts)
    resealed += reseal_file_field(InboundAttachment.objects.exclude(file="").order_by("pk").iterator(), "file",
                                  "mail.inboundattachment", current_key=current_key, dry_run=dry_run, counts=counts)
    return counts, resealed
