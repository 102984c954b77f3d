"""A proposal form sent twice (a double click, a browser sending the page again) records one action, not two.

Each sending recorded an action of its own: two pending bans of the same accounts on the same evidence, each
with its own chain, which signers could both approve (two bans, counted twice in the report). The form now carries
a one-time token (``core.form_once``): a later sending of the same form records nothing and leads to the action the
first recorded; a refused sending frees the token, so the corrected form is recorded once.
"""

from __future__ import annotations

import re

import pytest

from rightsdesk.accountactions.models import AccountAction
from rightsdesk.accounts.roles import TRUST_AND_SAFETY

pytestmark = pytest.mark.django_db

URL = "/en/staff/account-actions/new/"


def _token(page: str) -> str:
    found = re.search(r'name="form_token" value="([^"]+)"', page)
    return found.group(1) if found else ""


def _form(evidence_case, **sent) -> dict:
    return {"action_type": "lock", "ground": "harassment", "accounts": "Example", "projects": "en.wikipedia.org",
            "case": evidence_case.reference, "notes": "Evidence.", **sent}


#: (the sendings of one form, each with what it changes; how many actions are recorded; each sending's answer)
SENDINGS = [
    ("sent twice", [{}, {}], 1, [302, 302]),
    ("sent three times", [{}, {}, {}], 1, [302, 302, 302]),
    ("refused, then corrected", [{"ends_on": "2000-01-01"}, {}], 1, [400, 302]),
    ("refused twice, then corrected, then sent again", [{"case": "NO-SUCH"}, {"accounts": " "}, {}, {}], 1,
     [400, 400, 302, 302]),
]


@pytest.mark.parametrize(("sendings", "recorded", "answers"), [s[1:] for s in SENDINGS], ids=[s[0] for s in SENDINGS])
def test_one_proposal_form_records_one_action_however_often_it_is_sent(
        client, verified_login, make_staff, evidence_case, sendings, recorded, answers):
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    token = _token(client.get(URL).content.decode())
    responses = []
    for changes in sendings:
        response = client.post(URL, {**_form(evidence_case, **changes), "form_token": token})
        responses.append(response)
        if response.status_code == 400:  # the refused form comes back carrying the same token
            assert _token(response.content.decode()) == token
    assert AccountAction.objects.count() == recorded
    assert [r.status_code for r in responses] == answers
    action = AccountAction.objects.get()
    assert {r["Location"] for r in responses if r.status_code == 302} == {f"/en/staff/account-actions/{action.reference}/"}


def test_two_proposal_forms_record_two_actions(client, verified_login, make_staff, evidence_case):
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    for _ in range(2):
        token = _token(client.get(URL).content.decode())
        assert client.post(URL, {**_form(evidence_case), "form_token": token}).status_code == 302
    assert AccountAction.objects.count() == 2
