"""A date and time is written the way the language writes the date alone, then its time: every shipped language
has its own date-time formats (Django leaves Arabic and Hindi to the English "Dec. 6, 2026, 10:09 a.m.", which
gave Arabic pages "ديسمبر 6, 2026, 10:09 ص" beside dates written "6 ديسمبر، 2026"). rightsdesk.formats fills in
what Django lacks. Hindi's time is on the 24-hour clock: Django's Hindi catalogue writes "बजे" for both a.m. and
p.m."""

from __future__ import annotations

import datetime

import pytest
from django.utils import formats, translation

from rightsdesk.core.languages import shipped

CODES = [language.code for language in shipped()]


@pytest.mark.parametrize("code", CODES)
def test_a_date_and_time_starts_with_the_date_as_the_language_writes_it_and_ends_with_its_time(code):
    with translation.override(code):
        date, time = formats.get_format("DATE_FORMAT"), formats.get_format("TIME_FORMAT")
        assert formats.get_format("DATETIME_FORMAT").startswith(date)
        assert formats.get_format("DATETIME_FORMAT").endswith(time)


@pytest.mark.parametrize("code", CODES)
def test_a_short_date_and_time_starts_with_the_short_date(code):
    with translation.override(code):
        assert formats.get_format("SHORT_DATETIME_FORMAT").startswith(formats.get_format("SHORT_DATE_FORMAT"))


DEC_6_10_09, DEC_6_22_09 = datetime.datetime(2026, 12, 6, 10, 9), datetime.datetime(2026, 12, 6, 22, 9)
# Hindi in March: Django's Hindi catalogue spells September, November and December without the virama ("दिसमबर").
MAR_6_10_09, MAR_6_22_09 = datetime.datetime(2026, 3, 6, 10, 9), datetime.datetime(2026, 3, 6, 22, 9)


@pytest.mark.parametrize("code, moment, written", [
    ("ar", DEC_6_10_09, "6 ديسمبر، 2026، 10:09 ص"),
    ("ar", DEC_6_22_09, "6 ديسمبر، 2026، 10:09 م"),
    ("hi", MAR_6_10_09, "6 मार्च 2026, 10:09"),
    ("hi", MAR_6_22_09, "6 मार्च 2026, 22:09"),
    ("en", DEC_6_10_09, "Dec. 6, 2026, 10:09 a.m."),
])
def test_a_moment_reads_in_the_language_s_own_order_and_punctuation_and_morning_differs_from_evening(
        code, moment, written):
    with translation.override(code):
        assert formats.date_format(moment, "DATETIME_FORMAT") == written
