"""Business days of a jurisdiction: weekends, its public holidays (the ``holidays`` package, per country and
subdivision) and the platform's office closures. Plain functions on dates; nothing here reads the database.

A jurisdiction is an ISO 3166 country code; ``EU`` stands for a rule of the Union, whose clocks run on the
calendar of the case's own member state.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils.translation import gettext as _

from rightsdesk.core.bidi import isolated_text
from rightsdesk.core.errors import DomainError
from rightsdesk.core.lists import or_list

#: The time zone a jurisdiction's business day is counted in (its capital's); others count in UTC.
#: A deadline "by the end of a day" is the end of that day there.
TIME_ZONES = {
    "US": "America/New_York", "DE": "Europe/Berlin", "FR": "Europe/Paris", "IN": "Asia/Kolkata",
    "BR": "America/Sao_Paulo", "GB": "Europe/London", "ES": "Europe/Madrid", "IT": "Europe/Rome",
    "NL": "Europe/Amsterdam", "BE": "Europe/Brussels", "AT": "Europe/Vienna", "PL": "Europe/Warsaw",
    "IE": "Europe/Dublin", "PT": "Europe/Lisbon", "SE": "Europe/Stockholm", "CA": "America/Toronto",
    "MX": "America/Mexico_City", "JP": "Asia/Tokyo", "KR": "Asia/Seoul", "AU": "Australia/Sydney",
    "TR": "Europe/Istanbul", "RU": "Europe/Moscow", "CN": "Asia/Shanghai", "ZA": "Africa/Johannesburg",
}


def zone(country: str) -> ZoneInfo:
    return ZoneInfo(TIME_ZONES.get((country or "").upper(), "UTC"))


@lru_cache(maxsize=256)
def _public_holidays(country: str, subdivision: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, subdiv=subdivision or None, years=year).keys())


def check_jurisdiction(country: str, subdivision: str = "") -> None:
    """Refuse a jurisdiction whose public holidays are not known (DomainError naming what to fix)."""
    country = (country or "").upper()
    if country == "EU" and not subdivision:
        return
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise DomainError(
            _("No calendar of public holidays is known for the jurisdiction “%(code)s”: use an ISO country code "
              "such as US, DE, FR, IN or BR (or EU for a rule of the Union).") % {"code": isolated_text(country) or "—"},
            code="unknown_jurisdiction", field="jurisdiction")
    if subdivision and subdivision.upper() not in supported[country]:
        raise DomainError(
            _("“%(sub)s” is not a subdivision of %(code)s with its own public holidays: use one of %(known)s, "
              "or leave it empty.") % {"sub": isolated_text(subdivision), "code": isolated_text(country),
                                       "known": or_list(supported[country], isolated=True)},
            code="unknown_subdivision", field="subdivision")


class Calendar:
    """Business days in one country (and subdivision), less the office closures given as dates."""

    def __init__(self, country: str, subdivision: str = "", closures=()):
        check_jurisdiction(country, subdivision)
        if country.upper() == "EU":
            raise DomainError(_("A clock runs on the calendar of a member state, not of the Union: the case needs "
                                "its country."), code="unknown_jurisdiction", field="country")
        self.country = country.upper()
        self.subdivision = (subdivision or "").upper()
        self.closures = frozenset(closures)
        self.tz = zone(self.country)

    def is_business_day(self, day: date) -> bool:
        return (day.weekday() < 5 and day not in _public_holidays(self.country, self.subdivision, day.year)
                and day not in self.closures)

    def add_business_days(self, day: date, n: int) -> date:
        """The n-th business day after ``day`` (``day`` itself not counted); n == 0 gives ``day``."""
        step = 1 if n >= 0 else -1
        left = abs(n)
        while left:
            day += timedelta(days=step)
            if self.is_business_day(day):
                left -= 1
        return day

    def business_days_between(self, first: date, end: date) -> int:
        """How many business days in [first, end): the days a clock paused on ``first`` and resumed on ``end`` lost."""
        count, day = 0, first
        while day < end:
            if self.is_business_day(day):
                count += 1
            day += timedelta(days=1)
        return count

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def start_of(self, day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=self.tz)

    def end_of(self, day: date) -> datetime:
        """The last second of ``day`` in the jurisdiction's time zone."""
        return datetime.combine(day, time(23, 59, 59), tzinfo=self.tz)
