"""Account actions take effect only when their approval chain has signed: each role of the chain by a different
person, none of them the proposer; one refusal refuses the action (docs/account-actions.md)."""

from __future__ import annotations

import re

import pytest

from rightsdesk.accountactions import policy, selectors, services
from rightsdesk.accountactions.models import AccountAction
from rightsdesk.accounts.roles import EXECUTIVE, LEGAL_APPROVER, REVIEWER, TRUST_AND_SAFETY
from rightsdesk.core.errors import DomainError, NotPermitted

pytestmark = pytest.mark.django_db

EXPECTED_DEFAULT_CHAINS = {
    "warning": [TRUST_AND_SAFETY],
    "interaction_ban": [TRUST_AND_SAFETY],
    "lock": [TRUST_AND_SAFETY],
    "event_ban": [TRUST_AND_SAFETY, LEGAL_APPROVER],
    "global_ban": [LEGAL_APPROVER, TRUST_AND_SAFETY, EXECUTIVE],
    "lift": [TRUST_AND_SAFETY, LEGAL_APPROVER],
}


def test_the_shipped_chains_are_the_default_chains_of_the_policy():
    assert selectors.chains() == EXPECTED_DEFAULT_CHAINS
    assert {k: list(v) for k, v in policy.DEFAULT_CHAINS.items()} == EXPECTED_DEFAULT_CHAINS


@pytest.mark.parametrize("action_type, chain", [(t, c) for t, c in EXPECTED_DEFAULT_CHAINS.items() if t != "lift"])
def test_each_default_chain_approves_only_with_its_last_sign_off(make_staff, propose, action_type, chain):
    proposer = make_staff(REVIEWER)
    action = propose(proposer, action_type)
    assert action.required_roles == chain and action.status == "pending"
    for role in chain:
        assert action.status == "pending", f"{action_type} approved before the {role} signed"
        action = services.sign(action, make_staff(role), role=role, decision="approve")
    assert action.status == "approved" and action.decided_at is not None


def test_a_global_ban_is_not_approved_without_the_executive_and_is_with_it(make_staff, propose):
    action = propose(make_staff(REVIEWER), "global_ban")
    services.sign(action, make_staff(LEGAL_APPROVER), role=LEGAL_APPROVER, decision="approve")
    action = services.sign(action, make_staff(TRUST_AND_SAFETY), role=TRUST_AND_SAFETY, decision="approve")
    assert action.status == "pending" and selectors.missing_roles(action) == [EXECUTIVE]
    # Someone without the executive role cannot give that sign-off.
    with pytest.raises(NotPermitted, match="executive"):
        services.sign(action, make_staff(LEGAL_APPROVER), role=EXECUTIVE, decision="approve")
    action.refresh_from_db()
    assert action.status == "pending"
    action = services.sign(action, make_staff(EXECUTIVE), role=EXECUTIVE, decision="approve")
    assert action.status == "approved"


def test_a_global_ban_refused_by_the_executive_is_refused(make_staff, propose):
    action = propose(make_staff(REVIEWER), "global_ban")
    services.sign(action, make_staff(LEGAL_APPROVER), role=LEGAL_APPROVER, decision="approve")
    action = services.sign(action, make_staff(EXECUTIVE), role=EXECUTIVE, decision="refuse",
                           reason="A time-limited ban is enough.")
    assert action.status == "refused"
    with pytest.raises(DomainError, match="already refused"):
        services.sign(action, make_staff(TRUST_AND_SAFETY), role=TRUST_AND_SAFETY, decision="approve")


def test_the_proposer_cannot_sign_their_own_action(make_staff, propose):
    proposer = make_staff(TRUST_AND_SAFETY)
    action = propose(proposer, "warning")
    with pytest.raises(NotPermitted, match="You proposed this action"):
        services.sign(action, proposer, role=TRUST_AND_SAFETY, decision="approve")
    assert AccountAction.objects.get(pk=action.pk).status == "pending"


def test_the_same_person_cannot_sign_twice_even_holding_two_roles_of_the_chain(make_staff, propose):
    both = make_staff(LEGAL_APPROVER, TRUST_AND_SAFETY)
    action = propose(make_staff(REVIEWER), "global_ban")
    services.sign(action, both, role=LEGAL_APPROVER, decision="approve")
    with pytest.raises(NotPermitted, match="already signed"):
        services.sign(action, both, role=TRUST_AND_SAFETY, decision="approve")
    assert action.signoffs.count() == 1


def test_a_role_signs_once_and_only_roles_of_the_chain_sign(make_staff, propose):
    action = propose(make_staff(REVIEWER), "event_ban")
    services.sign(action, make_staff(TRUST_AND_SAFETY), role=TRUST_AND_SAFETY, decision="approve")
    with pytest.raises(DomainError, match="already been given"):
        services.sign(action, make_staff(TRUST_AND_SAFETY), role=TRUST_AND_SAFETY, decision="approve")
    with pytest.raises(DomainError, match="no “executive” sign-off"):
        services.sign(action, make_staff(EXECUTIVE), role=EXECUTIVE, decision="approve")


def test_a_refusal_needs_reasons_and_refuses_the_action(make_staff, propose):
    action = propose(make_staff(REVIEWER), "lock")
    signer = make_staff(TRUST_AND_SAFETY)
    with pytest.raises(DomainError, match="reasons"):
        services.sign(action, signer, role=TRUST_AND_SAFETY, decision="refuse")
    action = services.sign(action, signer, role=TRUST_AND_SAFETY, decision="refuse", reason="Not the same person.")
    assert action.status == "refused" and action.signoffs.get().reason == "Not the same person."


def test_pending_and_refused_chains_are_visible_in_the_staff_list_and_on_the_action_page(
        client, verified_login, make_staff, propose):
    refused = propose(make_staff(REVIEWER), "lock")
    services.sign(refused, make_staff(TRUST_AND_SAFETY), role=TRUST_AND_SAFETY, decision="refuse",
                  reason="Different devices.")
    pending = propose(make_staff(REVIEWER), "global_ban")
    services.sign(pending, make_staff(LEGAL_APPROVER), role=LEGAL_APPROVER, decision="approve")
    viewer = make_staff(TRUST_AND_SAFETY)
    verified_login(client, viewer)
    page = client.get("/en/staff/account-actions/?status=refused").content.decode()
    assert refused.reference in page and pending.reference not in page
    page = client.get("/en/staff/account-actions/?status=pending").content.decode()
    assert pending.reference in page and "1 of 3" in page
    page = client.get(f"/en/staff/account-actions/{refused.reference}/").content.decode()
    assert "Refused" in page and "Different devices." in page
    page = client.get(f"/en/staff/account-actions/{pending.reference}/").content.decode()
    assert page.count("Waiting") == 2  # trust and safety, executive


def test_the_accounts_and_notes_are_encrypted_at_rest(make_staff, propose):
    from django.db import connection

    action = propose(make_staff(REVIEWER), "warning", accounts="Zygmunt Canarywood", notes="Lives at Orchard 5")
    with connection.cursor() as cursor:
        cursor.execute("SELECT accounts, notes FROM accountactions_accountaction WHERE id = %s", [action.pk])
        accounts, notes = cursor.fetchone()
    assert "Canarywood" not in accounts and "Orchard" not in notes
    assert AccountAction.objects.get(pk=action.pk).account_list == ["Zygmunt Canarywood"]


@pytest.mark.parametrize("fields, field", [
    ({"accounts": "  \n "}, "accounts"),
    ({"projects": ""}, "projects"),
    ({"ends_on": "2020-01-01"}, "ends_on"),
    ({"action_type": "warning", "ends_on": "2030-01-01"}, "ends_on"),
    ({"action_type": "lift"}, "lifts"),
    ({"case": None}, "case"),
])
def test_a_proposal_with_a_mistake_is_refused_naming_the_field_and_nothing_is_stored(make_staff, propose, fields,
                                                                                       field):
    from datetime import date

    if isinstance(fields.get("ends_on"), str):
        fields = {**fields, "ends_on": date.fromisoformat(fields["ends_on"])}
    fields.setdefault("action_type", "global_ban")
    action_type = fields.pop("action_type")
    with pytest.raises(DomainError) as refused:
        propose(make_staff(REVIEWER), action_type, **fields)
    assert refused.value.field == field
    assert not AccountAction.objects.exists()


def test_an_administrator_changes_a_chain_and_actions_already_proposed_keep_theirs(make_staff, propose):
    from rightsdesk.accountactions.models import ApprovalStep

    before = propose(make_staff(REVIEWER), "warning")
    ApprovalStep.objects.create(action_type="warning", role=LEGAL_APPROVER, position=2)
    after = propose(make_staff(REVIEWER), "warning")
    assert before.required_roles == [TRUST_AND_SAFETY]
    assert after.required_roles == [TRUST_AND_SAFETY, LEGAL_APPROVER]


@pytest.mark.parametrize("lang, signed, waiting, chain", [
    ("en", "legal approver: Approved", ["trust and safety", "executive"],
     "legal approver + trust and safety + executive"),
    ("ar", "المعتمِد القانوني:", ["الثقة والأمان", "الإدارة التنفيذية"],
     "المعتمِد القانوني + الثقة والأمان + الإدارة التنفيذية"),
])
def test_the_roles_of_a_chain_are_named_in_the_readers_language(client, verified_login, make_staff, propose,
                                                                lang, signed, waiting, chain):
    """A role is stored by its name ("trust and safety"); an Arabic page named it in English."""
    from html import unescape

    pending = propose(make_staff(REVIEWER), "global_ban")
    services.sign(pending, make_staff(LEGAL_APPROVER), role=LEGAL_APPROVER, decision="approve")
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    listing = unescape(client.get(f"/{lang}/staff/account-actions/").content.decode())
    assert signed in listing and chain in listing
    page = unescape(client.get(f"/{lang}/staff/account-actions/{pending.reference}/").content.decode())
    assert all(f"<strong>{role}</strong>" in page for role in waiting)
    if lang != "en":
        shown = re.sub(r"<[^>]*>", " ", listing + page)  # the words on the page, not its attributes
        assert "trust and safety" not in shown and "executive" not in shown


def test_a_refused_sign_off_names_the_role_in_the_readers_language(make_staff, propose):
    from django.utils import translation

    action = propose(make_staff(REVIEWER), "lock")
    with translation.override("ar"), pytest.raises(DomainError) as refused:
        services.sign(action, make_staff(EXECUTIVE), role=EXECUTIVE, decision="approve")
    assert "الإدارة التنفيذية" in refused.value.message
    assert "الثقة والأمان" in refused.value.message and "executive" not in refused.value.message


@pytest.mark.parametrize(("language", "needs"), [
    ("en", "it needs: trust and safety and legal approver."),
    ("ar", "الثقة والأمان و"),
])
def test_a_refused_sign_off_lists_the_chain_in_words_of_the_readers_language(make_staff, propose, language, needs):
    from django.utils import translation

    action = propose(make_staff(REVIEWER), "event_ban")
    with translation.override(language), pytest.raises(DomainError) as refused:
        services.sign(action, make_staff(EXECUTIVE), role=EXECUTIVE, decision="approve")
    assert needs in refused.value.message
    assert ", " not in refused.value.message.split(":")[-1]
