"""What the review workspace keeps about people, for retention purges (see privacy/retention.py).

Staff notes, messages, checklist notes and the decision proposals' texts can
quote the people involved, and go; the checklist answers and each proposed
item's action stay, since they explain the figures.
"""

from __future__ import annotations

from .models import ChecklistAnswer, DecisionProposal, EmergencyRecord, MessageToRequester, Note

PURGED = "[removed under the retention policy]"


def purge_case(case) -> None:
    Note.objects.filter(case=case).update(body=PURGED)
    MessageToRequester.objects.filter(case=case).update(body=PURGED)
    EmergencyRecord.objects.filter(case=case).exclude(disclosure_note="").update(disclosure_note=PURGED)
    ChecklistAnswer.objects.filter(case=case).exclude(note="").update(note="")
    for proposal in DecisionProposal.objects.filter(case=case):
        proposal.summary = PURGED if proposal.summary else ""
        proposal.review_note = PURGED if proposal.review_note else ""
        proposal.items = [{"id": i.get("id"), "action": i.get("action", "")} for i in proposal.items or []]
        proposal.save(update_fields=["summary", "review_note", "items"])


def subject_data(cases, parties, *, email: str = "", account: str = "") -> dict:
    own = {p.case_id for p in parties if p.role == "requester"}
    return {"messages_we_sent_you": [{"case": m.case.reference, "sent": m.created_at.isoformat(), "text": m.body}
                                     for m in MessageToRequester.objects.filter(case_id__in=own).select_related("case")]}
