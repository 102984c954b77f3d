"""A moment shown to staff: the date and time in UTC, said to be UTC.

The workspace stores and shows every time in UTC (settings.TIME_ZONE), for staff who work in many time zones and
deadlines set by law in others. Written as "2026-12-07 17:00" with nothing after it, a due time read as the reader's
own clock: a colleague in San Francisco would take a 24-hour deadline for eight hours later than it is. Every staff
page writes a moment through these filters:

- ``{{ case.due_at|moment }}``: ``<time datetime="2026-12-07T17:00:00+00:00" dir="ltr" data-moment>2026-12-07 17:00
  UTC</time>`` (machine-readable, kept left to right inside Arabic text). Where the reader's clock is not UTC at that
  moment, ``core/static/rightsdesk/local-times.js`` writes the reader's own time after it ("(Dec 7, 09:00 PST)"),
  in the page's language; without JavaScript the UTC time stands alone and still says what it is;
- ``{{ m.received_at|moment:"2" }}``: the same, allowed onto two lines between its day and its time, for a narrow
  column of a wide table (the staff inbox's);
- ``{{ case.due_at|moment_text }}``: "2026-12-07 17:00 UTC", for an attribute (a tooltip) or plain text.

A day shown to the public (a notice's decision, a placeholder's since and until, an office action's start) is
``{{ value|day }}``: the reader's date format, kept apart from the sentence around it.

E-mails and commands write the same text through ``core.moments.moment_text``. A missing moment is "" so that
``|default:"—"`` still works after either. ``tests/core/test_moments.py`` fails on a template that formats a moment
another way.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from rightsdesk.core import moments
from rightsdesk.core.numerals import numbering_system

register = template.Library()


#: "2026-12-07 17:00 UTC", for an attribute or plain text: core.moments' own function.
register.filter("moment_text", moments.moment_text)


@register.filter
def moment(value, lines: str = "") -> str:
    """``<time datetime="…" dir="ltr" data-moment>2026-12-07 17:00 UTC</time>`` (``data-moment``: local-times.js), on
    one line. ``|moment:"2"``, for a narrow column of a wide table: on two lines if it must, the day above the time,
    never broken inside either (a browser breaks "2026-12-" after a hyphen before digits)."""
    moment = moments.utc(value)
    if moment is None:
        return ""
    # The element keeps its text left to right itself (dir="ltr"): the text needs no isolates of its own.
    if lines == "2":
        day, _space, time = moments.written(moment).partition(" ")
        return format_html('<time datetime="{}" dir="ltr" data-moment class="lines">'
                           '<span class="whole">{}</span> <span class="whole">{}</span></time>',
                           moment.isoformat(), day, time)
    return format_html('<time datetime="{}" dir="ltr" data-moment>{}</time>', moment.isoformat(),
                       moments.written(moment))


@register.filter
def day(value) -> str:
    """A day shown to the public: ``<time datetime="2026-11-20" dir="auto" class="whole">20 نوفمبر، 2026</time>``,
    on one line (``.whole``: a narrow column broke "8 December,↵2026" after its comma), written as a
    letter writes it (``core.moments.day_text``: "20 November 2026", "20 نوفمبر، 2026"), kept apart from
    the sentence around it in its own direction (``dir="auto"`` isolates; not ``<bdi>`` or ``dir="ltr"``, whose text
    Persian pages keep in Western digits, core.numerals). Takes a date, a datetime or "YYYY-MM-DD" (a public record's
    fact as the API gives it); "" for none, so ``|default:"—"`` still works after it."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_html('<time datetime="{}" dir="auto" class="whole">{}</time>', value.isoformat(),
                       moments.day_text(value))


@register.simple_tag
def digits_for_scripts() -> str:
    """The CLDR name of the page language's digits, for ``<html data-numbering>`` (what local-times.js writes)."""
    return numbering_system()
