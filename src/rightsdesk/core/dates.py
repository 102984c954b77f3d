"""Dates typed by staff into forms (a court's return date, a ban's end, a crisis's start): one reading, one message.

Below every app (imports only core.errors), so views and services of any app read a typed date the same way and
the person who typed it gets the same words back.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from django.utils.translation import gettext as _

from rightsdesk.core.errors import DomainError


def typed_date(value, field: str) -> date | None:
    """``value`` as a date (ISO year-month-day); None when blank; a DomainError naming ``field`` otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    # Persian pages show the example in Persian digits (core.numerals); a date typed or copied so is the same date.
    text = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in str(value).strip())
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError(_("Type the date as year-month-day, e.g. 2026-07-30."), code="bad_date",
                          field=field) from None
