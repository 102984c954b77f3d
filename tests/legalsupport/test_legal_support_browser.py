"""In Chromium: a contributor sends the public form, gets the receipt with the private link, the legal-support team
assesses and grants support, and the contributor reads the decision on the tracking page; the form in Arabic reads
right to left. Screenshots (1280 and 390 px) go to $RIGHTSDESK_SCREENSHOTS when it is set."""

from __future__ import annotations


import pytest
from playwright.sync_api import expect

from rightsdesk.legalsupport.models import Counsel, LegalSupportRequest
from tests import screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def shoot(page, name: str) -> None:
    if screenshots.folder() is None:
        return
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        screenshots.keep(page, f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_form_receipt_staff_decision_and_tracking_page(page, live_server, make_staff, sign_in_browser, settings,
                                                       tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    Counsel.objects.create(name="Estudio Rivas", country="AR", languages="es en", contact="rivas@example.org")
    # The form in Arabic: right to left, every label translated.
    page.goto(f"{live_server.url}/ar/legal-support/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).not_to_have_text("Legal support for contributors")
    shoot(page, "legal-support-form-ar")
    # The contributor, in English: a refused form keeps what was typed and says what to fix.
    page.goto(f"{live_server.url}/en/legal-support/")
    page.fill("#id_requester_email", "zeb@example.org")
    page.select_option("#id_country", "AR")
    page.fill("#id_description", "  ")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose what you are facing.")
    expect(page.locator("#id_requester_email")).to_have_value("zeb@example.org")
    shoot(page, "legal-support-form-error-en")
    page.select_option("#id_threat_kind", "lawsuit")
    page.fill("#id_description", "A businessman sued me for defamation over sourced edits to his biography.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("h1")).to_have_text("Request received")
    link = page.locator("#tracking-link").get_attribute("href")
    reference = page.locator("#reference").inner_text()
    shoot(page, "legal-support-receipt-en")
    page.goto(link)
    expect(page.locator("#status")).to_have_text("Received: a member of our legal team will read it.")

    # The legal-support team.
    sign_in_browser(make_staff("legal support"))
    page.goto(f"{live_server.url}/en/staff/legal-support/")
    page.get_by_role("link", name=reference).click()
    page.get_by_role("button", name="Start the assessment").click()
    page.select_option("#id_good_faith", "yes")
    page.select_option("#id_threat_related", "yes")
    page.select_option("#id_country_risk", "elevated")
    page.get_by_role("button", name="Save the checklist").click()
    expect(page.locator(".messages")).to_contain_text("checklist is saved")
    page.get_by_label("Grant support").check()
    page.fill("#id_reasons", "Sourced, good-faith edits; the claim targets the contributor for them.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("h1")).to_contain_text("Support granted")
    page.select_option("#id_counsel", label="Estudio Rivas · Argentina · es en")
    page.get_by_role("button", name="Save the referral").click()
    page.fill("#id_committed", "5000")
    page.fill("#id_spent", "6000")
    page.get_by_role("button", name="Save the budget").click()
    expect(page.locator(".error-summary")).to_contain_text("more than the 5000.00 committed")
    expect(page.locator("#id_spent")).to_have_value("6000")
    page.fill("#id_spent", "1200")
    page.get_by_role("button", name="Save the budget").click()
    expect(page.locator("#budget")).to_contain_text("spent: 1200.00")
    page.fill("#id_message", "We will cover your legal fees. A lawyer will contact you this week.")
    page.get_by_role("button", name="Save the message").click()
    shoot(page, "legal-support-staff-en")
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the staff page scrolls sideways"
    page.set_viewport_size({"width": 1280, "height": 900})

    # The contributor reads the state and the message, not the lawyer (not shared) nor staff's reasons.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.locator("#status")).to_have_text("We decided to support you.")
    expect(page.locator("#message")).to_contain_text("We will cover your legal fees.")
    expect(page.locator("body")).not_to_contain_text("Estudio Rivas")
    expect(page.locator("body")).not_to_contain_text("good-faith edits")
    shoot(page, "legal-support-track-en")
    r = LegalSupportRequest.objects.get(reference=reference)
    assert r.state == "supported" and r.budget_spent == 1200 and r.counsel.name == "Estudio Rivas"
    # Nothing scrolls sideways at 390 px.
    for url in (link, f"{live_server.url}/ar/legal-support/"):
        page.set_viewport_size({"width": 390, "height": 900})
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url


def test_the_back_button_after_sending_and_sending_again_files_one_request(page, live_server):
    """A contributor who presses back on the receipt and sends the form again, unchanged, gets the first receipt
    (core.form_once.sending_token: the same words from the same browser are one sending)."""
    page.goto(f"{live_server.url}/en/legal-support/")
    page.select_option("#id_threat_kind", "lawsuit")
    page.fill("#id_description", "A businessman sued me for defamation over sourced edits to his biography.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("h1")).to_have_text("Request received")
    reference = page.locator("#reference").inner_text()
    page.go_back()
    expect(page.locator("#id_description")).to_have_value(
        "A businessman sued me for defamation over sourced edits to his biography.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("#reference")).to_have_text(reference)
    assert LegalSupportRequest.objects.count() == 1
