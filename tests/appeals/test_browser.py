"""In Chromium: whoever took part in the decision cannot take the appeal over and is told why where they tried; the
decision page puts the appellant's text and the decision appealed beside the form."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rightsdesk.appeals import services
from rightsdesk.cases import choices as c

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def appeal(takedown, decide, staff):
    decided = decide(takedown(), staff["reviewer"])
    return services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "The article is accurate and well sourced.", "en",
                                "affected_user")


def test_the_first_approver_is_refused_the_take_over_with_the_reason_next_to_the_form(
        page, live_server, appeal, sign_in_browser):
    approver = appeal.appeal_of.history.get(changes__transition="approve").actor
    sign_in_browser(approver)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/staff/cases/{appeal.reference}/")
    page.fill("#takeover-reason", "I approved it, I know it best.")
    page.get_by_role("button", name="Take over").click()
    refusal = page.get_by_text("took part in the decision appealed").first
    expect(refusal).to_be_visible()
    appeal.refresh_from_db()
    assert appeal.assigned_to != approver


def test_the_warning_to_the_first_approver_is_at_the_top_of_the_appeals_page(page, live_server, appeal,
                                                                           sign_in_browser):
    approver = appeal.appeal_of.history.get(changes__transition="approve").actor
    sign_in_browser(approver)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/staff/cases/{appeal.reference}/")
    warning = page.get_by_text("you may not claim, take over, review or decide this appeal").first
    expect(warning).to_be_visible()
    assert warning.bounding_box()["y"] < 900  # on the first screen, not thousands of pixels down


def test_the_decision_page_shows_the_appellants_text_and_the_decision_beside_the_form(
        page, live_server, appeal, staff, sign_in_browser):
    sign_in_browser(staff["other"])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/staff/notices/appeals/{appeal.pk}/decide/")
    text = page.locator(".appellant-text")
    expect(text).to_contain_text("The article is accurate and well sourced.")
    expect(page.locator(".original-reasons")).to_contain_text("court-confirmed falsehood")
    form = page.locator(".appeal-form")
    assert text.bounding_box()["x"] + text.bounding_box()["width"] <= form.bounding_box()["x"] + 1  # side by side
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= 390")


def test_an_appellant_attaches_a_document_to_the_appeal_and_a_wrong_file_is_explained(page, live_server, takedown,
                                                                                     decide, staff, tmp_path):
    from rightsdesk.cases.models import Case
    from rightsdesk.core.digests import token_digest
    from rightsdesk.intake.models import Attachment
    from rightsdesk.notices.models import Notice

    case = decide(takedown(), staff["reviewer"])
    notice = case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    token = "browser-test-token-" + "y" * 20
    Notice.objects.filter(pk=notice.pk).update(appeal_token_digest=token_digest(token), status=Notice.Status.SENT)
    fake = tmp_path / "licence.pdf"
    fake.write_bytes(b"MZ this is not a PDF")
    real = tmp_path / "licence-real.pdf"
    real.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

    page.goto(f"{live_server.url}/en/appeal/{token}/")
    page.get_by_label("Why should the decision change?").fill("The photo is my own work; the licence is attached.")
    page.get_by_label("Attach documents (optional)").set_input_files(str(fake))
    page.get_by_role("button", name="Send my appeal").click()
    expect(page.locator(".errorlist").filter(has_text="not a PDF file")).to_be_visible()
    expect(page.get_by_label("Why should the decision change?")).to_have_value(
        "The photo is my own work; the licence is attached.")
    assert not Case.objects.filter(kind=c.Kind.APPEAL).exists()
    page.get_by_label("Attach documents (optional)").set_input_files(str(real))
    page.get_by_role("button", name="Send my appeal").click()
    expect(page.get_by_text("licence-real.pdf")).to_be_visible()
    appeal = Case.objects.get(kind=c.Kind.APPEAL)
    assert [a.original_name for a in Attachment.objects.filter(case=appeal)] == ["licence-real.pdf"]
