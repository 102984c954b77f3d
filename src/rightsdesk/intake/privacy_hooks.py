"""What intake keeps about people, for retention purges and data-subject exports (see privacy/retention.py)."""

from __future__ import annotations

from collections import Counter

from rightsdesk.privacy.files import reseal_file_field

from .models import Attachment, Declaration, MessageFromRequester


def purge_case(case) -> None:
    """Delete the attachments (files and rows) and blank what the requester wrote and signed."""
    for attachment in Attachment.objects.filter(case=case):
        attachment.file.delete(save=False)
    Attachment.objects.filter(case=case).delete()
    MessageFromRequester.objects.filter(case=case).update(text="")
    Declaration.objects.filter(case=case).update(signature="")


def subject_data(cases, parties, *, email: str = "", account: str = "") -> dict:
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
    """Re-seal attachment files not under the current key (for ``rightsdesk reencrypt``; privacy/files.py)."""
    keys_before: Counter = Counter()
    resealed = reseal_file_field(Attachment.objects.order_by("pk").iterator(), "file", "intake.attachment",
                                 current_key=current_key, dry_run=dry_run, counts=keys_before)
    return keys_before, resealed
