"""Account actions under the retention policy and in the data-subject export (accountactions/privacy_hooks.py,
docs/account-actions.md "Retention and the data-subject export"): a ban in effect keeps its evidence case from the
purge; otherwise the purge blanks every personal field cases.policy lists for actions and sign-offs and keeps the
facts; a person's export lists the approved actions on their account, facts only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rightsdesk.accountactions import services
from rightsdesk.accountactions.models import AccountAction, SignOff
from rightsdesk.accounts.roles import LEGAL_APPROVER, REVIEWER, TRUST_AND_SAFETY
from rightsdesk.cases import choices as c
from rightsdesk.cases import policy as case_policy
from rightsdesk.cases.models import Case
from rightsdesk.privacy import retention
from rightsdesk.privacy.subject_export import export_subject

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def close_long_ago(case):
    """The evidence case closed 400 days ago: past a harm report's retention (one year)."""
    Case.objects.filter(pk=case.pk).update(state=c.State.CLOSED, closed_at=timezone.now() - timedelta(days=400))
    return Case.objects.get(pk=case.pk)


def approved(make_staff, propose, action_type="interaction_ban", **fields):
    action = propose(make_staff(REVIEWER), action_type, accounts="Troublemaker77\nSecondSock",
                     notes="Reported by Erika Mustermann, who lives at Hauptstraße 5.", **fields)
    for role in action.required_roles:
        action = services.sign(action, make_staff(role), role=role, decision="approve",
                               reason="Erika's screenshots are convincing.")
    assert action.status == "approved"
    return action


@pytest.mark.parametrize("ends_on", [None, TODAY, TODAY + timedelta(days=30)])
def test_a_ban_still_in_effect_keeps_its_evidence_case_from_the_purge(make_staff, propose, evidence_case, ends_on):
    action = approved(make_staff, propose, starts_on=TODAY - timedelta(days=10), ends_on=ends_on)
    case = close_long_ago(evidence_case)

    result = retention.run_retention()

    assert case.reference in result.kept and action.reference in result.kept[case.reference]
    assert "in effect" in result.kept[case.reference]
    assert not retention.purge_case(case)
    action.refresh_from_db()
    assert action.account_list == ["Troublemaker77", "SecondSock"]
    assert Case.objects.get(pk=case.pk).personal_data_purged_at is None


def test_a_ban_awaiting_sign_off_keeps_its_evidence_case_from_the_purge(make_staff, propose, evidence_case):
    action = propose(make_staff(REVIEWER), "event_ban")
    case = close_long_ago(evidence_case)
    assert action.reference in retention.purge_blocked(case)
    assert not retention.purge_case(case)


def test_an_ended_ban_lets_the_purge_blank_every_personal_field_cases_policy_lists(make_staff, propose,
                                                                                   evidence_case, publish):
    action = approved(make_staff, propose, "global_ban", ends_on=TODAY + timedelta(days=10))
    entry = publish(action, "Banned for harassment.", account_name="Troublemaker77")
    services.withdraw_entry(entry, make_staff(LEGAL_APPROVER), reason="Erika asked us to take it down.")
    AccountAction.objects.filter(pk=action.pk).update(starts_on=TODAY - timedelta(days=400),
                                                      ends_on=TODAY - timedelta(days=1))
    case = close_long_ago(evidence_case)
    action.refresh_from_db()
    assert all(getattr(action, f) for f in case_policy.ACCOUNT_ACTION_PERSONAL_FIELDS)  # the test has something to lose

    assert retention.purge_blocked(case) == ""
    assert retention.purge_case(case)

    action.refresh_from_db()
    left = ([f"action.{f}" for f in case_policy.ACCOUNT_ACTION_PERSONAL_FIELDS if getattr(action, f)]
            + [f"signoff.{f}" for s in SignOff.objects.filter(action=action)
               for f in case_policy.SIGNOFF_PERSONAL_FIELDS if getattr(s, f)])
    assert left == []
    # The facts stay: the report's counts and the public log do not change.
    assert (action.action_type, action.ground, action.status, action.projects) == (
        "global_ban", "harassment", "approved", ["en.wikipedia.org"])
    assert action.ends_on == TODAY - timedelta(days=1) and SignOff.objects.filter(action=action).count() == 3


def test_a_lifted_ban_and_a_warning_do_not_keep_their_case(make_staff, propose, evidence_case):
    ban = approved(make_staff, propose, "lock")
    lifting = propose(make_staff(REVIEWER), "lift", lifts=ban, ground="review")
    for role in lifting.required_roles:
        lifting = services.sign(lifting, make_staff(role), role=role, decision="approve")
    approved(make_staff, propose, "warning")
    case = close_long_ago(evidence_case)

    assert retention.purge_blocked(case) == ""
    assert retention.purge_case(case)
    assert set(AccountAction.objects.filter(case=case).values_list("accounts", flat=True)) == {""}


def test_the_export_of_an_account_lists_the_approved_actions_on_it_without_the_private_evidence(
        make_staff, propose, make_case):
    action = approved(make_staff, propose, "event_ban", ends_on=TODAY + timedelta(days=90))
    propose(make_staff(REVIEWER), "lock", accounts="Troublemaker77")  # pending: not told through the export
    other_case = make_case(c.Kind.HARM_REPORT)
    propose(make_staff(TRUST_AND_SAFETY), "warning", accounts="SomeoneElse", case=other_case)

    document = export_subject(account="troublemaker77", actor="test")

    [told] = document["accountactions"]["actions_on_your_account"]
    assert told["reference"] == action.reference and told["action"] == "event_ban"
    assert told["ends"] == (TODAY + timedelta(days=90)).isoformat()
    text = repr(document)
    for private in ("Erika", "Hauptstraße", "SecondSock", "screenshots", "SomeoneElse"):
        assert private not in text
