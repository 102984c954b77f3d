"""The Arabic staff pages of account actions keep every username and reference apart from the Arabic around them
(``<bdi>``), and join linked cases with the Arabic comma: the list wrote the proposer bare ("2026-12-08 · safety"),
the action's page its own reference in the heading, the action lifted, the evidence and linked cases (joined with a
Latin ", ") and the public entry's id bare, where the rest of the page isolates the same names."""

from __future__ import annotations

import re

import pytest

from rightsdesk.accountactions import services
from rightsdesk.accounts.roles import LEGAL_APPROVER, REVIEWER, TRUST_AND_SAFETY

pytestmark = pytest.mark.django_db


def bdi(text: str) -> str:
    """A pattern: ``text`` as the whole content of a <bdi> (with or without attributes)."""
    return r"<bdi[^>]*>" + re.escape(text) + r"</bdi>"


@pytest.fixture
def lifting(make_staff, make_case, propose):
    """An approved global ban, published then withdrawn, and a proposed lifting of it linked to a second case."""
    proposer = make_staff(REVIEWER, username="2024-reviewer")
    ban = propose(proposer, "global_ban")
    for role in ban.required_roles:
        ban = services.sign(ban, make_staff(role), role=role, decision="approve")
    services.draft_entry(ban, make_staff(LEGAL_APPROVER), summary="Banned for harassment.")
    entry = services.approve_entry(ban, make_staff(LEGAL_APPROVER))
    services.withdraw_entry(entry, make_staff(LEGAL_APPROVER), reason="Overturned on appeal.")
    other = make_case(subject="An earlier report")
    lift = propose(proposer, "lift", lifts=ban, related_cases=[other])
    return {"ban": ban, "lift": lift, "other": other, "entry": entry, "proposer": proposer}


def test_the_list_isolates_each_proposer(client, verified_login, make_staff, lifting):
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    page = client.get("/ar/staff/account-actions/").content.decode()
    rows = re.findall(r"<tr>.*?</tr>", page, re.S)
    proposers = [row for row in rows if "2024-reviewer" in row]
    assert len(proposers) == 2
    for row in proposers:
        assert re.search(r"· " + bdi("2024-reviewer"), row), row


PAGE = [
    ("lift", "heading", lambda s: r"<h1>" + bdi(s["lift"].reference) + ":"),
    ("lift", "the action lifted", lambda s: r'">' + bdi(s["ban"].reference) + "</a>"),
    ("lift", "the evidence and the linked case, Arabic comma",
     lambda s: bdi(s["lift"].case.reference) + r"</a>، <a [^>]*>" + bdi(s["other"].reference) + "</a>"),
    ("ban", "the withdrawn entry", lambda s: r'data-entry="withdrawn"><p>[^<]*' + bdi(s["entry"].public_id)),
]


@pytest.mark.parametrize(("action", "what", "pattern"), PAGE, ids=[row[1] for row in PAGE])
def test_the_action_page_isolates_its_references(client, verified_login, make_staff, lifting, action, what, pattern):
    verified_login(client, make_staff(LEGAL_APPROVER))
    page = client.get(f"/ar/staff/account-actions/{lifting[action].reference}/").content.decode()
    assert re.search(pattern(lifting), page), what
