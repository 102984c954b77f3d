"""What the case page and the staff queue show of the statutory clocks (read-only)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


#: The queue's sort by statutory deadline (review.queues.SORTS).
SORT_LABEL = gettext_lazy("Statutory deadline, soonest first")

#: Clocks the queue shows: still counting, or past their deadline and not yet met.
PENDING = (Clock.Status.RUNNING, Clock.Status.PAUSED, Clock.Status.OVERDUE)


def next_clocks(case_ids) -> dict[int, Clock]:
    """For each case id, its clock due soonest among those not met (running, paused or overdue), with its rule:
    one query for the whole list (the queue's page)."""
    ids = list(case_ids)
    if not ids:
        return {}
    found: dict[int, Clock] = {}
    for clock in (Clock.objects.filter(case_id__in=ids, status__in=PENDING).select_related("rule")
                  .order_by("case_id", "due_at", "id")):
        found.setdefault(clock.case_id, clock)
    return found


def overdue_q(now) -> Q:
    """Cases with a statutory clock past its deadline and not met (for the queue's "Overdue" view and its count)."""
    late = Clock.objects.filter(case=OuterRef("pk")).filter(
        Q(status=Clock.Status.OVERDUE) | Q(status=Clock.Status.RUNNING, due_at__lte=now))
    return Q(Exists(late))


def next_due():
    """The soonest deadline of a case's clocks not met, as an expression to sort the queue by."""
    return Subquery(Clock.objects.filter(case=OuterRef("pk"), status__in=PENDING).order_by("due_at")
                    .values("due_at")[:1])


def queue_cell(clock: Clock | None, now) -> dict | None:
    """What the queue shows of a case's next clock: the rule (translated), its source, the deadline in UTC and
    the time left or past in words ("2 days left", "overdue by 3 hours")."""
    if clock is None:
        return None
    overdue = clock.status == Clock.Status.OVERDUE or (clock.status == Clock.Status.RUNNING and clock.due_at <= now)
    if clock.status == Clock.Status.PAUSED:
        left = _("paused while awaiting information")
    elif overdue:
        left = _("overdue by %(time)s") % {"time": timesince(clock.due_at, now, depth=1)}
    else:
        left = _("%(time)s left") % {"time": timeuntil(clock.due_at, now, depth=1)}
    return {"clock": clock, "name": _(clock.rule.name), "source": clock.rule.source,
            "left": left, "overdue": overdue, "paused": clock.status == Clock.Status.PAUSED}
