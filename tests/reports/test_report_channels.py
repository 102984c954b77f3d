"""The report counts the requests of a period by the channel they came through (web form, API, e-mail, post, fax,
phone, import, own initiative); its small counts are withheld like every other count of a short range."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.reports import disclosure
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report

pytestmark = pytest.mark.django_db

NOON = datetime(2024, 3, 5, 12, tzinfo=timezone.utc)


@pytest.fixture
def channels(make_case):
    for source, n in [(c.Source.WEB_FORM, 6), (c.Source.POST, 2), (c.Source.FAX, 1), (c.Source.PHONE, 5),
                      (c.Source.EMAIL, 7)]:
        for _ in range(n):
            make_case(c.Kind.CONTENT_TAKEDOWN, received_at=NOON, source=source)


def test_requests_by_channel_count_each_channel_of_the_period(channels):
    report = build_report(parse_period("2024-H1"))
    table = report.section("overview").table("by_channel")

    assert str(table.title) == "Requests by channel"
    assert {row.key: row.values["received"] for row in table.rows} == {
        "web_form": 6, "email": 7, "post": 2, "fax": 1, "phone": 5}
    assert [row.label for row in table.rows] == ["Online form", "E-mail", "Post", "Fax", "Phone call"]
    assert sum(row.values["received"] for row in table.rows) == report.value("overview", "by_kind", "all", "received")


def test_small_channel_counts_of_a_short_range_are_withheld(channels):
    public = disclosure.disclose(build_report(parse_period("2024-03-05..2024-03-05")))
    shown = {row.key: row.values["received"] for row in public.section("overview").table("by_channel").rows}

    assert shown["fax"].shown == shown["post"].shown == disclosure.FEWER
    assert shown["phone"] == 5 and shown["web_form"] == 6 and shown["email"] == 7


def test_one_withheld_channel_cannot_be_worked_out_from_the_total(make_case):
    for source, n in [(c.Source.WEB_FORM, 9), (c.Source.FAX, 1), (c.Source.PHONE, 6)]:
        for _ in range(n):
            make_case(c.Kind.CONTENT_TAKEDOWN, received_at=NOON, source=source)
    public = disclosure.disclose(build_report(parse_period("2024-03-05..2024-03-05")))

    cells = [public.value("overview", "by_kind", "all", "received")] + [
        row.values["received"] for row in public.section("overview").table("by_channel").rows]
    assert public.value("overview", "by_channel", "fax", "received").shown == disclosure.FEWER
    assert sum(1 for value in cells if not isinstance(value, int)) >= 2


def test_a_standard_period_shows_every_channel_exactly(channels):
    public = disclosure.disclose(build_report(parse_period("2024-H1")))
    assert public.value("overview", "by_channel", "fax", "received") == 1


def test_the_report_page_shows_the_channel_table(client, channels):
    html = client.get("/en/transparency/2024-H1/").content.decode()
    assert "Requests by channel" in html and 'data-cell="overview/by_channel/phone/received"' in html
