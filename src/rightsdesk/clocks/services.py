"""Statutory clocks of a case: start, pause and resume, extend, override, and escalate when overdue.

A clock keeps the terms of its rule from the moment it started (Clock.take_terms): a later change of the rule
applies to clocks started afterwards and never rewrites a deadline already running or met.

Every change writes a ClockEvent (the clock's history, with who, the deadline before and after, and why) and a
note in the case history. The numbers come from compute.window; the rules from ClockRule rows.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop  # history reasons: stored in English (review.timeline)

from rightsdesk.accounts import access
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.cases.policy import APPROVER_PERMISSIONS, DECIDED_STATES, OPEN_STATES
from rightsdesk.cases.services import record
from rightsdesk.core.errors import DomainError
# The one list of member states (the DSA report's), so an EU rule and the report agree on who is in the Union.
from rightsdesk.reports.dsa_template import EU_MEMBER_STATES

from . import alerts, compute
from .alerts import escalation_text
from .calendar import Calendar
from .models import Clock, ClockEvent, ClockRule, Closure, OnExpiry, StartEvent

logger = logging.getLogger("rightsdesk.clocks")

LIVE = (Clock.Status.RUNNING, Clock.Status.PAUSED)


# --- which rules apply ------------------------------------------------------------------------------------------

def case_country(case: Case) -> str:
    """The jurisdiction a case's clocks run in: its country of origin, else the authority's country."""
    code = getattr(case.country, "code", case.country) or getattr(case.authority_country, "code",
                                                                    case.authority_country) or ""
    return str(code).upper()


def applies(rule: ClockRule, case: Case) -> bool:
    if not rule.active:
        return False
    if rule.kinds and case.kind not in rule.kinds:
        return False
    country = case_country(case)
    if rule.jurisdiction == "EU":
        if country not in EU_MEMBER_STATES:
            return False
    elif rule.jurisdiction != country:
        return False
    words = [w.strip().lower() for w in rule.law_match.split("|") if w.strip()]
    law = (case.law_invoked or "").lower()
    by_ground = bool(rule.ground) and case.content_ground == rule.ground
    by_law = bool(words) and any(w in law for w in words)
    if rule.ground or words:
        return by_ground or by_law
    return True


def calendar_for(country: str, subdivision: str = "") -> Calendar:
    closures = Closure.objects.filter(jurisdiction__in=["", country.upper()]).values_list("date", flat=True)
    return Calendar(country, subdivision, closures)


def _calendar(clock: Clock) -> Calendar:
    return calendar_for(clock.jurisdiction, clock.subdivision)


def _start_of(rule: ClockRule, case: Case, order_date, cal: Calendar) -> datetime | None:
    if rule.start_event == StartEvent.RECEIVED:
        return case.received_at
    if rule.start_event == StartEvent.ACKNOWLEDGED:
        return case.acknowledged_at
    if rule.start_event == StartEvent.COUNTER_NOTICE_RECEIVED:
        return case.received_at if case.kind == c.Kind.COPYRIGHT_COUNTER_NOTICE else None
    if order_date is None:
        return None
    if isinstance(order_date, datetime):
        return order_date
    return cal.start_of(order_date)


def _window(clock: Clock, cal: Calendar) -> compute.Window:
    """The clock's window from the terms it started under (Clock.take_terms), never from the rule as it is now."""
    return compute.window(clock.clock_type, clock.duration, clock.started_at, cal, minimum=clock.minimum,
                          extra=(clock.extension or 0) * clock.extensions, shift=clock.shift)


def _note(clock: Clock, actor, what: str, reason: str = "") -> None:
    record(clock.case, CaseHistory.Event.NOTE, actor, reason=reason,
           changes={"statutory_clock": clock.rule.key, "what": what, "due": clock.due_at.isoformat()})


def _event(clock: Clock, kind: str, actor=None, *, before=None, reason: str = "", at=None) -> ClockEvent:
    user = actor if actor is not None and not isinstance(actor, str) else None
    return ClockEvent.objects.create(clock=clock, kind=kind, actor=user, due_before=before, due_after=clock.due_at,
                                     reason=reason, at=at or timezone.now())


@transaction.atomic
def start_clocks(case: Case, actor=None, *, order_date: date | datetime | None = None) -> list[Clock]:
    """Start a clock for every active rule that applies to the case and has none yet; returns the new clocks.

    A rule counted from the acknowledgement waits until the case is acknowledged, one counted from an order's
    date until staff type it (``order_date``). Refuses (DomainError, nothing stored) a jurisdiction without a
    known calendar and a start before the request was received.
    """
    started = []
    have = set(Clock.objects.filter(case=case).values_list("rule_id", flat=True))
    for rule in ClockRule.objects.filter(active=True).exclude(pk__in=have):
        if not applies(rule, case):
            continue
        country = case_country(case)
        cal = calendar_for(country, rule.subdivision)
        start = _start_of(rule, case, order_date, cal)
        if start is None:
            continue
        compute.check_not_before_receipt(start, case.received_at)
        clock = Clock(case=case, rule=rule, jurisdiction=country, subdivision=rule.subdivision, started_at=start)
        clock.take_terms(rule)
        win = _window(clock, cal)
        clock.earliest_at, clock.computed_due_at, clock.due_at = win.earliest, win.due, win.due
        clock.save()
        _event(clock, ClockEvent.Kind.STARTED, actor, reason=rule.source)
        _note(clock, actor, "started", rule.source)
        started.append(clock)
    return started


# --- pauses ---------------------------------------------------------------------------------------------------

@transaction.atomic
def pause(clock: Clock, at: datetime | None = None, actor=None, reason: str = "") -> Clock:
    clock = Clock.objects.select_for_update().select_related("rule", "case").get(pk=clock.pk)
    if clock.status != Clock.Status.RUNNING:
        return clock
    clock.status, clock.paused_at = Clock.Status.PAUSED, at or timezone.now()
    clock.save(update_fields=["status", "paused_at"])
    _event(clock, ClockEvent.Kind.PAUSED, actor, before=clock.due_at, reason=reason, at=clock.paused_at)
    _note(clock, actor, "paused", reason)
    return clock


@transaction.atomic
def resume(clock: Clock, at: datetime | None = None, actor=None, reason: str = "") -> Clock:
    """Restart a paused clock, moving its deadline by what the pause covered (compute.pause_shift)."""
    clock = Clock.objects.select_for_update().select_related("rule", "case").get(pk=clock.pk)
    if clock.status != Clock.Status.PAUSED:
        return clock
    at = at or timezone.now()
    cal = _calendar(clock)
    before = clock.due_at
    clock.shift += compute.pause_shift(clock.clock_type, clock.paused_at, at, cal)
    clock.status, clock.paused_at = Clock.Status.RUNNING, None
    _apply_window(clock, cal)
    clock.save()
    _event(clock, ClockEvent.Kind.RESUMED, actor, before=before, reason=reason, at=at)
    _note(clock, actor, "resumed", reason)
    return clock


def _apply_window(clock: Clock, cal: Calendar) -> None:
    win = _window(clock, cal)
    clock.earliest_at, clock.computed_due_at = win.earliest, win.due
    clock.due_at = clock.override_at or win.due


def _last_transition(case: Case, **match) -> CaseHistory | None:
    return case.history.filter(event=CaseHistory.Event.TRANSITION, **match).order_by("-at", "-id").first()


def sync_pauses(case: Case) -> None:
    """Pause the case's clocks while it awaits information from the requester; resume them on the reply.

    Read from the case history: the pause starts when the case entered "awaiting information" and ends when it
    left that state, so a late tick still counts the pause exactly.
    """
    awaiting = c.State.AWAITING_INFORMATION
    clocks = list(Clock.objects.filter(case=case, status__in=LIVE))
    if not clocks:
        return
    if case.state == awaiting:
        entered = _last_transition(case, to_state=awaiting)
        for clock in clocks:
            if clock.status == Clock.Status.RUNNING:
                pause(clock, entered.at if entered else None,
                      reason=gettext_noop("awaiting information from the requester"))
        return
    for clock in clocks:
        if clock.status == Clock.Status.PAUSED:
            left = _last_transition(case, from_state=awaiting)
            when = left.at if left and left.at >= clock.paused_at else None
            resume(clock, when, reason=gettext_noop("the requester replied"))


# --- staff changes --------------------------------------------------------------------------------------------

def _require_approver(actor) -> None:
    access.require(actor, APPROVER_PERMISSIONS, doing=_("change a statutory deadline"))


def _reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason."), code="reason_required", field=field)
    return reason


@transaction.atomic
def extend(clock: Clock, reason: str, actor) -> Clock:
    """Extend (or renew) the deadline as far as the rule allows, with the reason given to the requester."""
    _require_approver(actor)
    reason = _reason(reason)
    clock = Clock.objects.select_for_update().select_related("rule", "case").get(pk=clock.pk)
    rule = clock.rule
    if not clock.is_live:
        raise DomainError(_("Only a running clock can be extended."), code="clock_not_running")
    if not clock.extension or clock.extensions >= clock.max_extensions:
        raise DomainError(_("%(source)s allows no further extension of this deadline.") % {"source": rule.source},
                          code="no_extension")
    before = clock.due_at
    clock.extensions += 1
    clock.extension_reason = reason
    _apply_window(clock, _calendar(clock))
    clock.save()
    _event(clock, ClockEvent.Kind.EXTENDED, actor, before=before, reason=reason)
    _note(clock, actor, "extended", reason)
    return clock


@transaction.atomic
def override(clock: Clock, due: date | datetime, reason: str, actor) -> Clock:
    """A date typed by staff (a court's return date) replaces the computed deadline, with the reason. An overdue
    clock given a date still ahead runs again."""
    _require_approver(actor)
    reason = _reason(reason)
    clock = Clock.objects.select_for_update().select_related("rule", "case").get(pk=clock.pk)
    if clock.status == Clock.Status.MET:
        raise DomainError(_("This deadline was met: it can no longer be changed."), code="clock_met")
    cal = _calendar(clock)
    when = due if isinstance(due, datetime) else cal.end_of(due)
    if when < clock.started_at:
        raise DomainError(_("The deadline cannot be before the clock started (%(start)s).") % {
            "start": f"{clock.started_at:%Y-%m-%d}"}, code="due_before_start", field="due")
    before = clock.due_at
    clock.override_at, clock.override_reason, clock.due_at = when, reason, when
    if clock.status == Clock.Status.OVERDUE and when > timezone.now():
        # A later date the law allows (a court's return date): the clock runs again and escalates again if missed.
        clock.status, clock.escalated_at = Clock.Status.RUNNING, None
    clock.save()
    _event(clock, ClockEvent.Kind.OVERRIDDEN, actor, before=before, reason=reason)
    _note(clock, actor, "overridden", reason)
    return clock


def complete(clock: Clock, reason: str, actor) -> Clock:
    """A legal approver records that what the deadline asked was done (e.g. the items restored): the clock stops."""
    _require_approver(actor)
    reason = _reason(reason)
    if clock.status == Clock.Status.MET:
        raise DomainError(_("This deadline was met: it can no longer be changed."), code="clock_met")
    return mark_met(clock, actor, reason)


@transaction.atomic
def mark_met(clock: Clock, actor=None, reason: str = "") -> Clock:
    clock = Clock.objects.select_for_update().select_related("rule", "case").get(pk=clock.pk)
    if clock.status == Clock.Status.MET:
        return clock
    clock.status, clock.met_at = Clock.Status.MET, timezone.now()
    clock.save(update_fields=["status", "met_at"])
    _event(clock, ClockEvent.Kind.MET, actor, before=clock.due_at, reason=reason)
    _note(clock, actor, "met", reason)
    return clock


# --- expiry ---------------------------------------------------------------------------------------------------

def expire_due(now: datetime | None = None) -> list[Clock]:
    """Run by the clocks tick: pause and resume from the cases' states, close clocks of decided cases whose rule
    asks for no further step, and escalate every clock past its deadline once. Returns the clocks escalated."""
    now = now or timezone.now()
    start_open_cases()
    for case in Case.objects.filter(clocks__status__in=LIVE).distinct():
        sync_pauses(case)
    for clock in Clock.objects.filter(status=Clock.Status.RUNNING, case__state__in=DECIDED_STATES).exclude(
            rule__on_expiry=OnExpiry.STEP).select_related("rule", "case"):
        mark_met(clock, reason=gettext_noop("the case was decided"))
    escalated = []
    for clock in Clock.objects.filter(status=Clock.Status.RUNNING, due_at__lte=now).select_related("rule", "case"):
        escalated.append(_escalate(clock, now))
    return [c for c in escalated if c is not None]


def start_open_cases() -> int:
    """Start the clocks of open cases that a rule applies to (the tick's first step, so a case created by any
    channel gets its clocks within one tick). A case whose rule cannot be computed is logged and skipped: staff
    see the error when they press "Start statutory clocks" on its page. Returns how many clocks started."""
    rules = list(ClockRule.objects.filter(active=True))
    if not rules:
        return 0
    cases = Case.objects.filter(state__in=OPEN_STATES)
    if all(rule.kinds for rule in rules):
        cases = cases.filter(kind__in={kind for rule in rules for kind in rule.kinds})
    count = 0
    for case in cases.iterator():
        if not any(applies(rule, case) for rule in rules):
            continue
        try:
            count += len(start_clocks(case))
        except DomainError as error:
            logger.error("statutory clocks of %s not started: %s", case.reference, error.code)
    return count


@transaction.atomic
def _escalate(clock: Clock, now: datetime) -> Clock | None:
    clock = Clock.objects.select_for_update().select_related("rule", "case").get(pk=clock.pk)
    if clock.status != Clock.Status.RUNNING or clock.due_at > now:
        return None
    clock.status, clock.escalated_at = Clock.Status.OVERDUE, now
    clock.save(update_fields=["status", "escalated_at"])
    text = escalation_text(clock)
    _event(clock, ClockEvent.Kind.ESCALATED, None, before=clock.due_at, reason=text, at=now)
    _note(clock, None, "escalated", text)
    clock_id = clock.pk

    transaction.on_commit(lambda: alerts.send_escalation.enqueue(clock_id), robust=True)
    logger.warning("statutory clock %s on %s overdue: escalated", clock.rule.key, clock.case.reference)
    return clock
