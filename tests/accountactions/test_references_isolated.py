"""In Arabic, every reference, site or account name an account action's message names is isolated (U+2066 or
U+2068 … U+2069): "No account action has the reference «AA-9999-0001»" or "…؛ وAA-2026-0002 ليس كذلك" ran the
typed or stored reference into the Arabic words around it (the bidirectional algorithm reorders its digits, dashes
and brackets), where the message about the other linked cases already isolated each one."""

from __future__ import annotations

import re

import pytest

from rightsdesk.accountactions import services
from rightsdesk.accountactions.models import AccountAction
from rightsdesk.accounts.roles import LEGAL_APPROVER, REVIEWER, TRUST_AND_SAFETY

pytestmark = pytest.mark.django_db

URL = "/ar/staff/account-actions/new/"
FORM = {"action_type": "lock", "ground": "harassment", "accounts": "Example Account",
        "projects": "en.wikipedia.org", "notes": "Private evidence."}

#: (what is changed in a correct proposal, the field the refusal is at, the text that must be isolated in it)
REFUSED = [
    ({"case": "12-RD-(NO)"}, "case", "12-RD-(NO)"),
    ({"action_type": "lift", "lifts": "AA-9999-0001"}, "lifts", "AA-9999-0001"),
    ({"action_type": "lift", "lifts": "pending"}, "lifts", "pending"),
    ({"projects": "en.wikipedia.org [1]"}, "projects", "en.wikipedia.org [1]"),
    ({"accounts": "2024-" + "x" * 300}, "accounts", "2024-" + "x" * 15),
]


def isolated(text: str, page: str) -> bool:
    return re.search("[\u2066\u2068]" + re.escape(text) + "\u2069", page) is not None


@pytest.mark.parametrize(("changed", "field", "named"), REFUSED, ids=[row[1] + "-" + row[2][:12] for row in REFUSED])
def test_a_refused_proposal_isolates_what_its_message_names(client, verified_login, make_staff, propose,
                                                            evidence_case, changed, field, named):
    pending = propose(make_staff(REVIEWER), "lock")
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    sent = {**FORM, "case": evidence_case.reference, **changed}
    if sent.get("lifts") == "pending":
        sent["lifts"] = named = pending.reference
    response = client.post(URL, sent)
    assert response.status_code == 400
    error = re.search(rf'<ul class="errorlist" id="f-{field}-error">(.*?)</ul>', response.content.decode(), re.S)
    assert error is not None, f"the refusal is at the field {field}"
    assert isolated(named, error.group(1)), error.group(1)


def test_the_proposed_message_isolates_the_new_reference(client, verified_login, make_staff, evidence_case):
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    page = client.post(URL, {**FORM, "case": evidence_case.reference}, follow=True).content.decode()
    assert isolated(AccountAction.objects.get().reference, page)


def test_the_published_and_withdrawn_messages_isolate_the_entry(client, verified_login, make_staff, propose):
    action = propose(make_staff(REVIEWER), "global_ban")
    for role in action.required_roles:
        action = services.sign(action, make_staff(role), role=role, decision="approve")
    services.draft_entry(action, make_staff(LEGAL_APPROVER), summary="Banned for harassment.")
    action = AccountAction.objects.get(pk=action.pk)
    verified_login(client, make_staff(LEGAL_APPROVER))
    base = f"/ar/staff/account-actions/{action.reference}"
    page = client.post(f"{base}/publish/", {"version": services.entry_version(action), "form_token": "t-1"},
                       follow=True).content.decode()
    public_id = AccountAction.objects.get(pk=action.pk).public_entry.public_id
    assert isolated(public_id, page), "published"
    page = client.post(f"{base}/entry/withdraw/", {"reason": "Overturned.", "form_token": "t-2"},
                       follow=True).content.decode()
    assert isolated(public_id, page), "withdrawn"
