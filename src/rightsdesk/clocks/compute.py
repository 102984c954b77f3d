"""Deadlines from a rule's numbers: plain functions, given the start, the calendar and what happened since.

- calendar hours: the start plus the hours (a pause adds the time it lasted);
- business days: the end of the n-th business day after the day of the start (that day not counted), in the
  jurisdiction's time zone; a pause adds the business days it covered;
- calendar months: the same day n months later, or the month's last day when it has no such day (31 January
  plus one month is 28 or 29 February), at the end of that day; a pause adds the calendar days it lasted.

An extension adds to the rule's duration before the calendar is applied (GDPR: one month and two more are
counted as three months from the receipt, so 31 January ends on 30 April, not on 28 April).
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _

from rightsdesk.core.errors import DomainError
from rightsdesk.core.moments import moment_text

from .calendar import Calendar

HOURS, BUSINESS_DAYS, MONTHS = "hours", "business_days", "months"


@dataclass(frozen=True)
class Window:
    earliest: datetime | None
    due: datetime


def add_months(day: date, months: int) -> date:
    """``day`` plus calendar months, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, _stdlib_calendar.monthrange(year, month)[1]))


def check_not_before_receipt(start: datetime, received: datetime) -> None:
    """A clock counted from receipt, acknowledgement or a counter-notice cannot start before the request arrived."""
    if start < received:
        raise DomainError(
            _("The clock would start on %(start)s, before the request was received (%(received)s): "
              "correct the date.") % {"start": moment_text(start), "received": moment_text(received)},
            code="start_before_receipt", field="start")


def window(clock_type: str, duration: int, start: datetime, cal: Calendar, *, minimum: int | None = None,
           extra: int = 0, shift: int = 0) -> Window:
    """The earliest point (if the rule has a minimum) and the deadline.

    ``extra`` is the extensions granted, in the rule's unit; ``shift`` how far pauses moved the clock (business
    days; seconds for hours; calendar days for months).
    """
    if duration is None or duration < 0:
        raise DomainError(_("A deadline needs a duration of zero or more."), code="bad_duration", field="duration")
    if clock_type == HOURS:
        moved = timedelta(seconds=shift)
        due = start + timedelta(hours=duration + extra) + moved
        earliest = start + timedelta(hours=minimum) + moved if minimum is not None else None
        return Window(earliest, due)
    first = cal.local_date(start)
    if clock_type == BUSINESS_DAYS:
        due = cal.end_of(cal.add_business_days(first, duration + extra + shift))
        earliest = cal.start_of(cal.add_business_days(first, minimum + shift)) if minimum is not None else None
        return Window(earliest, due)
    if clock_type == MONTHS:
        moved = timedelta(days=shift)
        due = cal.end_of(add_months(first, duration + extra) + moved)
        earliest = cal.start_of(add_months(first, minimum) + moved) if minimum is not None else None
        return Window(earliest, due)
    raise DomainError(_("Unknown clock type “%(type)s”.") % {"type": clock_type}, code="bad_clock_type",
                      field="clock_type")


def pause_shift(clock_type: str, paused_at: datetime, resumed_at: datetime, cal: Calendar) -> int:
    """What a pause from ``paused_at`` to ``resumed_at`` adds to the clock, in its unit.

    Business days: the business days from the day of the pause up to (not including) the day of the reply, the
    days on which the clock would have run; hours: the seconds; months: the calendar days.
    """
    if resumed_at <= paused_at:
        return 0
    if clock_type == HOURS:
        return int((resumed_at - paused_at).total_seconds())
    first, end = cal.local_date(paused_at), cal.local_date(resumed_at)
    if clock_type == BUSINESS_DAYS:
        return cal.business_days_between(first, end)
    return (end - first).days
