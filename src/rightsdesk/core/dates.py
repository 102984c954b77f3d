"""Dates typed by staff into forms (a court's return date, a ban's end, a crisis's start): one reading, one message;
and the public log's day (``iso_day``), read the same by its page and its API.

Below every app (imports only core.errors and core.bidi), so views and services of any app read a typed date the same
way and the person who typed it gets the same words back; every message that shows the form of a day to type
("write it as YYYY-MM-DD") takes that form from :func:`date_pattern`, one place; and every form field of Django's
that shows a stored day in the browser's date field is a :class:`DayInput`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django import forms
from django.utils.translation import gettext as _

from rightsdesk.core.bidi import ltr_text
from rightsdesk.core.errors import DomainError

#: Between a hyphen and the letter after it: no line break there (Unicode line breaking, class WJ), nothing shown.
WORD_JOINER = "\u2060"


def date_pattern() -> str:
    """The form of a day to type, "YYYY-MM-DD" as the reader's language abbreviates it ("JJJJ-MM-TT", "ГГГГ-ММ-ДД"),
    for the messages that show it (``%(pattern)s``): kept on one line, a word joiner after each hyphen ("YYYY-" ended
    a line of the Arabic date error at 390 px), and in a right-to-left language isolated left to right (LRI … PDI),
    so its hyphens and letters keep their order inside Arabic, Persian or Urdu words. Plain text: it reads the same
    in a page, a field's error, a label or a message of the API."""
    # Translators: the form of a day to type: the year's four digits, the month's two, the day's two, each written
    # as a letter your readers know (JJJJ-MM-TT, AAAA-MM-JJ, ГГГГ-ММ-ДД), or kept as YYYY-MM-DD. Keep the hyphens.
    pattern = _("YYYY-MM-DD")
    return ltr_text(pattern.replace("-", "-" + WORD_JOINER))


def typed_date(value, field: str) -> date | None:
    """``value`` as a date (year-month-day, read by :func:`iso_day`); None when blank; a DomainError naming ``field``
    otherwise.

    The same reading as the public log's: what the message asks for (2026-07-30) is what is taken. Python's
    ``date.fromisoformat`` alone would also take ``20260730`` and the week date ``2026-W31-4``, which nobody types
    meaning a day and which the form's example does not describe."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value
    day = iso_day(str(value))
    if day is None:
        raise DomainError(_("Type the date as year-month-day, e.g. 2026-07-30."), code="bad_date", field=field)
    return day


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_day(text: str) -> date | None:
    """``text`` as a day written YYYY-MM-DD exactly (2026-01-01, not 2026-1-1, 20260101 or a week date), in Western,
    Arabic-Indic or Persian digits; None when it is not one (a real day so written).

    The public log's one date rule: its page (log_search.parse_filters) and its API (the schema's validator) read
    the same days, and each says in its own words what to write. The page's date field sends YYYY-MM-DD; a date
    typed by hand on an Arabic or Persian keyboard, or copied from a Persian page (which shows digits in Persian,
    core.numerals), is the same day."""
    text = western_digits(text.strip())
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def western_digits(text: str) -> str:
    """Digits of any script as 0-9. Persian pages show the example in Persian digits (core.numerals); a date typed
    or copied so is the same date, and a reference typed on an Arabic or Persian keyboard the same reference
    (``cases.services.reference_as_stored``)."""
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)


class DayInput(forms.DateInput):
    """The browser's date field, holding the stored day as YYYY-MM-DD in every language.

    A date field takes nothing but YYYY-MM-DD. Django's ``DateInput`` writes a day in the language's first input
    format ("01.03.2026" in German, "01/03/2026" in French and Spanish), which the field shows as empty: the day looked
    unset, and saving the page again erased it. Kept left to right in a right-to-left page."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"dir": "ltr", **(attrs or {})}, format="%Y-%m-%d")


class DayField(forms.DateField):
    """A form field of Django's for a day typed by staff, read by :func:`typed_date` (the staff forms' one reading:
    YYYY-MM-DD in any script's digits), refused with its message, which shows how to write a day; shown by a
    :class:`DayInput`. Django's ``DateField`` said "Enter a valid date." and took "2026-7-30" and "20260730", which
    the other staff forms refuse with the example."""

    widget = DayInput

    def to_python(self, value):
        try:
            return typed_date(value, "")
        except DomainError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from None
