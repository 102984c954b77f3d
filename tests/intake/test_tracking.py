"""The private tracking page: status, what is missing, adding information and withdrawing, without an account."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightsdesk.cases import choices as c
from rightsdesk.cases import workflow
from rightsdesk.cases.models import CaseHistory
from rightsdesk.cases.services import issue_tracking_token
from rightsdesk.intake.models import Attachment, MessageFromRequester

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracked(make_case):
    def make(state=c.State.RECEIVED, kind=c.Kind.CONTENT_TAKEDOWN, **fields):
        case = make_case(kind=kind, state=state, **fields)
        return case, issue_tracking_token(case)

    return make


def test_the_tracking_page_shows_status_reference_and_what_is_missing(client, tracked):
    case, token = tracked(incomplete=True, missing_fields=["good_faith"])
    response = client.get(f"/en/track/{token}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert case.reference in html and "Received: waiting to be read" in html
    assert "the good-faith statement" in html
    assert response["Cache-Control"].startswith("no-store") and response["Referrer-Policy"] == "same-origin"


def test_the_tracking_page_never_shows_contact_details_or_staff_data(client, tracked):
    case, token = tracked(decision_summary="Internal: reviewer thinks requester is a troll")
    html = client.get(f"/en/track/{token}/").content.decode()
    assert "erika@example.org" not in html and "Erika Mustermann" not in html
    assert "troll" not in html


@pytest.mark.parametrize("token", ["1", "x" * 43, "../../etc"])
def test_an_unknown_or_guessed_token_finds_nothing(client, tracked, token):
    case, _real = tracked()
    assert client.get(f"/en/track/{token}/").status_code == 404
    assert client.get(f"/en/track/{case.pk}/").status_code == 404


def test_added_information_is_recorded_and_resumes_a_case_waiting_for_it(client, tracked):
    case, token = tracked(state=c.State.AWAITING_INFORMATION)
    upload = SimpleUploadedFile("proof.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png")
    response = client.post(f"/en/track/{token}/add/", {"text": "Here is the exact URL", "attachments": upload})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == c.State.UNDER_REVIEW
    message = MessageFromRequester.objects.get(case=case)
    assert message.text == "Here is the exact URL" and message.attachment == Attachment.objects.get(case=case)
    transition = case.history.filter(event=CaseHistory.Event.TRANSITION).last()
    assert transition.changes["transition"] == "information_received" and transition.actor_label == "requester"
    entry = case.history.filter(event=CaseHistory.Event.MESSAGE).get()
    assert "Here is the exact URL" not in str(entry.changes) + entry.reason  # the text stays out of the history
    assert "Here is the exact URL" in client.get(f"/en/track/{token}/").content.decode()


def test_adding_to_a_case_not_waiting_for_information_keeps_its_state(client, tracked):
    case, token = tracked(state=c.State.UNDER_REVIEW)
    client.post(f"/en/track/{token}/add/", {"text": "One more thing"})
    case.refresh_from_db()
    assert case.state == c.State.UNDER_REVIEW and case.messages_from_requester.count() == 1


def test_an_empty_addition_is_refused_with_a_message(client, tracked):
    _case, token = tracked()
    response = client.post(f"/en/track/{token}/add/", {"text": "  "})
    assert "Write something or attach a file." in response.content.decode()
    assert MessageFromRequester.objects.count() == 0


def test_the_requester_can_withdraw_an_open_request(client, tracked):
    case, token = tracked(state=c.State.TRIAGE)
    client.post(f"/en/track/{token}/withdraw/", {"confirm": "on", "reason": "Solved with the author"})
    case.refresh_from_db()
    assert case.state == c.State.CLOSED and case.outcome == c.Outcome.WITHDRAWN
    assert case.history.filter(event=CaseHistory.Event.TRANSITION).last().actor_label == "requester"
    html = client.get(f"/en/track/{token}/").content.decode()
    assert "Withdraw my request" not in html and "Add to my request" not in html


def test_withdrawing_needs_confirmation(client, tracked):
    case, token = tracked()
    response = client.post(f"/en/track/{token}/withdraw/", {})
    assert "Tick the box" in response.content.decode()
    case.refresh_from_db()
    assert case.state == c.State.RECEIVED


def test_an_unticked_withdrawal_is_summarised_above_its_form_with_the_focus_and_its_error_tied_to_the_box(client, tracked):
    _case, token = tracked()
    html = client.post(f"/en/track/{token}/withdraw/", {"reason": "Solved"}).content.decode()
    box = re.search(r'<input type="checkbox" name="confirm"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in box
    described = re.search(r'aria-describedby="([^"]*)"', box).group(1).split()
    assert described and all(f'id="{part}"' in html for part in described)  # each id it names is on the page
    assert 'id="id_confirm-error"' in html and "id_confirm-error" in described
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'href="#id_confirm"' in summary and "Tick the box" in summary and "autofocus" in summary


def test_a_long_withdrawal_reason_is_never_cut_by_the_browser_but_given_back_with_its_length(client, tracked):
    case, token = tracked()
    page = client.get(f"/en/track/{token}/").content.decode()
    assert "maxlength" not in re.search(r'<textarea name="reason"[^>]*>', page).group(0)  # a paste is not cut
    reason = "My reason. " * 300
    html = client.post(f"/en/track/{token}/withdraw/", {"confirm": "on", "reason": reason}).content.decode()
    case.refresh_from_db()
    assert case.state == c.State.RECEIVED
    assert reason.strip() in html and "Use at most 2,000 characters (this has 3,299)." in html


def test_a_decided_case_cannot_be_withdrawn_or_added_to(client, tracked):
    case, token = tracked(state=c.State.DECIDED)
    client.post(f"/en/track/{token}/withdraw/", {"confirm": "on"})
    client.post(f"/en/track/{token}/add/", {"text": "late"})
    case.refresh_from_db()
    assert case.state == c.State.DECIDED and case.messages_from_requester.count() == 0


def test_a_reissued_link_replaces_the_old_one(client, tracked):
    case, old = tracked()
    new = issue_tracking_token(case)
    assert client.get(f"/en/track/{old}/").status_code == 404
    assert client.get(f"/en/track/{new}/").status_code == 200


def test_the_workflow_state_of_a_withdrawn_case_is_final_for_the_requester(tracked):
    case, _token = tracked(state=c.State.CLOSED)
    with pytest.raises(workflow.TransitionError):
        workflow.transition(case, "withdraw", "requester")


def test_the_requester_reads_what_our_team_asked_them(client, tracked, make_staff):
    from rightsdesk.review import models as review_models

    case, token = tracked(state=c.State.AWAITING_INFORMATION)
    review_models.MessageToRequester.objects.create(case=case, author=make_staff("intake"),
                                                    body="Please send the exact URL of the photo.")
    html = client.get(f"/en/track/{token}/").content.decode()
    assert "Messages from our team" in html and "Please send the exact URL of the photo." in html


def test_the_requester_completes_missing_statements_and_the_case_becomes_complete(client, tracked):
    case, token = tracked(kind=c.Kind.COPYRIGHT_NOTICE, incomplete=True,
                          missing_fields=["accuracy_statement", "signature", "urls"])
    html = client.get(f"/en/track/{token}/").content.decode()
    assert 'name="accuracy_statement"' in html and 'name="signature"' in html and 'name="good_faith"' not in html
    client.post(f"/en/track/{token}/add/", {"accuracy_statement": "on", "signature": "Pat Agent"})
    case.refresh_from_db()
    assert case.missing_fields == ["urls"] and case.incomplete
    assert case.declaration.statements == ["accuracy_statement"] and case.declaration.signature == "Pat Agent"
    edit = case.history.filter(event=CaseHistory.Event.EDIT).last()
    assert edit.actor_label == "requester" and "missing_fields" in edit.changes


def test_the_requester_gives_the_missing_urls_and_they_become_the_requests_items(client, tracked):
    """“The exact URLs of the content” was listed as missing with no field to give them: URLs written as text were
    read by no one but staff, and the page went on asking for them."""
    case, token = tracked(incomplete=True, missing_fields=["urls"], items=[])
    html = client.get(f"/en/track/{token}/").content.decode()
    assert 'name="urls"' in html and "the exact URLs of the content" in html
    response = client.post(f"/en/track/{token}/add/", {
        "urls": "https://en.wikipedia.org/wiki/Example\nhttps://commons.wikimedia.org/wiki/File:Photo.jpg"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.missing_fields == [] and not case.incomplete
    items = sorted(case.items.values_list("project", "page_title", "item_type"))
    assert items == [("commons.wikimedia.org", "File:Photo.jpg", c.ItemType.FILE),
                     ("en.wikipedia.org", "Example", c.ItemType.PAGE)]
    assert all(entry.actor_label == "requester" for entry in case.history.filter(event=CaseHistory.Event.ITEM))
    assert "the exact URLs of the content" not in client.get(f"/en/track/{token}/").content.decode()


def test_a_missing_url_given_wrong_is_refused_at_its_field_and_kept(client, tracked):
    case, token = tracked(incomplete=True, missing_fields=["urls"], items=[])
    response = client.post(f"/en/track/{token}/add/", {"urls": "en.wikipedia.org/wiki/Example", "text": "See above"})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_urls"' in html and 'aria-invalid="true"' in html
    assert "en.wikipedia.org/wiki/Example</textarea>" in html and "See above</textarea>" in html
    case.refresh_from_db()
    assert case.items.count() == 0 and case.missing_fields == ["urls"]
    assert not MessageFromRequester.objects.filter(case=case).exists()  # nothing half-written


def test_after_a_decision_the_page_shows_the_reasons_we_sent_and_how_to_appeal(client, tracked):
    from datetime import datetime, timezone as dt_timezone

    from rightsdesk.notices.models import Notice
    from rightsdesk.notices.rendering import APPEAL_LINK_MARKER, DEADLINE_MARKER

    case, token = tracked(state=c.State.NOTIFIED, outcome=c.Outcome.REJECTED,
                          decision_summary="Internal note: the page is accurate.")
    sent = datetime(2026, 3, 10, 9, 0, tzinfo=dt_timezone.utc)
    body = ("Our reasons\nThe article reports court records accurately; it stays.\nGround: 17 U.S.C. 512(c)\n"
            f"- Appeal until {DEADLINE_MARKER}. Use your private link: {APPEAL_LINK_MARKER}\n")
    Notice.objects.create(case=case, purpose=Notice.Purpose.DECISION, recipient_role=c.PartyRole.REQUESTER,
                          subject="Our decision", body=body, status=Notice.Status.SENT, sent_at=sent,
                          appeal_token_digest="d" * 64, language="en")
    Notice.objects.create(case=case, purpose=Notice.Purpose.DECISION, recipient_role=c.PartyRole.REQUESTER,
                          subject="Draft", body="An unsent draft about the requester.", status=Notice.Status.DRAFT)
    html = client.get(f"/en/track/{token}/").content.decode()
    assert "The article reports court records accurately; it stays." in html
    assert "You can appeal, free of charge, until Sept. 10, 2026." in html  # the last day to appeal: six months after the notice was sent
    assert "[[" not in html and "the private link in the e-mail we sent you" in html
    assert "\u206617 U.S.C. 512(c)\u2069" in html  # a Latin citation keeps its order inside right-to-left text
    assert 'href="/en/request/appeal/"' in html and case.reference in html
    assert "An unsent draft" not in html and "Internal note" not in html


def test_before_the_decision_notice_is_sent_no_reasons_are_shown(client, tracked):
    case, token = tracked(state=c.State.DECIDED, outcome=c.Outcome.REJECTED)
    html = client.get(f"/en/track/{token}/").content.decode()
    assert 'id="decision"' not in html


def test_information_sent_twice_by_a_double_click_is_added_once(client, tracked):
    case, token = tracked()
    form = client.get(f"/en/track/{token}/").content.decode()
    once = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    sent = {"text": "Here is the exact URL of the photo.", "form_token": once}
    first, second = client.post(f"/en/track/{token}/add/", sent), client.post(f"/en/track/{token}/add/", sent)
    assert first.status_code == second.status_code == 302
    assert MessageFromRequester.objects.filter(case=case).count() == 1
    assert client.get(f"/en/track/{token}/").content.decode().count("We added your information") == 1


def test_words_sent_to_a_request_decided_meanwhile_are_given_back_not_dropped(client, tracked):
    case, token = tracked()
    workflow.transition(case, "withdraw", "test")  # closed while the requester typed
    typed = "A long explanation I spent an hour on."
    response = client.post(f"/en/track/{token}/add/", {"text": typed})
    page = response.content.decode()
    assert response.status_code == 409 and "you can no longer add to it" in page
    assert f"{typed}</textarea>" in page and MessageFromRequester.objects.filter(case=case).count() == 0


@pytest.mark.parametrize("closed_by", ["withdraw", "decide"])
def test_a_refused_withdrawal_comes_back_with_the_reason_that_was_typed(client, tracked, closed_by):
    case, token = tracked(state=c.State.UNDER_REVIEW)
    if closed_by == "withdraw":  # closed while the requester typed (by an earlier withdrawal, in another tab)
        workflow.transition(case, "withdraw", "test")
    else:  # decided while the requester typed
        type(case).objects.filter(pk=case.pk).update(state=c.State.DECIDED)
    typed = "The author took the post down himself after we talked; I explain it all here."
    response = client.post(f"/en/track/{token}/withdraw/", {"confirm": "on", "reason": typed})
    page = response.content.decode()
    assert response.status_code == 409 and "can no longer be withdrawn" in page
    assert f"{typed}</textarea>" in page and MessageFromRequester.objects.filter(case=case).count() == 0


def test_a_file_chosen_on_a_form_sent_back_must_be_chosen_again_and_the_page_says_so(client, tracked, settings):
    _case, token = tracked()
    upload = SimpleUploadedFile("proof.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png")
    settings.RIGHTSDESK_INTAKE = {**settings.RIGHTSDESK_INTAKE, "MAX_TEXT_CHARS": 10}
    page = client.post(f"/en/track/{token}/add/", {"text": "x" * 11, "attachments": upload}).content.decode()
    assert "Choose your files again" in page


# --- A gag order covering the requester keeps the decision from their page (intake.outcome.decision_withheld) -----

@pytest.mark.parametrize("scope, outcome, withheld", [
    ("all", c.Outcome.REJECTED, True),                # an order barring notice to everyone: the page says nothing new
    ("affected_user", c.Outcome.REJECTED, False),     # an order about the uploader does not bar the requester's page
    ("all", c.Outcome.WITHDRAWN, False),              # they withdrew it themselves: nothing was decided to keep back
    (None, c.Outcome.REJECTED, False),                # no order: the outcome shows as soon as it is decided
])
def test_a_gag_order_covering_the_requester_keeps_the_decision_from_the_tracking_page(client, tracked, make_staff,
                                                                                      scope, outcome, withheld):
    from rightsdesk.notices import services as notice_services

    state = c.State.CLOSED if outcome == c.Outcome.WITHDRAWN else c.State.DECIDED
    case, token = tracked(state=state, outcome=outcome)
    if scope:
        notice_services.place_hold(case, make_staff("legal approver"), reason="Non-disclosure order of the court.",
                                   scope=scope)
    html = client.get(f"/en/track/{token}/").content.decode()
    told = case.get_outcome_display()
    assert (told not in html and 'id="outcome"' not in html) is withheld
    assert ('<strong id="status">Under review</strong>' in html) is withheld
    if withheld:  # words sent meanwhile are taken, as before the decision, not refused with "closed"
        response = client.post(f"/en/track/{token}/add/", {"text": "The page moved to a new address."})
        assert response.status_code == 302
        assert MessageFromRequester.objects.get(case=case).text == "The page moved to a new address."


# --- Changing the language of the tracking page keeps what was typed (core/carry_language.py) ----------------------


def test_switching_the_language_of_the_tracking_page_keeps_the_addition_and_the_withdrawal_typed_and_sends_neither(
        client, tracked):
    from tests.carried_form import switched_to_arabic

    case, token = tracked(state=c.State.AWAITING_INFORMATION, missing_fields=["signature"])
    typed, response = switched_to_arabic(client, f"/track/{token}/")  # the words, the signature, the ticked box
    assert {"text", "signature", "reason", "confirm"} <= typed.keys()
    case.refresh_from_db()
    assert case.state == c.State.AWAITING_INFORMATION and case.missing_fields == ["signature"]  # nothing sent
    assert not MessageFromRequester.objects.filter(case=case).exists()
    sent = client.post(f"/ar/track/{token}/add/", typed)  # the addition is then sent, once, in Arabic
    assert sent.status_code == 302 and MessageFromRequester.objects.get(case=case).text == typed["text"]


def test_words_typed_before_the_language_changed_on_a_request_closed_meanwhile_are_given_back_to_copy(client, tracked):
    case, token = tracked()
    workflow.transition(case, "withdraw", "test")  # closed while the requester typed
    html = client.post(f"/ar/track/{token}/", {"text": "My addition", "reason": "My reason",
                                               "carry_language": "ar"}).content.decode()
    unsent = re.search(r'<section class="callout warn" id="unsent".*?</section>', html, re.S).group(0)
    assert "My addition" in unsent and "My reason" in unsent and 'id="carried-form"' not in html


@pytest.mark.parametrize("refused, kept", [("withdraw", "text"), ("add", "reason")])
def test_one_part_of_the_tracking_page_refused_keeps_what_was_typed_in_the_other(client, tracked, refused, kept):
    case, token = tracked()
    html = client.post(f"/en/track/{token}/{refused}/", {"text": "" if refused == "add" else "An addition",
                                                         "reason": "A reason"}).content.decode()
    assert "errorlist" in html  # the part sent was refused: nothing written, nothing ticked
    assert ("An addition" if kept == "text" else "A reason") in re.search(
        rf'<textarea name="{kept}"[^>]*>(.*?)</textarea>', html, re.S).group(1)
