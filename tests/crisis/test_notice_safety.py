"""During a crisis, a notice to an affected user waits for a recorded review of the recipient's safety."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.core.errors import DomainError, NotPermitted
from rightsdesk.crisis import services as crisis_services
from rightsdesk.notices import services as notices
from rightsdesk.notices.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided_takedown(make_case, people):
    """A decided takedown from Turkey whose affected user is owed a statement of reasons."""
    from tests.flows import decide_as_staff

    def make():
        case = make_case(
            c.Kind.CONTENT_TAKEDOWN, country="TR", received_at=timezone.now(),
            parties=[{"role": c.PartyRole.REQUESTER, "name": "Ayse Yilmaz", "email": "ayse@example.org"},
                     {"role": c.PartyRole.AFFECTED_USER, "account_name": "Editor7", "email": "editor7@example.net",
                      "language": "tr"}],
            items=[{"url": "https://tr.wikipedia.org/wiki/Secim", "project": "tr.wikipedia.org", "page_title": "Secim",
                    "account_name": "Editor7"}],
            content_ground=c.ContentGround.DEFAMATION, law_invoked="TCK 125", decision_ground=c.DecisionGround.ILLEGAL_CONTENT,
        )
        return decide_as_staff(case, people["reviewer"], people["approver1"])

    return make


def statement(case) -> Notice:
    return case.notices.get(recipient_role=c.PartyRole.AFFECTED_USER)


def test_a_notice_to_an_affected_user_in_a_crisis_case_waits_for_the_safety_review(people, declare, decided_takedown):
    declare(["TR"])
    case = decided_takedown()
    notice = statement(case)
    with pytest.raises(DomainError) as held:
        notices.send_notice(notice, people["reviewer"])
    assert held.value.code == "crisis_safety_review"
    notice.refresh_from_db()
    assert notice.status == Notice.Status.DRAFT
    # A reviewer records that this wording is safe for the recipient; then it can be sent.
    crisis_services.record_safety_review(notice, people["safety"], version=notices.text_version(notice),
                                         note="The editor lives abroad; the notice names no one.")
    notices.send_notice(notice, people["reviewer"])
    notice.refresh_from_db()
    assert notice.status in (Notice.Status.QUEUED, Notice.Status.SENT, Notice.Status.SENDING)


def test_a_safety_review_covers_only_the_wording_that_was_reviewed(people, declare, decided_takedown):
    declare(["TR"])
    notice = statement(decided_takedown())
    crisis_services.record_safety_review(notice, people["safety"], version=notices.text_version(notice))
    notices.edit_notice(notice, people["reviewer"], subject=notice.subject, body=notice.body + "\nOne more sentence.")
    notice.refresh_from_db()
    with pytest.raises(DomainError) as held:
        notices.send_notice(notice, people["reviewer"])
    assert held.value.code == "crisis_safety_review"


def test_outside_a_crisis_and_for_the_requester_no_safety_review_is_needed(people, declare, decided_takedown):
    case = decided_takedown()
    notices.send_notice(statement(case), people["reviewer"])  # no crisis: sent as before
    declare(["TR"])
    decision = case.notices.filter(recipient_role=c.PartyRole.REQUESTER).first()
    if decision is not None:
        notices.send_notice(decision, people["reviewer"])


def test_only_staff_with_the_safety_permission_record_the_review(people, declare, decided_takedown, make_staff):
    declare(["TR"])
    notice = statement(decided_takedown())
    with pytest.raises(NotPermitted):
        crisis_services.record_safety_review(notice, make_staff("intake"), version=notices.text_version(notice))


def test_a_safety_review_of_a_notice_edited_meanwhile_is_refused_and_the_reviewers_note_comes_back(
        client, people, declare, decided_takedown):
    """The rule stays: a review covers the wording that was read, so an edited notice is reviewed again. The
    review sent from a page older than the edit used to be recorded (for the old wording) and the page said only
    "review it again": the note typed into it was gone. It is refused now (409), nothing recorded, and the form
    comes back with the note, for the wording as it is now."""
    from django.urls import reverse

    from rightsdesk.crisis.models import SafetyReview

    from .page_forms import form_with

    declare(["TR"])
    case = decided_takedown()
    notice = statement(case)
    action = reverse("crisis:safety_review", args=[notice.pk])
    client.force_login(people["safety"])
    opened = form_with(client.get(reverse("review:case", args=[case.reference])).content.decode(), action, "note")
    notices.edit_notice(notice, people["reviewer"], subject=notice.subject, body=notice.body + "\nOne more sentence.")

    note = "Checked: the editor lives abroad; the notice names no one."
    refused = client.post(action, {**opened, "note": note})

    assert refused.status_code == 409
    assert not SafetyReview.objects.filter(notice=notice).exists()  # nothing recorded for the old wording
    html = refused.content.decode()
    assert "The notice&#x27;s text changed after you opened the page" in html
    assert reverse("notices:notice", args=[notice.pk]) in html      # where to read it as it is now
    again = form_with(html, action, "note")
    assert again["note"].strip() == note                             # the note, kept
    notice.refresh_from_db()
    assert again["version"] == notices.text_version(notice)          # the form now reviews the current wording
    assert client.post(action, again).status_code == 302
    assert SafetyReview.objects.get(notice=notice).version == notices.text_version(notice)


def test_a_refused_safety_review_keeps_the_note(client, people, declare, decided_takedown):
    """Any refusal (here, a form without the wording's version) comes back with the note, not a redirect."""
    from django.urls import reverse

    from .page_forms import form_with

    declare(["TR"])
    notice = statement(decided_takedown())
    action = reverse("crisis:safety_review", args=[notice.pk])
    client.force_login(people["safety"])
    refused = client.post(action, {"version": "", "note": "Typed, then refused."})
    assert refused.status_code == 400
    assert form_with(refused.content.decode(), action, "note")["note"].strip() == "Typed, then refused."


def test_the_panel_s_sentence_isolates_the_safety_reviewer_s_username_in_arabic(
        client, verified_login, people, declare, decided_takedown, django_user_model):
    """'… safety reviewed by {{ who }} at {{ at }}.': in Arabic, a bare 'Ali (WMF)' read '(Ali (WMF' and ran into the
    time after it."""
    import html

    declare(["TR"])
    notice = statement(decided_takedown())
    django_user_model.objects.filter(pk=people["safety"].pk).update(username="Ali (WMF)")
    people["safety"].refresh_from_db()
    crisis_services.record_safety_review(notice, people["safety"], version=notices.text_version(notice))
    verified_login(client, people["reviewer"])
    page = html.unescape(client.get(f"/ar/staff/cases/{notice.case.reference}/").content.decode())
    assert "<bdi>Ali (WMF)</bdi>" in page
