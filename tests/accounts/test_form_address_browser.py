"""In Chromium, on a phone (390 px): a staff form's address opened as a page (after a refused form, a language
switch, a reload) leads to the page the form is on and lands where it says so. It landed at the form's place (the
case page's notes, far down), the words at the top of the page out of view above it; the page now lands at the
words, which lead on to the form's place."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rightsdesk.cases import choices as c
from tests import screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAID = "That address is where a form is sent, not a page, so nothing was done"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_form_address_opened_on_a_phone_lands_at_the_words_that_say_why(
        page, live_server, sign_in_browser, make_staff, make_case, language):
    case = make_case(c.Kind.CONTENT_TAKEDOWN, country="DE", subject="A long case page")
    sign_in_browser(make_staff("reviewer", username="rita"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{language}/staff/cases/{case.reference}/notes/")
    assert page.url.split("#")[0] == f"{live_server.url}/{language}/staff/cases/{case.reference}/"
    said = page.locator("ul.messages li").first
    if language == "en":
        expect(said).to_contain_text(SAID)
    expect(said).to_be_in_viewport()
    screenshots.keep(page, f"form-address-said-{language}-390.png")
    # The words lead on to the form's place on the page.
    said.get_by_role("link").click()
    expect(page.locator("#notes")).to_be_in_viewport()
