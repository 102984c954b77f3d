"""Every figure of the report equals an independent count of the demo cases (report_expectations)."""

from __future__ import annotations

import pytest

from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report
from tests.reports.report_expectations import Expected
from tests.reports.report_fixtures import DEMO_PERIODS, demo_data  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]

SECTIONS = ["overview", "content", "copyright", "user_data", "preservation", "emergency", "appeals", "harm", "sla", "notices",
            "actions", "account_actions", "crisis", "legal_support", "santa_clara"]


def legally_barred_expected(period):
    try:
        from rightsdesk.notices.stats import legally_barred_notices
    except ImportError:
        return None
    from rightsdesk.reports.queries import cases_in

    return legally_barred_notices(cases_in(period))


def cells_of(period_slug):
    period = parse_period(period_slug)
    report = build_report(period)
    actual = {cell[:4]: cell[4] for cell in report.cells()}
    expected = Expected(period).build(legally_barred=legally_barred_expected(period))
    return actual, expected


def only(cells, section):
    return {k: v for k, v in cells.items() if k[0] == section}


@pytest.fixture(scope="module", params=DEMO_PERIODS)
def period_cells(request, demo_data, django_db_blocker):  # noqa: F811
    with django_db_blocker.unblock():
        return request.param, *cells_of(request.param)


@pytest.mark.parametrize("section", SECTIONS)
def test_each_section_matches_an_independent_count_of_the_cases(period_cells, section):
    slug, actual, expected = period_cells
    assert only(actual, section) == only(expected, section), f"{section} of {slug}"


def test_the_report_has_no_figure_the_independent_count_does_not_check(period_cells):
    slug, actual, expected = period_cells
    assert set(actual) == set(expected), sorted(set(actual) ^ set(expected))


def test_the_demo_periods_are_not_trivial(period_cells):
    """Guards the other tests: a period with no cases would agree on zeros."""
    slug, actual, _expected = period_cells
    assert actual[("overview", "by_kind", "all", "received")] > 20
    if slug != "2026-H2":
        assert actual[("user_data", "summary", "received", "count")] > 5
        assert actual[("appeals", "summary", "filed", "count")] >= 1
        assert actual[("content", "summary", "granted_or_partially_granted", "count")] >= 0
    else:
        assert actual[("overview", "by_kind", "all", "pending")] > 0


def test_a_case_counts_in_the_period_in_which_it_was_received(make_case):
    from datetime import datetime, timezone

    from rightsdesk.cases import choices as c

    before = {p: build_report(parse_period(p)).value("overview", "by_kind", "all", "received")
              for p in ["2024-H1", "2024-H2"]}
    make_case(received_at=datetime(2024, 6, 30, 23, 59, 59, tzinfo=timezone.utc), state=c.State.RECEIVED)
    make_case(received_at=datetime(2024, 7, 1, 0, 0, 0, tzinfo=timezone.utc), state=c.State.RECEIVED)
    make_case(received_at=datetime(2024, 7, 1, 0, 0, 1, tzinfo=timezone.utc), state=c.State.RECEIVED)
    assert build_report(parse_period("2024-H1")).value("overview", "by_kind", "all", "received") == before["2024-H1"] + 1
    assert build_report(parse_period("2024-H2")).value("overview", "by_kind", "all", "received") == before["2024-H2"] + 2


def test_percentages_state_their_denominator(period_cells):
    slug = period_cells[0]
    report = build_report(parse_period(slug))
    summary = report.section("content").table("summary")
    received = summary.value("received", "count")
    assert str(received) in summary.note
    assert "%" in next(col.label for col in summary.columns if col.key == "percent")


def test_items_restored_after_an_appeal_are_counted_with_the_case_they_belong_to(make_case):
    from datetime import datetime, timezone

    from rightsdesk.cases import choices as c
    from rightsdesk.cases.services import update_item

    case = make_case(received_at=datetime(2019, 2, 1, tzinfo=timezone.utc), items=[
        {"url": "https://en.wikipedia.org/wiki/A", "project": "en.wikipedia.org", "action": c.Action.REMOVE},
        {"url": "https://en.wikipedia.org/wiki/B", "project": "en.wikipedia.org", "action": c.Action.REMOVE}])
    update_item(case.items.first(), {"restored_at": datetime(2020, 5, 1, tzinfo=timezone.utc)}, "test")
    report = build_report(parse_period("2019-H1"))
    assert report.value("actions", "restored", "restored_after_appeal", "items") == 1
    assert report.value("actions", "by_action", "remove", "items") == 2
