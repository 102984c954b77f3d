"""Medians and percentages: computed correctly, in the database's date arithmetic, on even and odd counts."""

from datetime import datetime, timedelta, timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report
from rightsdesk.reports.queries import median, percent

pytestmark = pytest.mark.django_db
START = datetime(2023, 2, 1, 9, 0, tzinfo=timezone.utc)


def decided_case(make_case, kind, days_to_decide, **fields):
    return make_case(kind, received_at=START, decided_at=START + timedelta(days=days_to_decide),
                     outcome=c.Outcome.REJECTED, state=c.State.DECIDED, **fields)


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_values():
    assert median([4, 1, 3, 2]) == 2.5
    assert median([5, 1, 3]) == 3
    assert median([]) is None


def test_a_percentage_without_a_denominator_is_no_value_rather_than_zero():
    assert percent(0, 0) is None
    assert percent(1, 3) == 33.3


def test_median_handling_time_per_kind_comes_from_the_decision_dates(make_case):
    for days in (1, 2, 4, 10):
        decided_case(make_case, c.Kind.CONTENT_TAKEDOWN, days)
    decided_case(make_case, c.Kind.APPEAL, 3)
    make_case(c.Kind.CONTENT_TAKEDOWN, received_at=START)  # still open: not in the median
    report = build_report(parse_period("2023-H1"))
    assert report.value("overview", "by_kind", "content_takedown", "median_days") == 3.0  # (2 + 4) / 2
    assert report.value("overview", "by_kind", "content_takedown", "decided") == 4
    assert report.value("overview", "by_kind", "content_takedown", "pending") == 1
    assert report.value("appeals", "timing", "received_to_decided", "median_days") == 3.0
    assert report.value("overview", "by_kind", "all", "median_days") == 3.0  # 1, 2, 3, 4, 10
    assert report.value("overview", "by_kind", "grievance", "median_days") is None


def test_harm_first_response_is_measured_to_the_acknowledgement(make_case):
    for minutes in (30, 90):
        make_case(c.Kind.HARM_REPORT, received_at=START, acknowledged_at=START + timedelta(minutes=minutes),
                  harm_category=c.HarmCategory.THREAT)
    make_case(c.Kind.HARM_REPORT, received_at=START, harm_category=c.HarmCategory.THREAT)  # not yet answered
    table = build_report(parse_period("2023-H1")).section("harm").table("timing")
    assert table.value("received_to_first_response", "cases") == 2
    assert table.value("received_to_first_response", "median_hours") == 1.0


def test_a_period_without_cases_reports_zeros_and_no_medians():
    report = build_report(parse_period("1999"))
    assert report.value("overview", "by_kind", "all", "received") == 0
    assert report.value("content", "summary", "received", "percent") is None
    assert report.value("appeals", "timing", "received_to_decided", "median_days") is None
