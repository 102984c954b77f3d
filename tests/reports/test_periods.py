"""Reporting periods are half-open UTC ranges; anything else is refused with a message saying how to write one."""

from datetime import datetime, timezone

import pytest

from rightsdesk.reports.periods import (
    PeriodError, half_years_between, last_complete_half_year, parse_period, period_containing,
)

UTC = timezone.utc


@pytest.mark.parametrize("text, start, end", [
    ("2025-H1", datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 7, 1, tzinfo=UTC)),
    ("2025-H2", datetime(2025, 7, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)),
    ("2025", datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)),
    ("2025-03-01..2025-03-31", datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC)),
    ("2024-02-29..2024-02-29", datetime(2024, 2, 29, tzinfo=UTC), datetime(2024, 3, 1, tzinfo=UTC)),
    (" 2025-H1 ", datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 7, 1, tzinfo=UTC)),
])
def test_periods_are_half_open_utc_ranges(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    assert period.start.tzinfo is UTC
    assert period.slug == text.strip()


def test_a_range_of_days_includes_its_last_day():
    period = parse_period("2025-01-01..2025-01-31")
    assert period.first_day.isoformat() == "2025-01-01"
    assert period.last_day.isoformat() == "2025-01-31"


def test_consecutive_half_years_neither_overlap_nor_leave_a_gap():
    assert parse_period("2025-H1").end == parse_period("2025-H2").start
    assert parse_period("2025-H2").end == parse_period("2026-H1").start


@pytest.mark.parametrize("text, message", [
    ("2025-H3", "is not a period"),
    ("2025-Q1", "2025-H1 or 2025-H2"),
    ("", "is not a period"),
    ("2025-02-30..2025-03-31", "2025-02-30 in the period 2025-02-30..2025-03-31 is not a real date"),
    ("2025-03-31..2025-03-01", "ends before it starts"),
    ("1890-H1", "between 1990 and 2100"),
    ("2025-01-01..3000-01-01", "between 1990 and 2100"),
    ("2025-1-1..2025-2-1", "is not a period"),
])
def test_bad_periods_are_refused_with_a_message_saying_what_to_write(text, message):
    with pytest.raises(PeriodError) as excinfo:
        parse_period(text)
    assert message in excinfo.value.message
    assert excinfo.value.field == "period"


def test_periods_have_readable_labels():
    assert parse_period("2025-H1").label == "January to June 2025"
    assert parse_period("2025-H2").label == "July to December 2025"
    assert parse_period("2025").label == "The year 2025"
    assert parse_period("2025-01-01..2025-03-31").label == "2025-01-01 to 2025-03-31"


@pytest.mark.parametrize("language", ["ar", "fa", "ur"])
def test_a_range_of_days_keeps_each_day_left_to_right_in_a_right_to_left_label(language):
    """The Arabic report's heading and the laws page's lead read "من 2025-01-01 إلى 2025-03-31" with the days bare:
    each is isolated left to right (LRI … PDI), so its hyphens keep their place among Arabic words."""
    from django.utils import translation

    from rightsdesk.core.bidi import LRI, PDI

    with translation.override(language):
        label = parse_period("2025-01-01..2025-03-31").label
    assert f"{LRI}2025-01-01{PDI}" in label and f"{LRI}2025-03-31{PDI}" in label, label


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_reports_lead_keeps_the_periods_first_and_last_day_each_whole_and_left_to_right(client, language):
    page = client.get(f"/{language}/transparency/2026-H1/").content.decode()
    lead = page.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    for day in ("2026-01-01", "2026-06-30"):
        assert f'<bdi dir="ltr" class="whole">{day}</bdi>' in lead, lead


def test_half_years_are_listed_newest_first_from_the_first_case():
    periods = half_years_between(datetime(2024, 12, 31, 23, tzinfo=UTC), datetime(2026, 1, 2, tzinfo=UTC))
    assert [p.slug for p in periods] == ["2026-H1", "2025-H2", "2025-H1", "2024-H2"]
    assert period_containing(datetime(2025, 6, 30, 23, 59, tzinfo=UTC)).slug == "2025-H1"
    assert last_complete_half_year(datetime(2026, 12, 1, tzinfo=UTC)).slug == "2026-H1"
