"""Appeals (DSA Art. 20): filed through the notice's link, decided by someone uninvolved, reversals restore."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from rightsdesk.appeals import selectors, services
from rightsdesk.appeals.models import AppealFiling, AppealMessage
from rightsdesk.cases import choices as c
from rightsdesk.cases import policy
from rightsdesk.cases import workflow
from rightsdesk.cases.models import Case
from rightsdesk.core.errors import DomainError, NotPermitted
from rightsdesk.notices import services as notice_services
from rightsdesk.notices.models import Notice, Placeholder

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(takedown, decide, staff):
    case = takedown()
    case = decide(case, staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.HIDE_REVISION, [])})
    return case


@pytest.fixture
def appeal(decided):
    return services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "The article is accurate and well sourced.", "fr",
                               "affected_user")


def test_an_appeal_is_a_case_of_kind_appeal_assigned_to_an_uninvolved_reviewer(decided, appeal, staff):
    assert appeal.kind == c.Kind.APPEAL and appeal.appeal_of == decided
    assert appeal.state == c.State.RECEIVED and appeal.language == "fr"
    assert appeal.assigned_to is not None and appeal.assigned_to != staff["reviewer"]
    assert AppealFiling.objects.get(appeal=appeal).appellant_role == c.PartyRole.AFFECTED_USER
    assert decided.history.filter(event="appeal", changes__event="filed").exists()


def test_eligible_reviewers_leave_out_everyone_who_took_part_in_the_first_decision(decided, appeal, staff,
                                                                                   make_staff):
    assigned_before = make_staff("reviewer", username="assignee")
    from rightsdesk.cases import services as case_services

    case_services.update_case(decided, {"assigned_to_id": assigned_before.pk}, "test")
    eligible = set(selectors.eligible_reviewers(appeal))
    assert staff["reviewer"] not in eligible and assigned_before not in eligible
    assert staff["other"] in eligible and staff["approver"] in eligible


def test_an_appeal_by_the_original_reviewer_is_refused(appeal, staff):
    with pytest.raises(NotPermitted, match="took part in the decision appealed"):
        workflow.transition(appeal, "start_review", staff["reviewer"])
    with pytest.raises(NotPermitted):
        services.decide_appeal(appeal, c.Outcome.GRANTED, "I changed my mind.", staff["reviewer"])
    appeal.refresh_from_db()
    assert appeal.state == c.State.RECEIVED and appeal.outcome == ""


def test_the_original_approver_may_not_handle_an_appeal_either(decided, appeal, staff, checked):
    """Whoever approved the first decision (four-eyes) took part in it: the appeal goes to someone else (not even
    taken over: tests/appeals/test_independence.py)."""
    first_approver = decided.history.get(changes__transition="approve").actor
    assert first_approver is not None and first_approver.pk != staff["reviewer"].pk
    with pytest.raises(DomainError, match="took part in the decision appealed"):
        checked(appeal, first_approver)
    appeal.refresh_from_db()
    assert appeal.state == c.State.RECEIVED
    checked(appeal, staff["other"])
    services.decide_appeal(appeal, c.Outcome.REJECTED, "The decision stands.", staff["other"])
    appeal.refresh_from_db()
    assert appeal.state == c.State.DECIDED


def test_a_reversed_appeal_restores_the_items_and_shows_in_the_original_case(decided, appeal, staff, checked):
    assert Placeholder.objects.filter(item__case=decided, withdrawn_at__isnull=True).count() == 2
    checked(appeal, staff["other"])
    services.decide_appeal(appeal, c.Outcome.GRANTED, "The statements are sourced to reliable press.", staff["other"])
    appeal.refresh_from_db()
    assert appeal.state == c.State.DECIDED and appeal.outcome == c.Outcome.GRANTED and appeal.decided_at
    assert str(policy.APPEAL_OUTCOME_LABELS[appeal.outcome]) == "Reversed"
    assert all(item.restored_at for item in decided.items.all())
    entry = decided.history.filter(event="appeal", changes__event="decided").get()
    assert entry.changes["outcome"] == c.Outcome.GRANTED and entry.changes["outcome_label"] == "Reversed"
    assert sorted(entry.changes["restored_items"]) == sorted(decided.items.values_list("pk", flat=True))
    assert entry.actor == staff["other"]
    assert decided.history.filter(event="item", changes__has_key="restored_at").count() == 2
    assert not Placeholder.objects.filter(item__case=decided, withdrawn_at__isnull=True).exists()
    # The report counts appeals from Case rows: kind appeal, appeal_of, outcome.
    assert Case.objects.filter(kind=c.Kind.APPEAL, appeal_of=decided, outcome=c.Outcome.GRANTED).count() == 1


def test_the_appellant_is_told_the_outcome_with_reasons(decided, appeal, staff, checked):
    checked(appeal, staff["other"])
    services.decide_appeal(appeal, c.Outcome.GRANTED, "The statements are sourced to reliable press.", staff["other"])
    notice = appeal.notices.get()
    assert notice.purpose == Notice.Purpose.APPEAL_DECISION and notice.party.email == "uploader1@users.example.net"
    assert "sourced to reliable press" in notice.body
    assert "https://de.wikipedia.org/wiki/Beispiel" in notice.body  # the items restored


def test_a_partly_reversed_appeal_restores_only_the_chosen_items(decided, appeal, staff, checked):
    first, second = decided.items.order_by("id")
    checked(appeal, staff["other"])
    with pytest.raises(DomainError, match="choose which"):
        services.decide_appeal(appeal, c.Outcome.PARTIALLY_GRANTED, "Partly right.", staff["other"])
    services.decide_appeal(appeal, c.Outcome.PARTIALLY_GRANTED, "Only the first was wrong.", staff["other"],
                          restore_item_ids=[first.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.restored_at is not None and second.restored_at is None


def test_an_upheld_appeal_restores_nothing_but_is_recorded(decided, appeal, staff, checked):
    checked(appeal, staff["other"])
    services.decide_appeal(appeal, c.Outcome.REJECTED, "The decision stands.", staff["other"])
    assert not decided.items.filter(restored_at__isnull=False).exists()
    entry = decided.history.filter(event="appeal", changes__event="decided").get()
    assert entry.changes["outcome_label"] == "Upheld"


def test_the_outcome_must_be_one_of_the_appeal_outcomes_and_have_reasons(appeal, staff):
    with pytest.raises(DomainError, match="Choose the outcome"):
        services.decide_appeal(appeal, c.Outcome.INVALID, "x", staff["other"])
    with pytest.raises(DomainError, match="reasons"):
        services.decide_appeal(appeal, c.Outcome.REJECTED, "  ", staff["other"])


def test_a_decision_sent_without_an_outcome_names_the_outcomes_as_the_form_shows_them(appeal, staff):
    """The Arabic page said "اختر نتيجة الطعن: rejected (أُيِّد القرار), granted (…), partially_granted (…)": the
    stored keys, English words, beside the labels. The refusal lists the labels the form's choices show."""
    from django.utils import translation

    for language in ("ar", "en"):
        with translation.override(language), pytest.raises(DomainError) as err:
            services.decide_appeal(appeal, "", "Reasons typed before choosing.", staff["other"])
        assert err.value.field == "outcome"
        with translation.override(language):
            labels = [str(label) for label in policy.APPEAL_OUTCOME_LABELS.values()]
        assert all(label in err.value.message for label in labels)
        assert not any(key in err.value.message for key in policy.APPEAL_OUTCOME_LABELS)


def test_a_requester_whose_refused_request_is_reversed_gets_the_case_decided_anew(takedown, decide, staff, checked):
    refused = decide(takedown(), staff["reviewer"], actions={}, summary="Refused.")
    appeal = services.file_appeal(refused, c.PartyRole.REQUESTER, "The court has since confirmed it is false.", "en",
                                 "requester")
    assert appeal.requester_type == refused.requester_type
    checked(appeal, staff["other"])
    services.decide_appeal(appeal, c.Outcome.GRANTED, "The new judgment changes the assessment.", staff["other"])
    refused.refresh_from_db()
    assert refused.state == c.State.UNDER_REVIEW


def test_appeals_are_open_for_at_least_six_months_from_the_notice(decided, staff, smtp, immediate_tasks, settings):
    settings.RIGHTSDESK_NOTICES = {"APPEAL_WINDOW_MONTHS": 3}  # less than the law allows: six months apply
    statement = decided.notices.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS).order_by("id").first()
    notice_services.send_notice(statement, staff["reviewer"])
    statement.refresh_from_db()
    deadline = selectors.appeal_deadline(decided, c.PartyRole.AFFECTED_USER, statement)
    assert deadline >= statement.sent_at + timedelta(days=181)
    services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "Within the six months.", "en", "affected_user",
                        notice=statement, now=deadline - timedelta(days=1))
    with pytest.raises(DomainError, match="time to appeal ended") as err:
        services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "Far too late now.", "en", "affected_user",
                            now=deadline + timedelta(days=1))
    assert err.value.code == "appeal_period_over"


def test_an_appeal_sent_after_the_deadline_is_told_the_last_day_as_the_appeal_page_writes_it(
        decided, staff, smtp, immediate_tasks):
    """The page said "You can appeal until 7 June 2027"; the refusal of a form sent too late said "ended on
    2027-06-07", which an Arabic sentence showed backwards (07-06-2027). It writes the day as the page and the notice
    do, in the appellant's language."""
    from django.utils import formats, translation

    statement = decided.notices.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS).order_by("id").first()
    notice_services.send_notice(statement, staff["reviewer"])
    statement.refresh_from_db()
    deadline = selectors.appeal_deadline(decided, c.PartyRole.AFFECTED_USER, statement)
    for language in ("ar", "en"):
        with translation.override(language), pytest.raises(DomainError) as err:
            services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "Sent the day after the deadline.", language,
                                "affected_user", notice=statement, now=deadline + timedelta(days=1))
        assert err.value.code == "appeal_period_over"
        with translation.override(language):
            as_the_page_writes_it = formats.date_format(deadline, "DATE_FORMAT")
        assert as_the_page_writes_it in err.value.message
        assert deadline.date().isoformat() not in err.value.message


def test_an_undecided_case_or_an_appeal_cannot_be_appealed(make_case, appeal):
    with pytest.raises(DomainError, match="no decision"):
        services.file_appeal(make_case(), c.PartyRole.REQUESTER, "Please reconsider it.", "en", "requester")
    with pytest.raises(DomainError, match="cannot be appealed again"):
        services.file_appeal(appeal, c.PartyRole.REQUESTER, "Please reconsider it.", "en", "requester")


def test_an_affected_user_appeals_through_the_link_in_their_notice_and_adds_information(
        decided, staff, smtp, immediate_tasks, client):
    statement = decided.notices.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS).order_by("id").first()
    notice_services.send_notice(statement, staff["reviewer"])
    body = next(b for b in smtp.bodies() if "/appeal/" in b)
    path = re.search(r"http://[^/]+(/fr/appeal/\S+/)", body).group(1)

    page = client.get(path)
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    response = client.post(path, {"text": "short"})
    assert response.status_code == 400 and "au moins 10 caractères" in response.content.decode()  # in French
    response = client.post(path, {"text": "The photo is my own work, published under a free licence."})
    assert response.status_code == 302
    appeal = Case.objects.get(kind=c.Kind.APPEAL)
    statement.refresh_from_db()
    assert statement.appeal == appeal
    assert appeal.description == "The photo is my own work, published under a free licence."

    response = client.post(path, {"text": "Here is the licence: CC BY-SA 4.0."})
    assert response.status_code == 302
    assert AppealMessage.objects.get(appeal=appeal).text == "Here is the licence: CC BY-SA 4.0."
    assert appeal.history.filter(event="message").exists()
    assert "CC BY-SA" not in str(list(appeal.history.values_list("reason", "changes")))
    status_page = client.get(path).content.decode()
    assert appeal.reference in status_page


def test_an_unknown_appeal_link_is_a_clear_404(client, db):
    response = client.get("/en/appeal/" + "x" * 40 + "/")
    assert response.status_code == 404 and "not recognised" in response.content.decode()


def _decided_by_someone_else(appeal, staff, checked):
    checked(appeal, staff["other"])
    services.decide_appeal(appeal, c.Outcome.REJECTED, "Upheld by a colleague first.", staff["other"])
    return staff["approver"]


@pytest.mark.parametrize("who, sent, status, says", [
    pytest.param(lambda appeal, staff, checked: staff["reviewer"],
                 {"outcome": c.Outcome.GRANTED, "reasons": "Mine to reverse."}, 403,
                 "took part in the decision appealed", id="the first decision's reviewer: 403"),
    pytest.param(lambda appeal, staff, checked: checked(appeal, staff["other"]) and staff["other"],
                 {"outcome": c.Outcome.GRANTED, "reasons": "   "}, 400,
                 "Give the reasons for the outcome", id="an uninvolved reviewer, no reasons: 400"),
    pytest.param(_decided_by_someone_else,
                 {"outcome": c.Outcome.GRANTED, "reasons": "Reversed on a second look."}, 409,
                 "made it “Decided”", id="decided meanwhile by someone else: 409"),
])
def test_the_staff_decision_page_refuses_with_the_status_of_the_refusal_and_says_why(
        appeal, staff, client, checked, who, sent, status, says):
    client.force_login(who(appeal, staff, checked))
    appeal.refresh_from_db()
    before = (appeal.state, appeal.outcome, appeal.history.count())
    response = client.post(f"/en/staff/notices/appeals/{appeal.pk}/decide/", sent)
    assert response.status_code == status and says in response.content.decode()
    appeal.refresh_from_db()
    assert (appeal.state, appeal.outcome, appeal.history.count()) == before  # nothing half-written


def test_a_reviewer_whose_colleague_decided_the_appeal_meanwhile_is_told_who_in_words_not_the_state_machine(
        appeal, staff, client, checked):
    """Two reviewers open the decision page; one decides. The other's sending said "Case RD-… is decided; 'decide'
    is only possible from triage, under_review. From here the possible steps are: close, mark_notified, reopen." —
    the workflow's words, English in the Arabic page. It says who decided it and that nothing was saved, and gives
    the reasons typed back to copy."""
    _decided_by_someone_else(appeal, staff, checked)
    client.force_login(staff["approver"])
    response = client.post(f"/ar/staff/notices/appeals/{appeal.pk}/decide/",
                           {"outcome": c.Outcome.GRANTED, "reasons": "أسباب كتبتها قبل أن يبتّ زميلي."})
    page = response.content.decode()
    assert response.status_code == 409
    summary = page[page.index('id="error-summary"'):]
    summary = summary[:summary.index("</div>")]
    assert staff["other"].get_username() in summary
    assert not any(word in summary for word in ("under_review", "mark_notified", "'decide'", "triage"))
    assert "أسباب كتبتها قبل أن يبتّ زميلي." in page
    appeal.refresh_from_db()
    assert appeal.outcome == c.Outcome.REJECTED


def test_the_staff_decision_page_warns_the_original_reviewer(appeal, staff, client):
    client.force_login(staff["reviewer"])
    page = client.get(f"/en/staff/notices/appeals/{appeal.pk}/decide/").content.decode()
    assert "You took part in the decision appealed" in page


def test_one_link_files_one_appeal(decided, staff, smtp, immediate_tasks, checked):
    from rightsdesk.core.errors import Conflict

    statement = decided.notices.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS).order_by("id").first()
    notice_services.send_notice(statement, staff["reviewer"])
    statement.refresh_from_db()
    appeal = services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "First appeal text.", "en", "affected_user",
                                 notice=statement)
    checked(appeal, staff["other"])
    services.decide_appeal(appeal, c.Outcome.REJECTED, "Upheld.", staff["other"])
    statement.refresh_from_db()
    with pytest.raises(Conflict):
        services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "Second appeal text.", "en", "affected_user",
                            notice=statement)
    with pytest.raises(Conflict, match="decided"):
        services.add_information(appeal, "More after the decision.", "affected_user")


def test_two_sendings_of_one_link_at_once_file_one_appeal(decided, staff, smtp, immediate_tasks):
    """Two tabs sent together: both requests read the notice before either filed; the second is refused."""
    from rightsdesk.core.errors import Conflict

    statement = decided.notices.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS).order_by("id").first()
    notice_services.send_notice(statement, staff["reviewer"])
    first_tab, second_tab = Notice.objects.get(pk=statement.pk), Notice.objects.get(pk=statement.pk)
    appeal = services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "First appeal text.", "en", "affected_user",
                                  notice=first_tab)
    with pytest.raises(Conflict, match=appeal.reference):
        services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "Second appeal text.", "en", "affected_user",
                             notice=second_tab)
    assert list(Case.objects.filter(kind=c.Kind.APPEAL)) == [appeal]


def test_a_requesters_reversed_appeal_restores_nothing_and_reopens_the_decision(takedown, decide, staff, checked):
    partly = decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, [])})
    appeal = services.file_appeal(partly, c.PartyRole.REQUESTER, "The second page is defamatory too.", "en",
                                 "requester")
    checked(appeal, staff["other"])
    services.decide_appeal(appeal, c.Outcome.PARTIALLY_GRANTED, "The second page repeats the claim.", staff["other"])
    partly.refresh_from_db()
    assert not partly.items.filter(restored_at__isnull=False).exists()
    assert partly.state == c.State.UNDER_REVIEW


def test_the_appeals_record_is_written_in_english_whichever_language_the_appellant_and_the_reviewer_use(
        decided, staff, checked):
    """The history is a record: an affected user appealing through the Arabic page and a reviewer deciding in French
    leave the sentences a colleague working in English would (review.history_reasons); the case page reads them in
    its reader's language. A choice's label turned into text would have stored the actor's language."""
    from django.utils import translation

    from rightsdesk.review.timeline import _reason

    with translation.override("ar"):
        appeal = services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "المقال دقيق.", "ar", "affected_user")
    assert appeal.history.get(event="created").reason == "Appeal by the affected user."
    checked(appeal, staff["other"])
    with translation.override("fr"):
        services.decide_appeal(appeal, c.Outcome.GRANTED, "Les sources sont fiables.", staff["other"])
    restored = decided.history.filter(event="item", changes__has_key="restored_at")
    assert {entry.reason for entry in restored} == {f"Restored: appeal {appeal.reference} reversed the decision."}
    decided_entry = decided.history.get(event="appeal", changes__event="decided")
    assert decided_entry.changes["outcome_label"] == "Reversed"
    with translation.override("ar"):
        assert _reason(restored.first()) == f"أُعيد: ألغى الطعن {appeal.reference} القرار."
        assert _reason(appeal.history.get(event="created")) == "طعن مقدَّم من المستخدم المتأثر."


def test_a_requesters_appeal_reopens_the_request_with_a_reason_in_english(takedown, decide, staff, checked):
    partly = decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, [])})
    appeal = services.file_appeal(partly, c.PartyRole.REQUESTER, "The second page too.", "en", "requester")
    checked(appeal, staff["other"])
    from django.utils import translation

    with translation.override("ru"):
        services.decide_appeal(appeal, c.Outcome.PARTIALLY_GRANTED, "Частично.", staff["other"])
    reopened = partly.history.get(changes__transition="reopen")
    assert reopened.reason == f"Appeal {appeal.reference} was partly reversed: the request is decided anew."
    assert appeal.history.get(event="created").reason == "Appeal by the requester."
