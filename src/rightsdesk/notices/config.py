"""Settings of the notices app, read from ``settings.RIGHTSDESK_NOTICES`` (a dict) with safe defaults.

- ``APPEAL_WINDOW_MONTHS`` (6): how long after a notice an appeal can be filed.
  DSA Art. 20 asks for at least six months; a smaller value is refused.
- ``DISCLOSURE_WAIT_DAYS`` (10): how long after the notice before a disclosure
  of user data that the account holder has to object.
- ``MAX_ATTEMPTS`` (5) and ``RETRY_BASE_SECONDS`` (60): delivery retries, with
  the delay doubling after each failure, capped at ``RETRY_MAX_SECONDS`` (6 h).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

DEFAULTS = {
    "APPEAL_WINDOW_MONTHS": 6,
    "DISCLOSURE_WAIT_DAYS": 10,
    "MAX_ATTEMPTS": 5,
    "RETRY_BASE_SECONDS": 60,
    "RETRY_MAX_SECONDS": 6 * 3600,
}


def get(name: str):
    return getattr(settings, "RIGHTSDESK_NOTICES", {}).get(name, DEFAULTS[name])


def appeal_window_months() -> int:
    return max(6, int(get("APPEAL_WINDOW_MONTHS")))


def retry_delay(attempts: int) -> timedelta:
    seconds = int(get("RETRY_BASE_SECONDS")) * (2 ** max(0, attempts - 1))
    return timedelta(seconds=min(seconds, int(get("RETRY_MAX_SECONDS"))))


def add_months(moment, months: int):
    """The same day ``months`` later (the last day of the month when that day does not exist)."""
    import calendar

    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
