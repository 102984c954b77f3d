"""Demo data for the review: the open demo cases get deadlines, claims, checklists, notes and proposals."""

from __future__ import annotations

import random

from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import OPEN_STATES
from rightsdesk.demo import register

from . import checklist, deadlines
from .models import ChecklistAnswer, DecisionProposal, EmergencyRecord, Note
from .services import snapshot

NOTES = [
    "Checked the article history: the paragraph has been stable for two years and is sourced.",
    "The order is addressed to the wrong entity; consider asking for clarification.",
    "Similar request last year from the same firm, refused. See the earlier case.",
    "Volunteer community on this project has raised safety concerns before; take care with disclosure.",
]


@register("review", order=30)
def build_review(rng: random.Random, write) -> None:
    now = timezone.now()
    open_cases = list(Case.objects.filter(state__in=OPEN_STATES).order_by("received_at", "id"))
    for case in open_cases:
        # Deadlines count from receipt for cases that arrived in their state.
        due = deadlines.due_for(case, case.received_at)
        Case.objects.filter(pk=case.pk).update(due_at=due)
        if rng.random() < 0.4:
            Note.objects.create(case=case, body=rng.choice(NOTES), created_at=case.received_at + timezone.timedelta(hours=2))
        if case.state in (c.State.UNDER_REVIEW, c.State.AWAITING_APPROVAL):
            questions = checklist.questions_for(case)
            answered = questions if case.state == c.State.AWAITING_APPROVAL else questions[: rng.randint(1, len(questions))]
            for q in answered:
                value = "yes" if "yes" in q.values else q.options[0][0]
                ChecklistAnswer.objects.create(case=case, question=q.key, answer=value, note="Demo answer.",
                                               answered_at=case.received_at + timezone.timedelta(hours=3))
        if case.state == c.State.AWAITING_APPROVAL:
            action = c.Action.DISCLOSE if case.kind in c.DATA_KINDS else c.Action.REMOVE
            for item in case.items.all():
                item.action = action
                item.ground = "Demo: valid order" if action == c.Action.DISCLOSE else "Demo: court order"
                item.reason = "The order is specific and lawful; only what it names is affected."
                item.disclosed_fields = ["registration_date"] if action == c.Action.DISCLOSE else []
                item.save()
            DecisionProposal.objects.create(case=case, summary="Demo proposal awaiting a legal approver.",
                                            items=snapshot(case), proposed_at=now - timezone.timedelta(hours=5))
        if case.kind == c.Kind.EMERGENCY_DISCLOSURE:
            EmergencyRecord.objects.get_or_create(case=case, defaults={"alerted_at": case.received_at, "alerted_count": 2})
    write(f"  review: deadlines, notes and checklists on {len(open_cases)} open cases")
