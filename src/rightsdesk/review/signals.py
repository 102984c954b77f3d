"""Reactions to cases being created and moved: deadlines and the emergency alert."""

from __future__ import annotations

from django.utils import timezone

from rightsdesk.cases.models import Case

from . import deadlines
from .models import is_emergency


def case_saved(sender, instance: Case, created: bool, raw: bool = False, **kwargs) -> None:
    """A new case gets its first deadline (from when it was received); an emergency alerts the on-call staff.

    A case can also become an emergency later (a harm report re-categorised
    as a threat), so every save of an open emergency checks for an alert.
    """
    if raw:
        return
    if not created:
        if is_emergency(instance) and instance.is_open:
            from .services import alert_oncall_soon

            alert_oncall_soon(instance)
        return
    due = deadlines.due_for(instance, instance.received_at or timezone.now())
    if due != instance.due_at:
        Case.objects.filter(pk=instance.pk).update(due_at=due)
        instance.due_at = due
    if is_emergency(instance) and instance.is_open:
        from .services import alert_oncall_soon

        alert_oncall_soon(instance)


def case_transitioned(sender, case: Case, transition, actor, reason, context, **kwargs) -> None:
    """Each state has its own allowance, counted from the moment the case entered it."""
    due = deadlines.due_for(case, timezone.now())
    Case.objects.filter(pk=case.pk).update(due_at=due)
    case.due_at = due
    if is_emergency(case) and case.is_open:
        from .services import alert_oncall_soon

        alert_oncall_soon(case, retry=True)
