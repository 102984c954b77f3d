"""In Chromium: leaving a page with words typed but not sent asks first (core/static/rightsdesk/unsaved.js).

Rule: a text area of a form that posts, changed from what the page gave it, makes the browser ask "Leave site?"
before the page is left by a link, by the plain language switcher, or by closing it; sending that form, or the
language switcher that carries it (core/carry_language.py), leaves without asking; an untouched page, or a page whose
one-line fields only were typed in, leaves without asking.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def asked_on_leaving(page, leave) -> bool:
    """Whether the browser asked before leaving by ``leave()``; the answer is "stay", so the page stays."""
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    start = page.url
    leave()
    page.wait_for_timeout(300)
    page.remove_listener("dialog", stay)
    if asked:
        assert page.url == start  # "stay": nothing was left
    return asked == ["beforeunload"]


def test_a_request_half_written_asks_before_a_link_leaves_it_and_keeps_the_words(page, live_server):
    page.goto(f"{live_server.url}/en/request/content-takedown/")
    assert not asked_on_leaving(page, lambda: page.get_by_role("link", name="Public notice log").first.click())
    page.goto(f"{live_server.url}/en/request/content-takedown/")
    page.locator("#id_name").fill("Ada")  # a one-line field only: typed again in a moment
    assert not asked_on_leaving(page, lambda: page.get_by_role("link", name="Public notice log").first.click())
    page.goto(f"{live_server.url}/en/request/content-takedown/")
    page.locator("#id_description").fill("The article gives my home address.")
    assert asked_on_leaving(page, lambda: page.get_by_role("link", name="Public notice log").first.click())
    expect(page.locator("#id_description")).to_have_value("The article gives my home address.")


def test_sending_the_form_or_carrying_it_to_another_language_leaves_without_asking(page, live_server):
    page.goto(f"{live_server.url}/en/request/content-takedown/")
    page.locator("#id_description").fill("The article gives my home address.")

    def to_arabic():
        page.locator(".lang-menu summary").click()
        page.locator("button[name=carry_language][value=ar]").click()
        page.wait_for_load_state()

    assert not asked_on_leaving(page, to_arabic)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#id_description")).to_have_value("The article gives my home address.")
    # Sent with something missing: the page comes back with the words as given, and leaving it asks nothing more.
    assert not asked_on_leaving(page, lambda: page.locator("form#carried-form button[type=submit]").last.click())
    expect(page.locator(".error-summary")).to_be_visible()


def test_a_staff_reason_half_written_asks_before_the_plain_language_switcher_leaves_it(
        page, live_server, make_staff, sign_in_browser):
    sign_in_browser(make_staff("trust and safety"))
    page.goto(f"{live_server.url}/en/staff/crises/new/")
    page.locator("textarea").first.fill("Arrests of editors reported since Monday.")

    def to_arabic():
        page.select_option("#lang-select", "ar")
        page.locator(".lang-form button[type=submit]").click()

    assert asked_on_leaving(page, to_arabic)
    expect(page.locator("textarea").first).to_have_value("Arrests of editors reported since Monday.")
