"""A crisis a colleague ended while the page was open: ending it again, or saving a change to it, is refused with
409 and a page that says so. Ending it again answered 400 with no word on the page (the error summary sat inside
the part of the page shown only while the crisis runs), so the coordinator could not tell what had happened.
"""

from __future__ import annotations

import re

import pytest

from rightsdesk.crisis import services

pytestmark = pytest.mark.django_db


def _summary(page: str) -> str:
    found = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(0)).split()) if found else ""


#: (what the coordinator sends, from a page opened before a colleague ended the crisis; the answer; what it says)
SENT = [
    ("end it", "end", {"ends_on": ""}, 409, "This crisis has already ended."),
    ("end it on a day", "end", {"ends_on": "2026-01-05"}, 409, "This crisis has already ended."),
    ("change it", "edit", {"title": "Election", "kind": "election", "countries": "TR", "starts_on": "2026-01-01"},
     409, "This crisis has ended; its record can no longer be changed."),
]


@pytest.mark.parametrize(("url", "sent", "status", "said"), [row[1:] for row in SENT], ids=[row[0] for row in SENT])
def test_a_step_on_a_crisis_a_colleague_ended_meanwhile_is_refused_saying_so(
        client, verified_login, people, declare, url, sent, status, said):
    crisis = declare(["TR"])
    verified_login(client, people["safety"])
    services.end(crisis, people["approver1"])  # a colleague (legal approvers declare and end crises too)
    data = {**sent, "coordinator": str(people["safety"].pk)} if url == "edit" else sent
    response = client.post(f"/en/staff/crises/{crisis.pk}/{url}/", data)
    assert response.status_code == status
    assert said in _summary(response.content.decode())


def test_a_last_day_before_the_first_is_still_a_400_at_the_field(client, verified_login, people, declare):
    crisis = declare(["TR"])
    verified_login(client, people["safety"])
    response = client.post(f"/en/staff/crises/{crisis.pk}/end/", {"ends_on": "2000-01-01"})
    assert response.status_code == 400 and "The last day is before the first day." in _summary(response.content.decode())
    assert 'value="2000-01-01"' in response.content.decode()
