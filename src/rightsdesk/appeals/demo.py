"""Demo appeals: each demo case of kind "appeal" gets its filing, through the notice that told the appellant.

Reversed ones restore the items of the case they appeal, recorded in its
history, as the real flow does. Runs after the notices' demo (the filings
point at its notices).
"""

from __future__ import annotations

import random

from rightsdesk.cases import choices as c
from rightsdesk.cases import services as case_services
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.cases.policy import APPEAL_OUTCOME_LABELS
from rightsdesk.demo import register
from rightsdesk.notices.models import Notice, Placeholder
from rightsdesk.review import history_reasons

from .models import AppealFiling
from .selectors import restorable_items


@register("appeals", order=41)
def build_appeals(rng: random.Random, write) -> None:
    appeals = 0
    restored = 0
    for appeal in Case.objects.filter(kind=c.Kind.APPEAL, appeal_of__isnull=False).select_related("appeal_of") \
            .order_by("received_at", "id"):
        original = appeal.appeal_of
        role = c.PartyRole.REQUESTER if original.outcome in (c.Outcome.REJECTED, c.Outcome.INVALID) \
            else c.PartyRole.AFFECTED_USER
        notice = original.notices.filter(recipient_role=role).order_by("id").first()
        AppealFiling.objects.get_or_create(appeal=appeal, defaults={
            "appellant_role": role, "notice": notice, "filed_at": appeal.received_at})
        if notice is not None:
            Notice.objects.filter(pk=notice.pk).update(appeal=appeal)
        appeals += 1
        case_services.record(original, CaseHistory.Event.APPEAL, "demo", at=appeal.received_at,
                             changes={"appeal": appeal.reference, "event": "filed", "appellant": role},
                             reason=history_reasons.APPEAL_FILED)
        if not appeal.decided_at or appeal.outcome not in APPEAL_OUTCOME_LABELS:
            continue
        items = []
        if appeal.outcome == c.Outcome.GRANTED:
            items = list(restorable_items(original))
        elif appeal.outcome == c.Outcome.PARTIALLY_GRANTED:
            items = list(restorable_items(original)[:1])
        label = history_reasons.in_english(APPEAL_OUTCOME_LABELS[appeal.outcome])
        for item in items:
            case_services.update_item(item, {"restored_at": appeal.decided_at}, "demo",
                                      reason=history_reasons.RESTORED_BY_APPEAL[appeal.outcome]
                                      % {"ref": appeal.reference})
            Placeholder.objects.filter(item=item).update(withdrawn_at=appeal.decided_at)
            restored += 1
        case_services.record(original, CaseHistory.Event.APPEAL, "demo", at=appeal.decided_at,
                             reason=history_reasons.APPEAL_DECIDED, changes={
                                 "appeal": appeal.reference, "event": "decided", "outcome": appeal.outcome,
                                 "outcome_label": label, "restored_items": [i.pk for i in items]})
    write(f"  appeals: {appeals} filed, {restored} items restored")
