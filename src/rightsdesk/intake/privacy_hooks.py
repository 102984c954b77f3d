"""What intake keeps about people, for retention purges and data-subject exports (see privacy/retention.py)."""

from __future__ import annotations

from collections import Counter

from django.core.files.base import ContentFile
from django.db import transaction

from rightsdesk.privacy import crypto

from .models import Attachment, Declaration, MessageFromRequester


def purge_case(case) -> None:
    """Delete the attachments (files and rows) and blank what the requester wrote and signed."""
    for attachment in Attachment.objects.filter(case=case):
        attachment.file.delete(save=False)
    Attachment.objects.filter(case=case).delete()
    MessageFromRequester.objects.filter(case=case).update(text="")
    Declaration.objects.filter(case=case).update(signature="")


def subject_data(cases, parties) -> dict:
    """The requester's own additions and declarations, for the cases where the person is the requester."""
    own = {p.case_id for p in parties if p.role == "requester"}
    return {
        "your_messages": [{"case": m.case.reference, "sent": m.created_at.isoformat(), "text": m.text}
                          for m in MessageFromRequester.objects.filter(case_id__in=own).select_related("case")],
        "your_declarations": [{"case": d.case.reference, "statements": d.statements, "signature": d.signature}
                              for d in Declaration.objects.filter(case_id__in=own).select_related("case")],
        "your_attachments": [{"case": a.case.reference, "file_name": a.original_name, "size": a.size}
                             for a in Attachment.objects.filter(case_id__in=own).select_related("case")],
    }


def reseal_files(*, current_key: str, dry_run: bool) -> tuple[Counter, int]:
    """Re-seal attachment files not under the current key (for ``rightsdesk reencrypt``).

    The new file is written first and the row pointed at it in a transaction;
    only then is the old file deleted, so a crash leaves at worst an orphaned
    old file, never a row without its file.
    """
    keys_before, resealed = Counter(), 0
    for attachment in Attachment.objects.order_by("pk").iterator():
        with attachment.file.open("rb") as stored:
            # The header names the key: a file already under the current key (or a dry run) is not read whole.
            header = stored.read(len(crypto.FILE_MAGIC) + crypto.KEY_ID_LENGTH)
            key = crypto.key_id_of(header) or "plaintext"
            keys_before[key] += 1
            if key == current_key:
                continue
            resealed += 1
            if dry_run:
                continue
            blob = header + stored.read()
        try:
            contents = crypto.decrypt_bytes(blob)
        except crypto.DecryptionError as error:
            raise crypto.DecryptionError(f"intake.attachment {attachment.pk}: {error}") from None
        old_name = attachment.file.name
        attachment.file.save("attachment", ContentFile(crypto.encrypt_bytes(contents)), save=False)
        with transaction.atomic():
            Attachment.objects.filter(pk=attachment.pk).update(file=attachment.file.name)
        attachment.file.storage.delete(old_name)
    return keys_before, resealed
