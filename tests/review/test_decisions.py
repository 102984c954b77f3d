"""Decisions: checklist first, every item decided with ground and reason, four-eyes for disclosure and removal."""

from __future__ import annotations

import re

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.cases import workflow
from rightsdesk.cases.models import Case
from rightsdesk.core.errors import Conflict, DomainError, NotPermitted
from rightsdesk.review import checklist, services
from rightsdesk.review.models import DecisionProposal

from .conftest import full_checklist

pytestmark = pytest.mark.django_db


def decide_all(case, user, action="no_action", **extra):
    for item in case.items.all():
        services.decide_item(item, user, action=action, ground="Terms of Use §4", reason="Read narrowly.", **extra)


def test_a_decision_without_a_completed_checklist_is_refused_and_nothing_changes(data_request, reviewer):
    decide_all(data_request, reviewer)
    history_before = data_request.history.count()

    with pytest.raises(DomainError, match="checklist is not complete") as err:
        services.conclude(data_request, reviewer, "Refused.")

    assert err.value.code == "decision_incomplete"
    stored = Case.objects.get(pk=data_request.pk)
    assert (stored.state, stored.outcome, stored.decision_summary) == (c.State.UNDER_REVIEW, "", "")
    assert stored.history.count() == history_before


def test_a_half_answered_checklist_names_the_questions_left(data_request, reviewer):
    answers = full_checklist(data_request)
    del answers["necessity"], answers["human_rights"]
    missing = services.save_checklist(data_request, reviewer, answers)
    assert {q.key for q in missing} == {"necessity", "human_rights"}
    decide_all(data_request, reviewer)
    with pytest.raises(DomainError, match="necessary and proportionate.*at risk"):
        services.conclude(data_request, reviewer, "Refused.")


def test_a_no_answer_needs_an_explanation(data_request, reviewer):
    with pytest.raises(DomainError, match="Explain the answer"):
        services.save_checklist(data_request, reviewer, {"legal_basis": ("no", "")})
    assert not data_request.checklist_answers.exists()


def test_unknown_questions_and_answers_are_refused(data_request, reviewer):
    with pytest.raises(DomainError, match="not a checklist question"):
        services.save_checklist(data_request, reviewer, {"horoscope": ("yes", "")})
    with pytest.raises(DomainError, match="not a possible answer"):
        services.save_checklist(data_request, reviewer, {"legal_basis": ("maybe", "")})


def test_the_guards_hold_for_the_bare_workflow_too(data_request, django_user_model):
    """The admin, the API and commands call the workflow directly: the rules still apply."""
    root = django_user_model.objects.create_superuser("root", "root@staff.invalid", "pw-for-tests-only")
    with pytest.raises(DomainError, match="checklist is not complete"):
        workflow.transition(data_request, "decide", root)
    with pytest.raises(DomainError, match="checklist is not complete"):
        workflow.transition(data_request, "submit_for_approval", root)
    assert Case.objects.get(pk=data_request.pk).state == c.State.UNDER_REVIEW


def test_every_item_needs_a_ground_and_a_written_reason(data_request, reviewer, complete_checklist):
    complete_checklist(data_request, reviewer)
    item = data_request.items.first()
    with pytest.raises(DomainError, match="ground"):
        services.decide_item(item, reviewer, action="no_action", ground=" ", reason="Because.")
    with pytest.raises(DomainError, match="reason"):
        services.decide_item(item, reviewer, action="no_action", ground="Policy", reason="")
    services.decide_item(item, reviewer, action="no_action", ground="Policy", reason="Because.")
    with pytest.raises(DomainError, match="has no decision yet"):
        services.conclude(data_request, reviewer, "Refused.")


def test_a_disclosure_names_only_fields_from_the_vocabulary(data_request, reviewer):
    item = data_request.items.first()
    with pytest.raises(DomainError, match="data fields"):
        services.decide_item(item, reviewer, action="disclose", ground="Court order", reason="Valid.", fields=[])
    with pytest.raises(DomainError, match="data fields"):
        services.decide_item(item, reviewer, action="disclose", ground="Court order", reason="Valid.",
                             fields=["registration_date", "home address"])
    services.decide_item(item, reviewer, action="disclose", ground="Court order", reason="Valid.",
                         fields=["registration_date"])
    item.refresh_from_db()
    assert item.disclosed_fields == ["registration_date"]


def test_a_country_restriction_names_real_countries(make_case, reviewer):
    case = make_case(state=c.State.UNDER_REVIEW)
    item = case.items.first()
    with pytest.raises(DomainError, match="countries"):
        services.decide_item(item, reviewer, action="restrict_country", ground="Court order", reason="Local law.")
    with pytest.raises(DomainError, match="unknown.*XX"):
        services.decide_item(item, reviewer, action="restrict_country", ground="Court order", reason="Local law.",
                             countries=["de", "XX"])
    services.decide_item(item, reviewer, action="restrict_country", ground="Court order", reason="Local law.",
                         countries=["de", "TR"])
    item.refresh_from_db()
    assert item.action_countries == ["DE", "TR"]


@pytest.mark.parametrize("action,extra", [("disclose", {"fields": ["registration_date"]}), ("remove", {}),
                                          ("hide_revision", {}), ("restrict_country", {"countries": ["DE"]})])
def test_disclosure_and_removal_cannot_be_decided_without_approval(data_request, make_case, reviewer,
                                                                    complete_checklist, action, extra):
    # Each action on a kind that allows it: data is disclosed on a data request, content removed on a takedown.
    case = data_request if action == "disclose" else make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW)
    complete_checklist(case, reviewer)
    decide_all(case, reviewer, action=action, **extra)
    with pytest.raises(DomainError, match="second person's approval") as err:
        workflow.transition(case, "decide", reviewer)
    assert err.value.code == "needs_approval"
    assert services.conclude(case, reviewer, "Granted.") == "submit_for_approval"
    assert Case.objects.get(pk=case.pk).state == c.State.AWAITING_APPROVAL


@pytest.mark.parametrize("kind,action,allowed", [
    (c.Kind.CONTENT_TAKEDOWN, "disclose",
     "No action, Removed, Revision hidden, Restricted in some countries, or Labelled"),
    (c.Kind.USER_DATA_REQUEST, "remove", "No action or Data disclosed"),
    (c.Kind.USER_DATA_REQUEST, "hide_revision", "No action or Data disclosed"),
])
def test_an_item_action_the_kind_does_not_allow_is_refused_naming_the_allowed_ones(make_case, reviewer, kind,
                                                                                     action, allowed):
    case = make_case(kind, state=c.State.UNDER_REVIEW)
    item = case.items.first()
    history_before = case.history.count()
    with pytest.raises(DomainError) as err:
        services.decide_item(item, reviewer, action=action, ground="Policy", reason="Because.",
                             fields=["registration_date"])
    assert (err.value.code, err.value.field) == ("action_not_for_kind", "action")
    assert allowed in err.value.message
    item.refresh_from_db()
    assert item.action == "" and case.history.count() == history_before


def test_refusals_need_no_approval_and_the_outcome_follows_from_the_items(data_request, reviewer, complete_checklist):
    complete_checklist(data_request, reviewer)
    decide_all(data_request, reviewer)
    assert services.conclude(data_request, reviewer, "Refused: not necessary.") == "decide"
    stored = Case.objects.get(pk=data_request.pk)
    assert (stored.state, stored.outcome) == (c.State.DECIDED, c.Outcome.REJECTED)
    assert stored.decision_summary == "Refused: not necessary." and stored.decided_at is not None


def submitted(case, reviewer, complete_checklist):
    complete_checklist(case, reviewer)
    first, second = case.items.all()
    services.decide_item(first, reviewer, action="disclose", ground="Court order 123/2026", reason="Named in the order.",
                         fields=["registration_date", "last_edit_date"])
    services.decide_item(second, reviewer, action="no_action", ground="Court order 123/2026", reason="Not named.")
    services.conclude(case, reviewer, "Disclosed two fields for one account, refused the other.")
    return case


def test_an_approval_by_the_reviewer_themself_is_refused(data_request, make_staff, complete_checklist):
    both = make_staff("reviewer", "legal approver")
    submitted(data_request, both, complete_checklist)

    with pytest.raises(NotPermitted, match="Four-eyes") as err:
        services.approve(data_request, both)

    assert err.value.code == "four_eyes"
    stored = Case.objects.get(pk=data_request.pk)
    assert (stored.state, stored.outcome) == (c.State.AWAITING_APPROVAL, "")
    assert DecisionProposal.objects.get(case=stored).status == DecisionProposal.Status.PENDING


def test_the_person_who_proposed_is_told_of_the_four_eyes_rule_on_the_case_page_not_by_a_403_page(
        data_request, make_staff, approver, complete_checklist, client, verified_login):
    both = make_staff("reviewer", "legal approver")
    submitted(data_request, both, complete_checklist)
    verified_login(client, both)
    page = client.get(f"/en/staff/cases/{data_request.reference}/").content.decode()
    assert 'id="approve-barred"' in page and 'id="approve-note"' not in page  # said before anything is typed
    # A page opened before (or by a double role) posts anyway: the refusal comes on the case page, in its frame.
    seen = re.search(r'name="seen" value="([^"]*)"', page).group(1)
    response = client.post(f"/en/staff/cases/{data_request.reference}/approve/", {"note": "Checked.", "seen": seen})
    refused = response.content.decode()
    assert response.status_code == 403 and 'id="error-summary"' in refused and "Four-eyes rule" in refused
    assert data_request.reference in refused and "You may not see this page" not in refused
    verified_login(client, approver)  # the other approver is offered the form
    assert 'id="approve-note"' in client.get(f"/en/staff/cases/{data_request.reference}/").content.decode()


def test_an_approver_who_decided_an_item_is_not_a_second_pair_of_eyes(data_request, reviewer, make_staff,
                                                                      complete_checklist):
    helper = make_staff("legal approver")
    complete_checklist(data_request, reviewer)
    first, second = data_request.items.all()
    services.reassign(data_request, helper, reviewer, "Second opinion on one account.")
    services.decide_item(first, helper, action="disclose", ground="Order", reason="Named.", fields=["edit_count"])
    services.claim(data_request, reviewer, takeover_reason="Back to me.")
    services.decide_item(second, reviewer, action="no_action", ground="Order", reason="Not named.")
    services.conclude(data_request, reviewer, "Partly.")
    with pytest.raises(NotPermitted, match="Four-eyes"):
        workflow.transition(data_request, "approve", helper)


def test_a_second_person_approves_a_partial_disclosure(data_request, reviewer, approver, complete_checklist):
    submitted(data_request, reviewer, complete_checklist)
    services.approve(data_request, approver, "Proportionate.")
    stored = Case.objects.get(pk=data_request.pk)
    assert (stored.state, stored.outcome) == (c.State.DECIDED, c.Outcome.PARTIALLY_GRANTED)
    assert stored.accounts_actually_affected == 1
    proposal = DecisionProposal.objects.get(case=stored)
    assert (proposal.status, proposal.proposed_by, proposal.reviewed_by) == ("approved", reviewer, approver)
    assert stored.history.filter(changes__transition="approve", actor=approver).exists()


def test_approval_is_refused_when_the_items_changed_after_submission(data_request, reviewer, approver,
                                                                     complete_checklist):
    submitted(data_request, reviewer, complete_checklist)
    item = data_request.items.first()
    item.disclosed_fields = ["registration_date", "ip_addresses"]  # e.g. through the admin
    item.save()
    with pytest.raises(Conflict, match="submitted again"):
        services.approve(data_request, approver)


def test_a_returned_decision_goes_back_to_review_with_the_approvers_note(data_request, reviewer, approver,
                                                                       complete_checklist):
    submitted(data_request, reviewer, complete_checklist)
    with pytest.raises(DomainError, match="what should change"):
        services.return_for_changes(data_request, approver, "")
    services.return_for_changes(data_request, approver, "Disclose the registration date only.")
    assert data_request.state == c.State.UNDER_REVIEW
    assert DecisionProposal.objects.get(case=data_request).status == DecisionProposal.Status.RETURNED
    # Nothing is pending any more: it must be submitted again before anyone can approve it.
    assert services.pending_proposal(data_request) is None


@pytest.mark.parametrize("role,call", [
    ("intake", lambda case, user: services.decide_item(case.items.first(), user, action="no_action", ground="g", reason="r")),
    ("auditor", lambda case, user: services.claim(case, user)),
    ("reviewer", lambda case, user: services.approve(case, user)),
    ("trust and safety", lambda case, user: services.approve(case, user)),
    ("intake", lambda case, user: services.save_checklist(case, user, {"narrow_reading": ("yes", "")})),
])
def test_an_action_by_a_role_without_the_permission_is_refused(data_request, make_staff, role, call):
    with pytest.raises(NotPermitted, match="permission"):
        call(data_request, make_staff(role))


def test_informal_requests_default_to_refusal_with_a_stated_reason(make_case):
    informal = make_case(c.Kind.USER_DATA_REQUEST, legal_process=c.LegalProcess.INFORMAL_GOVERNMENT,
                         requester_type=c.RequesterType.LAW_ENFORCEMENT)
    assert "informal" in checklist.refusal_default(informal)


def test_foreign_demands_without_international_process_default_to_refusal(make_case, settings):
    settings.RIGHTSDESK_JURISDICTIONS = ["US"]
    foreign = make_case(requester_type=c.RequesterType.GOVERNMENT, authority_country="TR",
                        legal_process=c.LegalProcess.COURT_ORDER)
    mlat = make_case(requester_type=c.RequesterType.GOVERNMENT, authority_country="TR",
                     legal_process=c.LegalProcess.INTERNATIONAL)
    domestic = make_case(requester_type=c.RequesterType.COURT, authority_country="US",
                         legal_process=c.LegalProcess.COURT_ORDER)
    assert "not subject to" in checklist.refusal_default(foreign)
    assert checklist.refusal_default(mlat) == "" and checklist.refusal_default(domestic) == ""


def test_answering_no_valid_process_makes_refusal_the_default(data_request, reviewer):
    services.save_checklist(data_request, reviewer, {"legal_basis": ("no", "The order is unsigned.")})
    assert "valid legal basis" in checklist.refusal_default(data_request)


def test_an_appeal_without_items_is_decided_with_a_chosen_outcome(make_case, reviewer, complete_checklist):
    appeal = make_case(c.Kind.APPEAL, state=c.State.UNDER_REVIEW, items=[])
    complete_checklist(appeal, reviewer)
    with pytest.raises(DomainError, match="choose its outcome"):
        services.conclude(appeal, reviewer, "Upheld.")
    services.conclude(appeal, reviewer, "Upheld.", outcome=c.Outcome.REJECTED)
    assert (appeal.state, appeal.outcome) == (c.State.DECIDED, c.Outcome.REJECTED)


def test_the_system_writes_history_reasons_in_english_and_each_reader_reads_them_in_their_language(
        data_request, reviewer, approver, complete_checklist):
    """The history is a record: a reviewer working in Arabic and an approver in French leave the same English reasons
    as colleagues working in English would, and each reader sees them in their own language (review.timeline)."""
    from django.utils import translation

    from rightsdesk.review.timeline import _reason

    with translation.override("ar"):
        submitted(data_request, reviewer, complete_checklist)
    with translation.override("fr"):
        services.approve(data_request, approver)
    entries = {entry.changes.get("transition"): entry for entry in data_request.history.filter(event="transition")}
    assert entries["submit_for_approval"].reason == "Decision submitted for approval."
    assert entries["approve"].reason == "Approved."
    with translation.override("ar"):
        shown = _reason(entries["submit_for_approval"])
        assert shown != "Decision submitted for approval." and not any("a" <= ch <= "z" for ch in shown)
    with translation.override("en"):
        assert _reason(entries["approve"]) == "Approved."


def test_every_reason_the_system_writes_into_the_history_is_marked_to_be_stored_in_english():
    """gettext (``_``) at the moment of writing stores the actor's language in the record, and so does a choice's
    ``label`` turned into text; a sentence assembled with an f-string has no message in the catalogues to be read
    by. gettext_noop, a message of review.history_reasons (filled with ``%``) or ``history_reasons.in_english``
    store English, which review.timeline translates when it is read."""
    import ast
    from pathlib import Path

    writers = {"record", "mark_met", "pause", "resume", "transition", "update_case", "record_event", "add_item",
               "update_item", "add_party", "cancel_unresolved", "reopen", "_note", "_event", "create_case",
               "lift_hold"}
    found = []
    for path in (Path(__file__).resolve().parents[2] / "src" / "rightsdesk").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            name = getattr(func, "attr", None) or getattr(func, "id", None)
            if not (isinstance(node, ast.Call) and name in writers):
                continue
            # The reason by name, or any f-string passed (lift_hold takes its reason by position).
            reasons = [k.value for k in node.keywords if k.arg == "reason"]
            reasons += [a for a in node.args if isinstance(a, ast.JoinedStr)]
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                for inner in ast.walk(argument):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "id", None) in {"_", "gettext", "pgettext"}:
                        found.append(f"{path.name}:{node.lineno} translated")
            for reason in reasons:
                if isinstance(reason, ast.JoinedStr):
                    found.append(f"{path.name}:{node.lineno} f-string")
                for inner in ast.walk(reason):
                    if isinstance(inner, ast.Attribute) and inner.attr == "label" and not _in_english(reason, inner):
                        found.append(f"{path.name}:{node.lineno} label")
    assert found == []


def _in_english(reason, label) -> bool:
    """True if ``label`` is inside a call of history_reasons.in_english."""
    import ast

    return any(isinstance(call, ast.Call) and getattr(call.func, "attr", None) == "in_english"
               and any(inner is label for inner in ast.walk(call)) for call in ast.walk(reason))


@pytest.mark.parametrize("language, shown", [
    ("en", "Closed as a duplicate of {ref}."),
    ("ar", "أُغلقت بوصفها مكررة للقضية {ref}."),
    ("fr", "Clos comme doublon de {ref}."),
])
def test_a_stored_reason_that_names_a_case_is_read_in_the_readers_language_with_its_reference(
        make_case, reviewer, language, shown):
    from django.utils import translation

    from rightsdesk.review import bulk
    from rightsdesk.review.timeline import _reason

    original, copy = make_case(state=c.State.UNDER_REVIEW), make_case(state=c.State.TRIAGE)
    with translation.override("ru"):  # the reviewer works in Russian; the record is in English
        bulk.close_as_duplicate(copy, original, reviewer)
    closed = copy.history.get(changes__transition="close_as_duplicate")
    assert closed.reason == f"Closed as a duplicate of {original.reference}."
    with translation.override(language):
        assert _reason(closed) == shown.format(ref=original.reference)
