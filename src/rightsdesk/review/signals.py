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
    cases_created(sender, [instance])


def cases_created(sender, cases: list[Case], **kwargs) -> None:
    """New cases (one saved, or many from ``cases.services.create_cases_bulk``): each gets its first deadline,
    a running crisis that covers it tags it, an open emergency alerts the on-call staff.

    For many cases at once the deadlines are written with one UPDATE per distinct due time, and the question
    whether any crisis is running is asked once.
    """
    now = timezone.now()
    rules = deadlines.table()  # read once for all the cases
    changed: dict = {}
    for case in cases:
        due = deadlines.due_for(case, case.received_at or now, rules)
        if due != case.due_at:
            changed.setdefault(due, []).append(case)
            case.due_at = due
    for due, group in changed.items():
        Case.objects.filter(pk__in=[case.pk for case in group]).update(due_at=due)
    # A running crisis that covers a new case tags it (crisis.services; an explicit call, not a signal of its own).
    if len(cases) == 1 or crisis_services.any_running():
        for case in cases:
            crisis_services.tag_new_case(case)
    for case in cases:
        if is_emergency(case) and case.is_open:
            alert_oncall_soon(case)

