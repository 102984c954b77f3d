"""Reactions to cases being saved: the first deadline and the emergency alert.

Moving a case along the workflow is not a signal: the services that call
``workflow.transition`` name ``deadlines.restart_clock`` in its ``after`` list.
"""

from __future__ import annotations

from django.utils import timezone

from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import is_emergency
from rightsdesk.crisis import services as crisis_services

from . import deadlines
from .alerts import alert_oncall_soon


def case_saved(sender, instance: Case, created: bool, raw: bool = False, **kwargs) -> None:
    """A new case gets its first deadline (from when it was received); an emergency alerts the on-call staff.

    A case can also become an emergency later (a harm report re-categorised
    as a threat), so every save of an open emergency checks for an alert.
    """
    if raw:
        return
    if not created:
        if is_emergency(instance) and instance.is_open:
            alert_oncall_soon(instance)
        return
    due = deadlines.due_for(instance, instance.received_at or timezone.now())
    if due != instance.due_at:
        Case.objects.filter(pk=instance.pk).update(due_at=due)
        instance.due_at = due
    # A running crisis that covers the new case tags it (crisis.services; an explicit call, not a signal of its own).
    crisis_services.tag_new_case(instance)
    if is_emergency(instance) and instance.is_open:
        alert_oncall_soon(instance)

