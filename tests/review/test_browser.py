"""A reviewer and an approver at work, in a real browser."""

from __future__ import annotations

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.review import checklist
from tests.review.conftest import sign_in_with_password as sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_checklist(page, case):
    for question in checklist.questions_for(case):
        value = "yes" if "yes" in question.values else question.options[0][0]
        page.check(f"input[name='answer-{question.key}'][value='{value}']")
        page.fill(f"#note-{question.key}", "Checked against the order.")
    page.click("#save-checklist")
    page.wait_for_selector("text=Checklist complete.")


def decide(page, item, action, ground, reason, fields=()):
    form = page.locator(f"#item-{item.pk} form")
    if not form.is_visible():
        page.locator(f"#item-{item.pk} summary").click()
    form.locator("select[name=action]").select_option(action)
    for field in fields:
        form.locator(f"input[name=fields][value={field}]").check()
    form.locator("input[name=ground]").fill(ground)
    form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=Decision on the item saved.")


def test_a_user_data_request_from_claim_to_an_approved_partial_disclosure(page, live_server, make_staff, make_case):
    make_staff("reviewer", username="rita")
    make_staff("legal approver", username="alex")
    case = make_case(
        c.Kind.USER_DATA_REQUEST, state=c.State.UNDER_REVIEW, subject="Court order about two accounts",
        requester_type=c.RequesterType.LAW_ENFORCEMENT, authority_country="US", legal_process=c.LegalProcess.COURT_ORDER,
        items=[{"url": "https://en.wikipedia.org/wiki/User:Alpha", "item_type": c.ItemType.ACCOUNT, "account_name": "Alpha"},
               {"url": "https://en.wikipedia.org/wiki/User:Beta", "item_type": c.ItemType.ACCOUNT, "account_name": "Beta"}])
    alpha, beta = case.items.all()

    sign_in(page, live_server, "rita")
    page.fill("#f-q", case.reference)  # the typed subject is private: search by reference
    page.click("text=Apply")
    page.click(f"a:has-text('{case.reference}')")
    page.click("#claim-button")
    page.wait_for_selector("text=You are working on this case.")

    answer_checklist(page, case)
    decide(page, alpha, "disclose", "Court order 123/2026", "The order names this account; only two fields.",
           fields=["registration_date", "last_edit_date"])
    decide(page, beta, "no_action", "Court order 123/2026", "The order does not name this account.")
    page.fill("#summary", "Partly complied: two fields for one account; the other account is not named.")
    page.click("#conclude-button")
    page.wait_for_selector("text=Submitted for approval")
    assert Case.objects.get(pk=case.pk).state == c.State.AWAITING_APPROVAL
    assert page.locator("#approve-button").count() == 0  # the reviewer cannot approve

    sign_in(page, live_server, "alex")
    page.click("a.queue-tab:has-text('Awaiting approval')")
    page.click(f"a:has-text('{case.reference}')")
    page.fill("#approve-note", "Narrow and proportionate.")
    page.click("#approve-button")
    page.wait_for_selector("text=Approved: the decision takes effect.")

    stored = Case.objects.get(pk=case.pk)
    assert (stored.state, stored.outcome) == (c.State.DECIDED, c.Outcome.PARTIALLY_GRANTED)
    alpha.refresh_from_db()
    assert alpha.disclosed_fields == ["last_edit_date", "registration_date"]


def test_a_takedown_request_to_a_reasoned_refusal(page, live_server, make_staff, make_case):
    make_staff("reviewer", username="rita")
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.TRIAGE, subject="Remove the article about me",
                     content_ground=c.ContentGround.DEFAMATION)

    sign_in(page, live_server, "rita")
    page.click(f"a:has-text('{case.reference}')")
    page.click("#claim-button")
    page.click("button[value=start_review]")
    page.wait_for_selector("text=Done: Review started.")
    answer_checklist(page, case)
    item_form = page.locator(f"#item-{case.items.first().pk} form")
    assert not item_form.locator("input[name=countries]").is_visible()  # only asked for a country restriction
    item_form.locator("select[name=action]").select_option("restrict_country")
    assert item_form.locator("input[name=countries]").is_visible()
    assert not item_form.locator("input[name=fields]").first.is_visible()
    decide(page, case.items.first(), "no_action", "Terms of Use §4; verifiable and in the public interest",
           "The paragraph is sourced to two newspapers and concerns a public role.")
    page.fill("#summary", "Refused: the content is accurate, sourced and in the public interest.")
    page.click("#conclude-button")
    page.wait_for_selector("text=Decided.")

    stored = Case.objects.get(pk=case.pk)
    assert (stored.state, stored.outcome) == (c.State.DECIDED, c.Outcome.REJECTED)
    assert stored.decision_summary.startswith("Refused: the content is accurate")
    assert "sourced to two newspapers" in stored.items.get().reason


def test_the_workspace_in_arabic_reads_right_to_left(page, live_server, make_staff, make_case):
    make_staff("reviewer", username="rita")
    case = make_case(c.Kind.USER_DATA_REQUEST, legal_process=c.LegalProcess.INFORMAL_GOVERNMENT,
                     requester_type=c.RequesterType.GOVERNMENT, state=c.State.UNDER_REVIEW)
    sign_in(page, live_server, "rita", lang="ar")
    assert page.get_attribute("html", "dir") == "rtl"
    page.click(f"a:has-text('{case.reference}')")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.locator("h2#checklist-title").inner_text().startswith("قائمة العناية الواجبة")
    # An informal request is prefilled as a refusal with its reason.
    assert "غير رسمي" in page.locator("#summary").input_value()
    assert page.locator(f"#item-{case.items.get().pk} select[name=action]").input_value() == "no_action"
