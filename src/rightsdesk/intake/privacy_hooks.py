"""What intake keeps about people, for retention purges and data-subject exports (see privacy/retention.py)."""

from __future__ import annotations

from .models import Attachment, Declaration, RequesterMessage


def purge_case(case) -> None:
    """Delete the attachments (files and rows) and blank what the requester wrote and signed."""
    for attachment in Attachment.objects.filter(case=case):
        attachment.file.delete(save=False)
    Attachment.objects.filter(case=case).delete()
    RequesterMessage.objects.filter(case=case).update(text="")
    Declaration.objects.filter(case=case).update(signature="")


def subject_data(cases, parties) -> dict:
    """The requester's own additions and declarations, for the cases where the person is the requester."""
    own = {p.case_id for p in parties if p.role == "requester"}
    return {
        "your_messages": [{"case": m.case.reference, "sent": m.created_at.isoformat(), "text": m.text}
                          for m in RequesterMessage.objects.filter(case_id__in=own).select_related("case")],
        "your_declarations": [{"case": d.case.reference, "statements": d.statements, "signature": d.signature}
                              for d in Declaration.objects.filter(case_id__in=own).select_related("case")],
        "your_attachments": [{"case": a.case.reference, "file_name": a.original_name, "size": a.size}
                             for a in Attachment.objects.filter(case_id__in=own).select_related("case")],
    }
