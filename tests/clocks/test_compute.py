"""The calendar arithmetic of statutory clocks, with fixed dates across weekends and public holidays.

Business days start counting the day after the start (17 U.S.C. 512(g)(2)(C): "not less than 10, nor more than
14, business days following receipt"); the earliest day opens at midnight and the deadline closes at the end of
its day, both in the jurisdiction's time zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone as dt_timezone

import pytest

from rightsdesk.clocks import compute
from rightsdesk.clocks.calendar import Calendar
from rightsdesk.core.errors import DomainError

UTC = dt_timezone.utc


def at(y, m, d, h=12, minute=0):
    return datetime(y, m, d, h, minute, tzinfo=UTC)


def local_day(moment: datetime, cal: Calendar) -> date:
    return moment.astimezone(cal.tz).date()


COUNTER_NOTICE_WINDOWS = [
    pytest.param("US", "", at(2026, 6, 26, 15), date(2026, 7, 13), date(2026, 7, 17),
                 id="US: received Friday 26 June 2026, the observed Independence Day (3 July) is skipped: restore "
                    "from 13 July, by 17 July"),
    pytest.param("US", "", at(2026, 11, 18, 15), date(2026, 12, 3), date(2026, 12, 9),
                 id="US: received the Wednesday before Thanksgiving: restore from 3 December, by 9 December"),
    pytest.param("DE", "", at(2026, 4, 2, 9), date(2026, 4, 20), date(2026, 4, 24),
                 id="DE: received Maundy Thursday, Good Friday and Easter Monday are skipped: 20 to 24 April"),
    pytest.param("DE", "BY", at(2026, 6, 1, 9), date(2026, 6, 16), date(2026, 6, 22),
                 id="DE-BY: Corpus Christi (4 June) is a holiday in Bavaria only: 16 to 22 June"),
    pytest.param("DE", "", at(2026, 6, 1, 9), date(2026, 6, 15), date(2026, 6, 19),
                 id="DE without a subdivision: Corpus Christi is a working day: 15 to 19 June"),
    pytest.param("FR", "", at(2026, 4, 30, 9), date(2026, 5, 19), date(2026, 5, 26),
                 id="FR: 1 May, 8 May, Ascension and Whit Monday are skipped: 19 to 26 May"),
    pytest.param("IN", "", at(2026, 9, 25, 6), date(2026, 10, 12), date(2026, 10, 16),
                 id="IN: Gandhi Jayanti (2 October) is skipped: 12 to 16 October"),
    pytest.param("IN", "", at(2026, 9, 25, 20), date(2026, 10, 12), date(2026, 10, 16),
                 id="IN: 20:00 UTC on Friday is already Saturday in India: the count starts from Saturday"),
    pytest.param("BR", "", at(2026, 4, 16, 15), date(2026, 5, 4), date(2026, 5, 8),
                 id="BR: Tiradentes (21 April) and Labour Day (1 May) are skipped: 4 to 8 May"),
]


@pytest.mark.parametrize("country, subdivision, received, earliest, latest", COUNTER_NOTICE_WINDOWS)
def test_the_counter_notice_window_is_10_to_14_business_days_of_the_jurisdiction(country, subdivision, received,
                                                                                earliest, latest):
    cal = Calendar(country, subdivision)
    win = compute.window(compute.BUSINESS_DAYS, 14, received, cal, minimum=10)
    assert local_day(win.earliest, cal) == earliest
    assert win.earliest.astimezone(cal.tz).time().isoformat() == "00:00:00"
    assert local_day(win.due, cal) == latest
    assert win.due.astimezone(cal.tz).time().isoformat() == "23:59:59"


def test_an_office_closure_is_not_a_business_day():
    cal = Calendar("US", "", closures=[date(2026, 7, 2)])
    win = compute.window(compute.BUSINESS_DAYS, 14, at(2026, 6, 26, 15), cal, minimum=10)
    assert local_day(win.earliest, cal) == date(2026, 7, 14)
    assert local_day(win.due, cal) == date(2026, 7, 20)


MONTHS = [
    pytest.param(at(2026, 3, 15, 9), 0, date(2026, 4, 15), id="received 15 March: answer by 15 April"),
    pytest.param(at(2026, 1, 31, 9), 0, date(2026, 2, 28),
                 id="received 31 January: February has no 31st, so the month ends on 28 February"),
    pytest.param(at(2028, 1, 31, 9), 0, date(2028, 2, 29), id="in a leap year the month ends on 29 February"),
    pytest.param(at(2026, 1, 31, 9), 2, date(2026, 4, 30),
                 id="received 31 January and extended by two months: 30 April (three months from receipt)"),
    pytest.param(at(2026, 11, 30, 9), 2, date(2027, 2, 28),
                 id="received 30 November and extended: 28 February of the next year"),
]


@pytest.mark.parametrize("received, extra, due", MONTHS)
def test_the_gdpr_month_and_its_extension_end_on_the_same_day_or_the_months_last(received, extra, due):
    cal = Calendar("FR")
    win = compute.window(compute.MONTHS, 1, received, cal, extra=extra)
    assert local_day(win.due, cal) == due


HOURS = [
    pytest.param(24, 0, at(2026, 12, 24, 10), at(2026, 12, 25, 10),
                 id="NetzDG manifestly unlawful: 24 hours, Christmas Day included"),
    pytest.param(168, 0, at(2026, 12, 24, 10), at(2026, 12, 31, 10), id="NetzDG otherwise: 7 days"),
    pytest.param(1, 0, at(2026, 3, 29, 0, 30), at(2026, 3, 29, 1, 30),
                 id="TCO removal order: one hour, even across the night the clocks change"),
    pytest.param(2160, 0, at(2026, 1, 5, 12), at(2026, 4, 5, 12), id="preservation: 90 days"),
    pytest.param(2160, 2160, at(2026, 1, 5, 12), at(2026, 7, 4, 12), id="preservation renewed once: 180 days"),
]


@pytest.mark.parametrize("hours, extra, received, due", HOURS)
def test_calendar_hours_count_every_hour(hours, extra, received, due):
    assert compute.window(compute.HOURS, hours, received, Calendar("DE"), extra=extra).due == due


PAUSES = [
    pytest.param("US", at(2026, 6, 29, 14), at(2026, 7, 4, 14), 4, date(2026, 7, 23),
                 id="US: paused Monday 29 June to Saturday 4 July (5 days, one the observed Independence Day): "
                    "4 business days lost, deadline moves from 17 to 23 July"),
    pytest.param("DE", at(2026, 6, 29, 8), at(2026, 7, 4, 8), 5, date(2026, 7, 23),
                 id="DE: the same 5 days without a holiday: 5 business days lost, deadline moves from 16 to 23 July"),
    pytest.param("US", at(2026, 7, 3, 14), at(2026, 7, 6, 14), 0, date(2026, 7, 17),
                 id="US: paused over the holiday and the weekend only: nothing lost"),
]


@pytest.mark.parametrize("country, paused, resumed, lost, due", PAUSES)
def test_a_pause_moves_a_business_day_deadline_by_the_business_days_it_covered(country, paused, resumed, lost, due):
    cal = Calendar(country)
    shift = compute.pause_shift(compute.BUSINESS_DAYS, paused, resumed, cal)
    assert shift == lost
    win = compute.window(compute.BUSINESS_DAYS, 14, at(2026, 6, 26, 15), cal, minimum=10, shift=shift)
    assert local_day(win.due, cal) == due


def test_a_pause_of_an_hours_clock_adds_the_time_it_lasted():
    assert compute.pause_shift(compute.HOURS, at(2026, 1, 1, 10), at(2026, 1, 6, 10), Calendar("DE")) == 5 * 86400


BAD = [
    pytest.param(lambda: Calendar("XX"), "unknown_jurisdiction", id="an unknown country is refused, naming the code"),
    pytest.param(lambda: Calendar("DE", "ZZ"), "unknown_subdivision", id="an unknown subdivision is refused"),
    pytest.param(lambda: Calendar("EU"), "unknown_jurisdiction",
                 id="the Union has no calendar of its own: the case needs its member state"),
    pytest.param(lambda: compute.check_not_before_receipt(at(2026, 3, 1), at(2026, 3, 2)), "start_before_receipt",
                 id="a clock cannot start before the request was received"),
    pytest.param(lambda: compute.window("fortnights", 2, at(2026, 3, 1), Calendar("DE")), "bad_clock_type",
                 id="an unknown clock type is refused"),
]


@pytest.mark.parametrize("call, code", BAD)
def test_bad_input_is_refused_with_a_clear_error(call, code):
    with pytest.raises(DomainError) as error:
        call()
    assert error.value.code == code
    assert error.value.message


def test_a_clock_refused_before_the_receipt_names_both_moments_in_utc():
    """A start typed with another offset is told in UTC, beside a receipt in UTC (core.moments)."""
    with pytest.raises(DomainError) as error:
        compute.check_not_before_receipt(datetime(2026, 3, 1, 10, tzinfo=dt_timezone(timedelta(hours=1))),
                                         datetime(2026, 3, 2, 8, tzinfo=dt_timezone.utc))
    assert "2026-03-01 09:00 UTC" in error.value.message and "2026-03-02 08:00 UTC" in error.value.message
