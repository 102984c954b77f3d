"""In Chromium at 390 px: the legal team's message on a contributor's tracking page wraps within the screen, however
long its words (a link to a document, a reference), in English and in Arabic.

The message's paragraph kept an unbroken run on one line: the page grew wider than the phone, and the contributor
scrolled sideways to read each line of what the legal team told them. The same held for a requester's own
explanation on intake's tracking page (the same ``sent-text`` paragraph).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_LINK = "https://drive.example.org/legal/" + "a1b2c3d4e5" * 12


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_legal_team_s_message_wraps_within_a_phone_s_screen(page, live_server, filed, language):
    request, token = filed
    request.message_to_requester = f"Please read the court's letter: {LONG_LINK}"
    request.save(update_fields=["message_to_requester"])

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}/{language}/legal-support/track/{token}/")
    expect(page.locator("#message")).to_contain_text(LONG_LINK)
    # The paragraph holds its text (a right-to-left page overflows to the left, where nothing scrolls), and the page
    # is no wider than the screen.
    assert page.locator("#message").evaluate("p => p.scrollWidth <= p.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
