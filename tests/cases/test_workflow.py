"""The case state machine: every allowed and every forbidden transition, for every caller."""

from __future__ import annotations

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.cases import workflow
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.cases.workflow import TRANSITIONS, TransitionError
from rightsdesk.core.errors import DomainError, NotPermitted

ALL_STATES = list(c.State.values)
ALLOWED = [(name, source) for name, t in TRANSITIONS.items() for source in sorted(t.sources)]
FORBIDDEN = [(name, state) for name, t in TRANSITIONS.items() for state in ALL_STATES if state not in t.sources]


@pytest.fixture(autouse=True)
def machine_only(monkeypatch):
    """These tests specify the state machine's own table; the rules other apps add
    as guards (the review checklist, four-eyes, appeal recusal) are specified in
    those apps' tests, so they are set aside here."""
    from collections import defaultdict

    monkeypatch.setattr(workflow, "_guards", defaultdict(list))


@pytest.fixture
def superuser(django_user_model, db):
    return django_user_model.objects.create_superuser("root", "root@staff.invalid", "pw-for-tests-only")


@pytest.mark.django_db
@pytest.mark.parametrize("name,source", ALLOWED)
def test_every_allowed_transition_moves_the_case_and_is_recorded(make_case, superuser, name, source):
    case = make_case(state=source)
    transitions = case.history.filter(event=CaseHistory.Event.TRANSITION)
    assert not transitions.exists()

    workflow.transition(case, name, superuser, reason=f"testing {name}")

    case.refresh_from_db()
    assert case.state == TRANSITIONS[name].target
    # Other apps may record what they did in reaction (notices drafted...); the transition itself is one entry.
    entry = transitions.get()
    assert (entry.event, entry.from_state, entry.to_state) == (CaseHistory.Event.TRANSITION, source, case.state)
    assert entry.actor == superuser and entry.reason == f"testing {name}"
    assert entry.changes["transition"] == name


@pytest.mark.django_db
@pytest.mark.parametrize("name,state", FORBIDDEN)
def test_every_forbidden_transition_is_refused_and_changes_nothing(make_case, superuser, name, state):
    case = make_case(state=state)
    history_before = list(case.history.values_list("id", flat=True))
    updated_before = Case.objects.get(pk=case.pk).updated_at

    with pytest.raises(TransitionError) as err:
        workflow.transition(case, name, superuser)

    assert name in err.value.message and "possible steps" in err.value.message
    stored = Case.objects.get(pk=case.pk)
    assert stored.state == state and stored.updated_at == updated_before
    assert list(stored.history.values_list("id", flat=True)) == history_before


def test_the_machine_reaches_every_state_and_every_state_can_be_left_or_is_closed():
    targets = {t.target for t in TRANSITIONS.values()} | {c.State.RECEIVED}
    assert targets == set(ALL_STATES)
    for state in ALL_STATES:
        assert workflow.STATE_EXITS[state], f"{state} is a dead end"


@pytest.mark.django_db
def test_unknown_transition_names_the_known_ones(make_case, superuser):
    with pytest.raises(TransitionError, match="Known transitions: .*approve"):
        workflow.transition(make_case(), "teleport", superuser)


@pytest.mark.django_db
def test_saving_a_new_state_outside_the_workflow_is_refused(make_case):
    case = make_case()
    case.state = c.State.DECIDED
    with pytest.raises(TransitionError, match="only change through the workflow"):
        case.save()
    assert Case.objects.get(pk=case.pk).state == c.State.RECEIVED


@pytest.mark.django_db
def test_a_stale_copy_cannot_take_a_transition_twice(make_case, superuser):
    case = make_case(state=c.State.UNDER_REVIEW)
    stale = Case.objects.get(pk=case.pk)
    workflow.transition(case, "decide", superuser)
    # The stale copy still says under_review, but the workflow re-reads the locked row.
    with pytest.raises(TransitionError):
        workflow.transition(stale, "decide", superuser)
    assert case.history.filter(event=CaseHistory.Event.TRANSITION).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role,name,source,allowed", [
    ("intake", "triage", c.State.RECEIVED, True),
    ("intake", "decide", c.State.UNDER_REVIEW, False),
    ("intake", "approve", c.State.AWAITING_APPROVAL, False),
    ("reviewer", "decide", c.State.UNDER_REVIEW, True),
    ("reviewer", "approve", c.State.AWAITING_APPROVAL, False),
    ("reviewer", "submit_for_approval", c.State.UNDER_REVIEW, True),
    ("legal approver", "approve", c.State.AWAITING_APPROVAL, True),
    ("legal approver", "return_for_changes", c.State.AWAITING_APPROVAL, True),
    ("trust and safety", "start_review", c.State.RECEIVED, True),
    ("trust and safety", "approve", c.State.AWAITING_APPROVAL, False),
    ("auditor", "triage", c.State.RECEIVED, False),
    ("auditor", "close", c.State.NOTIFIED, False),
    ("administrator", "decide", c.State.UNDER_REVIEW, False),
])
def test_roles_may_take_exactly_their_transitions(make_case, make_staff, role, name, source, allowed):
    case = make_case(state=source)
    user = make_staff(role)
    if allowed:
        workflow.transition(case, name, user)
        assert case.state == TRANSITIONS[name].target
    else:
        with pytest.raises(NotPermitted, match="needs one of these permissions"):
            workflow.transition(case, name, user)
        assert Case.objects.get(pk=case.pk).state == source


@pytest.mark.django_db
@pytest.mark.parametrize("name,source", [("decide", c.State.UNDER_REVIEW), ("approve", c.State.AWAITING_APPROVAL),
                                         ("triage", c.State.RECEIVED)])
def test_people_without_a_staff_account_cannot_take_staff_transitions(make_case, name, source):
    case = make_case(state=source)
    with pytest.raises(NotPermitted, match="signed-in staff"):
        workflow.transition(case, name, "requester")


@pytest.mark.django_db
def test_the_requester_may_withdraw_and_answer_questions(make_case):
    asked = make_case(state=c.State.AWAITING_INFORMATION)
    workflow.transition(asked, "information_received", "requester")
    assert asked.state == c.State.UNDER_REVIEW

    withdrawn = make_case()
    workflow.transition(withdrawn, "withdraw", "requester", reason="Resolved directly.")
    assert (withdrawn.state, withdrawn.outcome) == (c.State.CLOSED, c.Outcome.WITHDRAWN)
    assert withdrawn.history.filter(event=CaseHistory.Event.TRANSITION).last().actor_label == "requester"


@pytest.mark.django_db
def test_an_inactive_account_can_do_nothing(make_case, make_staff):
    user = make_staff("reviewer")
    user.is_active = False
    with pytest.raises(NotPermitted):
        workflow.transition(make_case(state=c.State.UNDER_REVIEW), "decide", user)


@pytest.mark.django_db
def test_transitions_stamp_their_dates_once(make_case, superuser):
    case = make_case()
    workflow.transition(case, "triage", superuser)
    acknowledged = case.acknowledged_at
    assert acknowledged is not None
    workflow.transition(case, "start_review", superuser)
    assert case.acknowledged_at == acknowledged
    workflow.transition(case, "decide", superuser)
    assert case.decided_at is not None


@pytest.mark.django_db
def test_reopening_by_appeal_clears_the_decision_but_keeps_it_in_history(make_case, superuser):
    case = make_case(state=c.State.UNDER_REVIEW)
    workflow.transition(case, "decide", superuser)
    Case.objects.filter(pk=case.pk).update(outcome=c.Outcome.REJECTED)
    case.refresh_from_db()
    workflow.transition(case, "reopen", "system", reason="Appeal RD-2026-XXXX upheld in part.")
    assert (case.state, case.outcome, case.decided_at) == (c.State.UNDER_REVIEW, "", None)
    assert case.history.filter(event=CaseHistory.Event.TRANSITION).last().changes["previous_outcome"] == c.Outcome.REJECTED


@pytest.mark.django_db
def test_a_registered_guard_refuses_for_every_caller_and_nothing_changes(make_case, superuser):
    def no_decisions_on_fridays(case, actor, context):
        if context.get("friday"):
            raise DomainError("No decisions on Fridays.", code="guard")

    workflow.register_guard("decide", no_decisions_on_fridays)
    try:
        case = make_case(state=c.State.UNDER_REVIEW)
        with pytest.raises(DomainError, match="Fridays"):
            workflow.transition(case, "decide", superuser, friday=True)
        assert Case.objects.get(pk=case.pk).state == c.State.UNDER_REVIEW
        workflow.transition(case, "decide", superuser, friday=False)
        assert case.state == c.State.DECIDED
    finally:
        workflow.unregister_guard("decide", no_decisions_on_fridays)


@pytest.mark.django_db
def test_a_failing_follow_up_undoes_the_transition(make_case, superuser):
    def explode(case):
        raise RuntimeError("the notifier is down")

    case = make_case(state=c.State.UNDER_REVIEW)
    with pytest.raises(RuntimeError):
        workflow.transition(case, "decide", superuser, after=[explode])
    stored = Case.objects.get(pk=case.pk)
    assert stored.state == c.State.UNDER_REVIEW and stored.decided_at is None
    assert not stored.history.filter(event=CaseHistory.Event.TRANSITION).exists()


@pytest.mark.django_db
def test_follow_ups_run_in_order_with_the_moved_case(make_case, superuser):
    seen = []
    case = make_case(state=c.State.UNDER_REVIEW)
    workflow.transition(case, "decide", superuser, after=[lambda locked: seen.append(("first", locked.state)),
                                                         lambda locked: seen.append(("second", locked.state))])
    assert seen == [("first", c.State.DECIDED), ("second", c.State.DECIDED)]


@pytest.mark.django_db
def test_available_transitions_depend_on_state_and_role(make_case, make_staff):
    case = make_case(state=c.State.AWAITING_APPROVAL)
    reviewer, approver = make_staff("reviewer"), make_staff("legal approver")
    assert {t.name for t in workflow.available_transitions(case, reviewer)} == {"withdraw", "close_as_duplicate"}
    assert {t.name for t in workflow.available_transitions(case, approver)} == {"approve", "return_for_changes", "withdraw",
                                                                                 "close_as_duplicate"}
