"""A date typed by staff (core.dates.typed_date): ISO year-month-day in any digits, blank for none, else a message."""

from datetime import date

import pytest

from rightsdesk.core.dates import typed_date
from rightsdesk.core.errors import DomainError


@pytest.mark.parametrize("typed,expected", [
    ("2026-07-30", date(2026, 7, 30)),
    ("  2026-07-30 ", date(2026, 7, 30)),
    ("۲۰۲۶-۰۷-۳۰", date(2026, 7, 30)),  # Persian digits, as the Persian pages show the example
    ("٢٠٢٦-٠٧-٣٠", date(2026, 7, 30)),  # Arabic-Indic digits
    ("", None),
    (None, None),
    (date(2026, 1, 2), date(2026, 1, 2)),
])
def test_a_typed_date_is_read_in_any_digits_and_blank_is_none(typed, expected):
    assert typed_date(typed, "due") == expected


@pytest.mark.parametrize("typed", ["30/07/2026", "2026-13-01", "tomorrow"])
def test_anything_else_is_refused_naming_the_field_and_the_format(typed):
    with pytest.raises(DomainError) as refused:
        typed_date(typed, "due")
    assert refused.value.field == "due" and refused.value.code == "bad_date"
    assert "2026-07-30" in refused.value.message
