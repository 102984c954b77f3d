"""Every field an account action's forms refuse is aria-invalid and described by the message that says what to fix.

The proposal form named the field in error only in the summary at the top (the field itself was neither marked nor
tied to the message), and the sign-off form marked nothing; the entry's forms wrote the tie by hand. Every field is
now tied through core's ``field_errors`` tags (``tests/field_ties.py`` is the check)."""

from __future__ import annotations

import pytest

from rightsdesk.accountactions import services
from rightsdesk.accounts.roles import LEGAL_APPROVER, REVIEWER, TRUST_AND_SAFETY
from tests.field_ties import assert_tied_to

pytestmark = pytest.mark.django_db


def _proposal(evidence_case, **changes) -> dict:
    return {"action_type": "lock", "ground": "harassment", "accounts": "Example", "projects": "en.wikipedia.org",
            "case": evidence_case.reference, "notes": "Evidence.", "starts_on": "2026-01-02", "ends_on": "",
            **changes}


#: (what is wrong, what is changed in the proposal, the field's id, words of its message)
PROPOSALS = [
    ("no account", {"accounts": "  "}, "f-accounts", "Name at least one account"),
    ("no project", {"projects": ""}, "f-projects", ""),
    ("an unknown case", {"case": "RD-0000-NOPE"}, "f-case", "RD-0000-NOPE"),
    ("an unknown linked case", {"related_cases": "RD-0000-GONE"}, "f-related_cases", "RD-0000-GONE"),
    ("an unknown action lifted", {"lifts": "AA-0000-GONE"}, "f-lifts", "AA-0000-GONE"),
    ("an end before the start", {"ends_on": "2020-01-01"}, "f-ends_on", "must be after"),
    ("no policy ground", {"ground": ""}, "f-ground", "Choose the policy ground"),
]


@pytest.mark.parametrize(("changes", "field_id", "says"), [p[1:] for p in PROPOSALS], ids=[p[0] for p in PROPOSALS])
def test_a_refused_proposal_ties_the_field_in_error_to_its_message(
        client, verified_login, make_staff, evidence_case, changes, field_id, says):
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    response = client.post("/en/staff/account-actions/new/", _proposal(evidence_case, **changes))
    assert response.status_code == 400
    assert_tied_to(response.content.decode(), field_id, says)


def test_a_refused_sign_off_ties_the_reasons_to_their_message(client, verified_login, make_staff, propose):
    action = propose(make_staff(REVIEWER), "global_ban")
    verified_login(client, make_staff(LEGAL_APPROVER))
    response = client.post(f"/en/staff/account-actions/{action.reference}/sign/",
                           {"role": LEGAL_APPROVER, "decision": "refuse", "reason": " "})
    assert response.status_code == 400
    assert_tied_to(response.content.decode(), "f-reason", "Give the reasons for refusing")


def _approved(make_staff, propose):
    action = propose(make_staff(REVIEWER), "global_ban", accounts="Example Account")
    for role in action.required_roles:
        action = services.sign(action, make_staff(role), role=role, decision="approve")
    return action


def test_a_refused_draft_ties_the_summary_to_its_message(client, verified_login, make_staff, propose):
    action = _approved(make_staff, propose)
    verified_login(client, make_staff(LEGAL_APPROVER))
    response = client.post(f"/en/staff/account-actions/{action.reference}/entry/draft/",
                           {"summary": "S" * (services.MAX_SUMMARY + 1), "form_token": "t-draft"})
    assert response.status_code == 400
    assert_tied_to(response.content.decode(), "f-summary", "Use at most")


def test_a_refused_withdrawal_ties_the_reason_to_its_message(client, verified_login, make_staff, propose, publish):
    entry = publish(_approved(make_staff, propose), "Globally banned for harassment.")
    verified_login(client, make_staff(LEGAL_APPROVER))
    response = client.post(f"/en/staff/account-actions/{entry.action.reference}/entry/withdraw/",
                           {"reason": "  ", "form_token": "t-withdraw"})
    assert response.status_code == 400
    assert_tied_to(response.content.decode(), "f-reason", "Say why the entry is withdrawn")
