"""What the case page shows of the statutory clocks (read-only)."""

from __future__ import annotations

from rightsdesk.cases.policy import WORKER_PERMISSIONS

from .calendar import zone
from .models import Clock, ClockRule, OnExpiry, StartEvent

#: Who may start a case's clocks from the panel: whoever sorts or reviews cases.
STARTERS = WORKER_PERMISSIONS
#: The session key carrying a refused form back to the panel, with what was typed.
FAILED_KEY = "clocks_failed"


def clocks_of(case) -> list[Clock]:
    return list(Clock.objects.filter(case=case).select_related("rule"))


def rules_not_started(case, applies, clocks: list[Clock]) -> list[ClockRule]:
    """Active rules that apply to the case and have none of its ``clocks`` yet (``applies`` is services.applies)."""
    have = {clock.rule_id for clock in clocks}
    return [rule for rule in ClockRule.objects.filter(active=True).exclude(pk__in=have) if applies(rule, case)]


def needs_order_date(rules) -> bool:
    return any(rule.start_event == StartEvent.ORDER_DATE for rule in rules)


def local(moment, clock: Clock):
    return moment.astimezone(zone(clock.jurisdiction)) if moment else None


def shown(moment, clock: Clock | None = None) -> str:
    """A moment as text, in the clock's jurisdiction's time zone (or UTC without a clock): formatted here, since
    the template's date filter would turn it back into the page's time zone."""
    if moment is None:
        return ""
    return (local(moment, clock) if clock else moment.astimezone(zone(""))).strftime("%Y-%m-%d %H:%M")


def escalated_to_approvers(clock: Clock) -> bool:
    return clock.status == Clock.Status.OVERDUE and clock.rule.on_expiry != OnExpiry.ALERT
