"""What the review workspace keeps about people, for retention purges (see privacy/retention.py).

Staff notes and messages can quote the people involved; the checklist answers
and the decision record stay, since they explain the figures.
"""

from __future__ import annotations

from .models import EmergencyRecord, MessageToRequester, Note

PURGED = "[removed under the retention policy]"


def purge_case(case) -> None:
    Note.objects.filter(case=case).update(body=PURGED)
    MessageToRequester.objects.filter(case=case).update(body=PURGED)
    EmergencyRecord.objects.filter(case=case).exclude(disclosure_note="").update(disclosure_note=PURGED)


def subject_data(cases, parties) -> dict:
    own = {p.case_id for p in parties if p.role == "requester"}
    return {"messages_we_sent_you": [{"case": m.case.reference, "sent": m.created_at.isoformat(), "text": m.body}
                                     for m in MessageToRequester.objects.filter(case_id__in=own).select_related("case")]}
