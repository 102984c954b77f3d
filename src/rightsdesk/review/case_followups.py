"""What review does when a case arrives or is edited: called by name from ``cases.services`` (``core/registry.py``).

``cases`` knows nothing of review, so its services call these through the registry, in their transaction, for
every caller (intake's forms, API and batches, the mail desk, appeals, the importer, the demos, tests). Moving a
case along the workflow is not here: the services that call ``workflow.transition`` name
``deadlines.restart_clock`` in its ``after`` list.
"""

from __future__ import annotations

from django.utils import timezone

from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import is_emergency
from rightsdesk.crisis import services as crisis_services

from . import deadlines
from .alerts import alert_oncall_soon


def cases_created(cases: list[Case]) -> None:
    """New cases (one from ``create_case``, many from ``write_cases_bulk``): each gets its first deadline (counted
    from when it was received), a running crisis that covers it tags it, an open emergency alerts the on-call staff.

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
    # A running crisis that covers a new case tags it (crisis.services.tag_new_case).
    if len(cases) == 1 or crisis_services.any_running():
        for case in cases:
            crisis_services.tag_new_case(case)
    for case in cases:
        if is_emergency(case) and case.is_open:
            alert_oncall_soon(case)


def case_changed(case: Case, changes: dict) -> None:
    """A case edited through ``update_case``: an open case that is now an emergency (a harm report re-categorised
    as a threat) alerts the on-call staff. Once: a case already alerted, or already seen as an emergency, has its
    ``EmergencyRecord``; transitions retry an alert nobody received (``deadlines.restart_clock``)."""
    if is_emergency(case) and case.is_open:
        alert_oncall_soon(case)
