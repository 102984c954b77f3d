"""How long a case may stay in each state before it is due.

The table maps a case kind (or ``"*"`` for every kind) to the hours allowed
in each state; the most specific entry wins. Installations override or extend
it with ``settings.RIGHTSDESK_DEADLINES`` in the same shape, e.g.::

    RIGHTSDESK_DEADLINES = {"copyright_notice": {"under_review": 48}}

and administrators with :class:`~rightsdesk.review.models.DeadlineRule` rows
in the admin, which win over both. ``rightsdesk recompute_deadlines`` applies
a changed table to the open cases.

``due_at`` is computed from the moment the case entered its current state
(for a new case: when it was received), so a case waiting on the requester
is not overdue, and a decided case has no deadline until its notices.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import EMERGENCY_HARM_CATEGORIES

S = c.State
K = c.Kind

#: Hours allowed in a state. None means "no deadline in this state".
DEFAULT_DEADLINES: dict[str, dict[str, float | None]] = {
    "*": {
        S.RECEIVED: 48, S.TRIAGE: 72, S.AWAITING_INFORMATION: None, S.UNDER_REVIEW: 24 * 14,
        S.AWAITING_APPROVAL: 72, S.DECIDED: 72, S.NOTIFIED: None, S.CLOSED: None,
    },
    # An emergency is acknowledged within the hour and decided within hours.
    K.EMERGENCY_DISCLOSURE: {S.RECEIVED: 1, S.TRIAGE: 1, S.UNDER_REVIEW: 4, S.AWAITING_APPROVAL: 1, S.DECIDED: 12},
    K.HARM_REPORT: {S.RECEIVED: 12, S.TRIAGE: 24, S.UNDER_REVIEW: 24 * 3},
    # Copyright notices are decided within days (expeditious removal, DMCA 512(c)).
    K.COPYRIGHT_NOTICE: {S.RECEIVED: 24, S.TRIAGE: 24, S.UNDER_REVIEW: 24 * 3, S.AWAITING_APPROVAL: 24},
    K.COPYRIGHT_COUNTER_NOTICE: {S.UNDER_REVIEW: 24 * 3},
    K.USER_DATA_REQUEST: {S.UNDER_REVIEW: 24 * 10},
    # Records are preserved promptly (within days); the 90-day period itself is the statutory clock (clocks app).
    K.PRESERVATION_REQUEST: {S.RECEIVED: 24, S.TRIAGE: 24, S.UNDER_REVIEW: 24 * 3},
    K.APPEAL: {S.UNDER_REVIEW: 24 * 7},
}

#: A case is "soon due" when less than a quarter of its allowance, and at most this many hours, is left.
SOON_HOURS = 24


def _stored_rules() -> list[tuple[str, str, float | None]]:
    from .models import DeadlineRule

    return [(r.kind or "*", r.state, None if r.hours is None else float(r.hours)) for r in DeadlineRule.objects.all()]


#: The merged table is kept for this many seconds per process, so bulk intake does not read the
#: rules once per case; a change saved in this process clears it at once (``admin.DeadlineRuleAdmin``).
TABLE_CACHE_SECONDS = 30
_cache: dict = {}


def clear_cache() -> None:
    """Forget the merged table: the deadline rules were edited (``admin.DeadlineRuleAdmin``), or a test begins."""
    _cache.clear()


def table() -> dict[str, dict[str, float | None]]:
    """The deadline table: the defaults, then settings.RIGHTSDESK_DEADLINES, then the rules in the database."""
    import time

    key = repr(getattr(settings, "RIGHTSDESK_DEADLINES", None))
    hit = _cache.get(key)
    if hit is not None and time.monotonic() - hit[0] < TABLE_CACHE_SECONDS:
        return hit[1]
    merged = {kind: dict(states) for kind, states in DEFAULT_DEADLINES.items()}
    for kind, states in (getattr(settings, "RIGHTSDESK_DEADLINES", None) or {}).items():
        merged.setdefault(kind, {}).update(states)
    for kind, state, hours in _stored_rules():
        merged.setdefault(kind, {})[state] = hours
    _cache.clear()
    _cache[key] = (time.monotonic(), merged)
    return merged


def allowance(kind: str, state: str, harm_category: str = "", rules: dict | None = None) -> timedelta | None:
    """The time allowed in ``state`` for a case of ``kind`` (None: no deadline).

    Pass ``rules=table()`` when asking for many cases, so the table is read once.
    """
    rules = rules if rules is not None else table()
    lookup_kind = K.EMERGENCY_DISCLOSURE if kind == K.HARM_REPORT and harm_category in EMERGENCY_HARM_CATEGORIES else kind
    for key in (lookup_kind, "*"):
        states = rules.get(key, {})
        if state in states:
            hours = states[state]
            return None if hours is None else timedelta(hours=float(hours))
    return None


def due_for(case, entered_at: datetime | None = None, rules: dict | None = None) -> datetime | None:
    """When ``case`` is due in its current state, counted from ``entered_at`` (default: now); ``rules`` as for
    :func:`allowance`."""
    return due_in_state(case.kind, case.state, case.harm_category, entered_at, rules)


def due_in_state(kind: str, state: str, harm_category: str, entered_at: datetime | None = None,
                 rules: dict | None = None) -> datetime | None:
    """:func:`due_for` of a case not built yet: a bulk writer puts a new case's first deadline in its row, and the
    ``cases_created`` follow-up (``case_followups``) then finds nothing to change."""
    span = allowance(kind, state, harm_category or "", rules)
    if span is None:
        return None
    return (entered_at or timezone.now()) + span


def urgency(case, now: datetime | None = None, rules: dict | None = None) -> str:
    """"overdue", "soon" or "" — what the queues colour a case by."""
    if not case.due_at or not case.is_open:
        return ""
    now = now or timezone.now()
    if case.due_at <= now:
        return "overdue"
    span = allowance(case.kind, case.state, case.harm_category, rules) or timedelta(hours=SOON_HOURS)
    if case.due_at - now <= min(timedelta(hours=SOON_HOURS), span / 4):
        return "soon"
    return ""


def entered_current_state_at(case) -> datetime:
    """When the case entered its current state: its last transition, or its receipt."""
    from rightsdesk.cases.models import CaseHistory

    last = (CaseHistory.objects.filter(case=case, event=CaseHistory.Event.TRANSITION, to_state=case.state)
            .order_by("-at", "-id").values_list("at", flat=True).first())
    return last or case.received_at


def recompute(case) -> datetime | None:
    """Set ``due_at`` again from the table (after the deadlines were changed in settings)."""
    from rightsdesk.cases.models import Case

    due = due_for(case, entered_current_state_at(case))
    if due != case.due_at:
        Case.objects.filter(pk=case.pk).update(due_at=due)
        case.due_at = due
    return due


def restart_clock(case) -> None:
    """After a transition: the case's allowance in its new state counts from now; an open emergency alerts again.

    Every service that moves a case names this in ``workflow.transition(after=...)``.
    """
    from rightsdesk.cases.models import Case
    from rightsdesk.cases.policy import is_emergency

    from .alerts import alert_oncall_soon

    due = due_for(case, timezone.now())
    Case.objects.filter(pk=case.pk).update(due_at=due)
    case.due_at = due
    if is_emergency(case) and case.is_open:
        alert_oncall_soon(case, retry=True)
