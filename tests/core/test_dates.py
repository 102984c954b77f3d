"""A date typed by staff (core.dates.typed_date): ISO year-month-day in any digits, blank for none, else a message."""

from datetime import date

import pytest

from rightsdesk.core.dates import iso_day, typed_date
from rightsdesk.core.errors import DomainError


@pytest.mark.parametrize("typed,expected", [
    ("2026-07-30", date(2026, 7, 30)),
    ("  2026-07-30 ", date(2026, 7, 30)),
    ("۲۰۲۶-۰۷-۳۰", date(2026, 7, 30)),  # Persian digits, as the Persian pages show the example
    ("٢٠٢٦-٠٧-٣٠", date(2026, 7, 30)),  # Arabic-Indic digits
    ("", None),
    ("   ", None),
    (None, None),
    (date(2026, 1, 2), date(2026, 1, 2)),
])
def test_a_typed_date_is_read_in_any_digits_and_blank_is_none(typed, expected):
    assert typed_date(typed, "due") == expected


@pytest.mark.parametrize("typed", [
    "30/07/2026", "2026-13-01", "tomorrow", "2026-02-30",
    "20260730", "2026-W31-4", "2026-211",  # date.fromisoformat takes these; the form asks for 2026-07-30
    "2026-7-30",
])
def test_anything_else_is_refused_naming_the_field_and_the_format(typed):
    with pytest.raises(DomainError) as refused:
        typed_date(typed, "due")
    assert refused.value.field == "due" and refused.value.code == "bad_date"
    assert "2026-07-30" in refused.value.message


@pytest.mark.parametrize("typed,expected", [
    ("2026-07-30", date(2026, 7, 30)),
    (" 2026-07-30 ", date(2026, 7, 30)),
    ("٢٠٢٦-٠٧-٣٠", date(2026, 7, 30)),
    ("۲۰۲۶-۰۷-۳۰", date(2026, 7, 30)),
    ("2026-7-30", None),      # Django's parse_date took it
    ("20260730", None),       # date.fromisoformat takes these two
    ("2026-W31-4", None),
    ("2026-02-30", None),
    ("", None),
])
def test_the_public_logs_day_is_yyyy_mm_dd_exactly_in_any_digits(typed, expected):
    """core.dates.iso_day: the one date rule of the public log's page and API."""
    assert iso_day(typed) == expected
