"""Reactions to the case workflow: draft the notices a decision owes, apply an appeal's outcome."""

from __future__ import annotations

from django.dispatch import receiver

from rightsdesk.cases import choices as c
from rightsdesk.cases.workflow import case_transitioned

from . import appeals, services
from .models import Notice

DECIDING = frozenset({"decide", "approve"})


@receiver(case_transitioned, dispatch_uid="notices.on_transition")
def on_transition(sender, case, transition, actor, reason, context, **kwargs):
    if transition.name in DECIDING:
        restored = []
        if case.kind == c.Kind.APPEAL and case.appeal_of_id:
            restored = appeals.apply_outcome(case, actor, (context or {}).get("restore_items"))
        items = case.appeal_of.items.filter(pk__in=restored) if restored else ()
        services.draft_notices(case, actor, appeal_items=items)
    elif transition.name == "reopen":
        for notice in case.notices.filter(status__in=services.UNRESOLVED):
            notice.status = Notice.Status.CANCELLED
            notice.cancel_reason = "The decision was reopened."
            notice.save()
            services._record(notice, actor, "cancelled", reason="The decision was reopened.")
