"""Reporting periods: "2025-H1", "2025-H2", "2025" or "2025-01-01..2025-03-31".

A period is a half-open range of UTC instants, ``start <= received_at < end``,
so consecutive periods never share a case and never miss one: a case belongs
to the period in which it was *received*. A date range names its first and
last day, both included (the end stored is midnight after the last day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone

from django.utils.translation import gettext as _

from rightsdesk.core.errors import DomainError
from rightsdesk.core.bidi import ltr_text
from rightsdesk.core.dates import date_pattern, iso_day

#: The earliest and latest years a report can be asked for. Imported history
#: may reach back decades; anything outside these bounds is a typing error.
MIN_YEAR = 1990
MAX_YEAR = 2100

HALF_YEAR_RE = re.compile(r"^(?P<year>\d{4})-H(?P<half>[12])$")
YEAR_RE = re.compile(r"^(?P<year>\d{4})$")
RANGE_RE = re.compile(r"^(?P<start>\d{4}-\d{2}-\d{2})\.\.(?P<end>\d{4}-\d{2}-\d{2})$")

#: For URL converters: any string shaped like a period (checked further by parse_period).
PERIOD_URL_REGEX = r"\d{4}(?:-H[12])?|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}"


class PeriodError(DomainError):
    code = "invalid_period"


@dataclass(frozen=True)
class Period:
    """A reporting period; ``slug`` is how it is written in URLs, files and commands."""

    slug: str
    start: datetime  # included
    end: datetime  # excluded

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(days=1)).date()

    @property
    def label(self) -> str:
        half = HALF_YEAR_RE.match(self.slug)
        if half:
            if half["half"] == "1":
                return _("January to June %(year)s") % {"year": half["year"]}
            return _("July to December %(year)s") % {"year": half["year"]}
        if YEAR_RE.match(self.slug):
            return _("The year %(year)s") % {"year": self.slug}
        # Each day kept left to right (LRI … PDI in a right-to-left language): the heading of an Arabic report and
        # the laws page's lead read "من 2025-01-01 إلى 2025-03-31" with the days' hyphens taking the Arabic's direction.
        return _("%(first)s to %(last)s") % {"first": ltr_text(self.first_day.isoformat()),
                                             "last": ltr_text(self.last_day.isoformat())}

    def as_dict(self) -> dict:
        return {
            "slug": self.slug,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
        }


def _utc_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=dt_timezone.utc)


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(
            _("The period %(text)s is out of range: the year must be between %(min)s and %(max)s.")
            % {"text": text, "min": MIN_YEAR, "max": MAX_YEAR},
            field="period",
        )


def _parse_day(value: str, text: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise PeriodError(
            _("%(value)s in the period %(text)s is not a real date; write it as %(pattern)s, e.g. 2025-03-31.")
            % {"value": value, "text": text, "pattern": date_pattern()},
            field="period",
        ) from None
    _check_year(day.year, text)
    return day


def half_year(year: int, half: int) -> Period:
    start = datetime(year, 1 if half == 1 else 7, 1, tzinfo=dt_timezone.utc)
    end = datetime(year, 7, 1, tzinfo=dt_timezone.utc) if half == 1 else datetime(year + 1, 1, 1, tzinfo=dt_timezone.utc)
    return Period(f"{year}-H{half}", start, end)


def parse_period(text: str) -> Period:
    """Read a period as written by a person; raise PeriodError saying how to write it otherwise."""
    text = (text or "").strip()
    if match := HALF_YEAR_RE.match(text):
        year = int(match["year"])
        _check_year(year, text)
        return half_year(year, int(match["half"]))
    if match := YEAR_RE.match(text):
        year = int(match["year"])
        _check_year(year, text)
        return Period(text, datetime(year, 1, 1, tzinfo=dt_timezone.utc), datetime(year + 1, 1, 1, tzinfo=dt_timezone.utc))
    if match := RANGE_RE.match(text):
        first = _parse_day(match["start"], text)
        last = _parse_day(match["end"], text)
        if last < first:
            raise PeriodError(
                _("The period %(text)s ends before it starts: write the earlier date first.") % {"text": text},
                field="period",
            )
        return Period(text, _utc_midnight(first), _utc_midnight(last) + timedelta(days=1))
    raise PeriodError(
        _("%(text)s is not a period. Write a half-year (2025-H1 or 2025-H2), a year (2025) or a range of days "
          "(2025-01-01..2025-03-31, both days included).") % {"text": text or '""'},
        field="period",
    )


def range_of_days(first: str, last: str, today: date) -> Period:
    """The period of a form's two date fields, or PeriodError naming the field to correct (``from`` or ``to``).

    A period that begins after ``today`` is refused: no case can have been
    received in it yet, so its report would be nothing but zeros.
    """
    first, last = (first or "").strip(), (last or "").strip()
    if not first:
        raise PeriodError(_("Enter the first day of the period, for example 2026-01-01."), field="from")
    if not last:
        raise PeriodError(_("Enter the last day of the period, for example 2026-03-31."), field="to")
    days = {}
    for name, value in (("from", first), ("to", last)):
        # the one reading of a typed day (Arabic and Persian digits too; not 20260101 nor a week date)
        days[name] = iso_day(value)
        if days[name] is None:
            raise PeriodError(_("%(value)s is not a real date: write it as %(pattern)s, for example 2026-03-31.")
                              % {"value": ltr_text(value), "pattern": date_pattern()}, field=name)
        if not MIN_YEAR <= days[name].year <= MAX_YEAR:
            raise PeriodError(_("%(value)s is out of range: the year must be between %(min)s and %(max)s.")
                              % {"value": ltr_text(value), "min": MIN_YEAR, "max": MAX_YEAR}, field=name)
    if days["to"] < days["from"]:
        raise PeriodError(
            _("The last day (%(last)s) is before the first day (%(first)s). Enter a last day on or after the first "
              "day, or swap the two dates.") % {"last": ltr_text(days["to"].isoformat()), "first": ltr_text(days["from"].isoformat())},
            field="to",
        )
    if days["from"] > today:
        raise PeriodError(
            _("The first day (%(first)s) is after today (%(today)s): no case can have been received yet. Enter a "
              "first day up to today.") % {"first": ltr_text(days["from"].isoformat()), "today": ltr_text(today.isoformat())},
            field="from",
        )
    return parse_period(f"{days['from'].isoformat()}..{days['to'].isoformat()}")


def has_begun(period: Period, now: datetime) -> bool:
    """Whether any case can have been received in the period yet."""
    return period.start <= now


def period_containing(moment: datetime) -> Period:
    """The half-year a moment falls in."""
    moment = moment.astimezone(dt_timezone.utc)
    return half_year(moment.year, 1 if moment.month <= 6 else 2)


def last_complete_half_year(now: datetime) -> Period:
    current = period_containing(now)
    return period_containing(current.start - timedelta(seconds=1))


def half_years_between(first: datetime, last: datetime) -> list[Period]:
    """Every half-year from the one containing ``first`` to the one containing ``last``, newest first."""
    periods = []
    period = period_containing(first)
    final = period_containing(last)
    while period.start <= final.start:
        periods.append(period)
        period = period_containing(period.end)
    return list(reversed(periods))


def previous_period(period: Period) -> Period | None:
    """The period of the same length just before ``period``: the half-year before a half-year, the year before a
    year, and for a range of days the same number of days ending the day before it starts. None before MIN_YEAR."""
    if match := HALF_YEAR_RE.match(period.slug):
        year, half = int(match["year"]), int(match["half"])
        year, half = (year, 1) if half == 2 else (year - 1, 2)
        return half_year(year, half) if year >= MIN_YEAR else None
    if YEAR_RE.match(period.slug):
        year = int(period.slug) - 1
        return parse_period(str(year)) if year >= MIN_YEAR else None
    length = period.end - period.start
    first = period.first_day - length
    if first.year < MIN_YEAR:
        return None
    return parse_period(f"{first.isoformat()}..{(period.first_day - timedelta(days=1)).isoformat()}")


def half_years_up_to(first: datetime, period: Period) -> list[Period]:
    """Every half-year from the one containing ``first`` to the one holding the last day of ``period``, oldest first."""
    if first >= period.end:
        return []
    return list(reversed(half_years_between(first, period.end - timedelta(seconds=1))))
