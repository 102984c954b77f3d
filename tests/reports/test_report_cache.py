"""The public report is kept for a while, but a change to any case shows at once."""

from datetime import datetime, timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.cases.services import update_case

pytestmark = pytest.mark.django_db
RECEIVED = datetime(2022, 2, 1, tzinfo=timezone.utc)


def received(client) -> str:
    html = client.get("/en/transparency/2022-H1/").content.decode()
    return html.split('data-cell="overview/by_kind/content_takedown/received" data-value="', 1)[1].split('"', 1)[0]


def granted(client) -> str:
    csv_text = client.get("/en/transparency/2022-H1/report.csv").content.decode()
    return next(line for line in csv_text.splitlines() if line.startswith("content,summary,granted,count,")).rsplit(",", 1)[1]


def test_a_new_case_or_a_changed_outcome_shows_in_the_next_request(client, make_case):
    case = make_case(received_at=RECEIVED)
    assert received(client) == "1" and granted(client) == "0"
    make_case(received_at=RECEIVED)
    assert received(client) == "2"
    update_case(case, {"outcome": c.Outcome.GRANTED}, "test")
    assert granted(client) == "1"


def test_the_cache_can_be_turned_off(client, make_case, settings):
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "REPORT_CACHE_SECONDS": 0}
    make_case(received_at=RECEIVED)
    assert received(client) == "1"
