"""A moment as staff read it: the date and time in UTC, said to be UTC ("2026-12-07 17:00 UTC").

The one home of how a moment is written for staff: on pages through ``core/templatetags/moments.py`` (``|moment``,
``|moment_text``), in e-mails, messages and command output through :func:`moment_text`. A moment stored with another
offset is told in UTC, never written with its own clock beside the word "UTC". Inside a right-to-left sentence the
text is isolated (``bidi.ltr_text``): "السجلات محفوظة حتى 2027-02-22 16:40 UTC" otherwise read "UTC 16:40 22-02-2027".

A day as a letter to a person writes it ("7 June 2027", "7 يونيو، 2027"), in a notice, a refusal or a public page, is
:func:`day_text` (on public pages through ``|day``).
"""

from __future__ import annotations

from datetime import date, datetime, timezone as dt_timezone

from django.utils import formats

from rightsdesk.core import numerals
from rightsdesk.core.bidi import ltr_text


def utc(value) -> datetime | None:
    """The moment in UTC (a naive one is taken to be UTC already); None for anything that is not a datetime."""
    if not isinstance(value, datetime):
        return None
    return value.astimezone(dt_timezone.utc) if value.tzinfo else value.replace(tzinfo=dt_timezone.utc)


def written(value) -> str:
    """"2026-12-07 17:00 UTC" (Western digits and this order in every language, like the references); "" for none."""
    moment = utc(value)
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment else ""


def moment_text(value) -> str:
    """:func:`written`, kept whole and left to right inside a right-to-left sentence (as is in other languages)."""
    return ltr_text(written(value))


def day_text(value: date | datetime | None) -> str:
    """A day as a letter to a person writes it, in the active language ("7 June 2027", "7 يونيو، 2027", with the
    language's own digits): the notices' dates, any refusal that names one of them (the last day to appeal), and a
    day shown to the public (``|day``). A moment is the day of its own clock (the database's are UTC); "" for none."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return numerals.localize(formats.date_format(value, "DATE_FORMAT"))
