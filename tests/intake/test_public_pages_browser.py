"""In a real browser: the public pages never file twice, say what is wrong and where, and read right in every language.

Issue #14: post-redirect-get with a one-time form token, the error summary focused under the heading, the home page's
emergency form first and linked, the notice log linked, error pages in the site frame, right-to-left details and the
Chinese language button.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rightsdesk.cases.models import Case

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_a_sent_form_redirects_to_a_receipt_that_shows_the_link_once_and_a_second_post_files_nothing(page, live_server):
    page.goto(f"{live_server.url}/en/request/grievance/")
    form_token = page.locator("input[name=form_token]").input_value()
    csrf = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    page.locator("#id_description").fill("The handling of my request ignored my safety.")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#tracking-link")).to_be_visible()
    assert page.url == f"{live_server.url}/en/request/grievance/received/"  # a GET page, with no secret in its URL
    reference = page.locator("#reference").inner_text()
    assert Case.objects.count() == 1

    # Reloading the receipt sends nothing again, and no longer shows the private link.
    page.reload()
    expect(page.locator("#link-shown")).to_be_visible()
    assert page.locator("#tracking-link").count() == 0 and page.locator("#reference").inner_text() == reference

    # The same form sent again (a double click, the back button): the same receipt, nothing filed.
    again = page.request.post(f"{live_server.url}/en/request/grievance/", form={
        "csrfmiddlewaretoken": csrf, "form_token": form_token,
        "description": "The handling of my request ignored my safety."},
        headers={"Referer": f"{live_server.url}/en/request/grievance/"})
    assert again.ok and reference in again.text()
    assert Case.objects.count() == 1


def test_a_failed_submit_puts_the_focus_on_the_error_summary_under_the_heading(page, live_server):
    page.goto(f"{live_server.url}/en/request/content-takedown/")
    assert page.locator("#id_description").get_attribute("dir") == "auto"
    assert page.locator("#id_name").get_attribute("dir") == "auto"
    assert page.locator("#id_urls").get_attribute("dir") == "ltr"
    page.get_by_role("button", name="Send request").click()
    summary = page.locator("h1 + #error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.title().startswith("Error: ")
    text = summary.inner_text()
    assert "Who are you?: This is needed" not in text and "This is needed: Who are you?" in text
    assert "?." not in text

    page.goto(f"{live_server.url}/ar/request/content-takedown/")
    page.locator("button[type=submit]").last.click()
    expect(page.locator("#error-summary")).to_be_focused()
    assert page.title().startswith("خطأ: ")


def test_the_home_page_leads_to_the_emergency_form_first_and_links_the_notice_log(browser, live_server):
    context = browser.new_context(locale="en-US", viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/")
        first_card = page.locator(".card-grid .card").first
        expect(first_card).to_contain_text("Emergency")
        callout = page.locator("#emergency-callout")
        expect(callout.get_by_role("link")).to_have_attribute("href", "/en/request/emergency/")
        assert page.locator(".site-nav a[href='/en/notices/']").count() == 1
        assert page.locator(".site-footer a[href='/en/notices/']").count() == 1
        assert page.locator("main a[href='/en/notices/']").count() == 1
        assert page.locator("link[rel=icon]").get_attribute("href").endswith("favicon.svg")

        # Chinese: the language button says "change language" and stays on one line on a phone.
        page.goto(f"{live_server.url}/zh-hans/")
        button = page.locator(".lang-form button")
        assert button.inner_text() not in ("修改", "切换") and "语言" in button.inner_text()
        lines = button.evaluate("b => { const r = document.createRange(); r.selectNodeContents(b); "
                                "return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }")
        assert lines == 1
        page.goto(f"{live_server.url}/ar/")
        assert page.locator(".lang-form button").inner_text() == "تغيير اللغة"
    finally:
        context.close()


def test_error_pages_are_in_the_site_frame_with_a_way_back(page, live_server):
    response = page.goto(f"{live_server.url}/ar/track/this-link-was-cut-in-t/")
    assert response.status == 404
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator(".site-header")).to_be_visible()
    expect(page.locator("#tracking-help")).to_be_visible()
    page.locator(".way-back a").first.click()
    expect(page).to_have_url(f"{live_server.url}/ar/")

    response = page.goto(f"{live_server.url}/en/no-such-page/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    assert page.locator("#tracking-help").count() == 0


def test_arabic_pages_keep_legal_citations_and_urls_the_right_way_round(page, live_server):
    page.goto(f"{live_server.url}/ar/request/copyright/")
    # "17 U.S.C. 512(c)(3)" inside Arabic text reads left to right, "17" first (to the left of "U.S.C.").
    order = page.locator(".callout").first.evaluate("""el => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let node; while ((node = walker.nextNode()) && !node.data.includes("U.S.C.")) {}
        const at = (s) => { const i = node.data.indexOf(s); const r = document.createRange();
                            r.setStart(node, i); r.setEnd(node, i + s.length); return r.getBoundingClientRect().left; };
        return [at("17"), at("U.S.C."), at("512")];
    }""")
    assert order[0] < order[1] < order[2], order

    page.locator("#id_description").fill("My photograph is used without a licence.")
    page.locator("#id_urls").fill("https://commons.wikimedia.org/wiki/File:Harbour.jpg")
    page.locator("button[type=submit]").last.click()
    page.locator("#tracking-link").click()
    expect(page.locator("ul.urls")).to_be_visible()
    style = page.locator("ul.urls").evaluate(
        "ul => { const s = getComputedStyle(ul); return [s.direction, s.paddingRight, s.paddingLeft]; }")
    assert style[0] == "rtl" and style[1] != "0px" and style[2] == "0px", style  # bullets on the right
    url = page.locator("ul.urls bdi")
    assert url.get_attribute("dir") == "ltr" and url.inner_text().startswith("https://")
    assert page.locator("#id_text").get_attribute("dir") == "auto"


def test_the_back_button_after_sending_brings_back_the_same_form_and_sending_it_again_files_nothing(page, live_server):
    """A person who presses back on the receipt and sends again (nothing changed) gets the first receipt: the browser
    keeps the blank form's page, with its one-time token, for the back button."""
    page.goto(f"{live_server.url}/en/request/grievance/")
    page.locator("#id_description").fill("The handling of my request ignored my safety.")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#tracking-link")).to_be_visible()
    reference = page.locator("#reference").inner_text()

    page.go_back()
    expect(page.locator("#id_description")).to_have_value("The handling of my request ignored my safety.")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#reference")).to_have_text(reference)
    assert Case.objects.count() == 1


def _switch_to_arabic(page):
    """The language switcher of a page with a half-filled form: "Change language", then the language's button."""
    page.locator(".lang-menu summary").click()
    page.locator(".lang-list button[value=ar]").click()


def test_changing_the_language_of_a_half_filled_form_keeps_what_was_typed_once(page, live_server):
    """A person who starts a report in English and switches to Arabic finds the words, choices and ticks in the Arabic
    form: the language's button posts the form to the Arabic page (core/carry_language.py), which shows it again,
    unsent; nothing is kept in the browser (no script, no storage) nor on the server, and the form is not filed."""
    page.goto(f"{live_server.url}/en/request/harm-report/")
    page.locator("#id_description").fill("He follows me from page to page — يلاحقني من صفحة إلى أخرى")
    page.locator("#id_urls").fill("https://en.wikipedia.org/wiki/User_talk:Me")
    category = page.locator("#id_harm_category")
    chosen = category.locator("option").nth(2).get_attribute("value")
    category.select_option(chosen)
    page.locator("#id_anonymous").check()

    _switch_to_arabic(page)
    page.wait_for_url(f"{live_server.url}/ar/request/harm-report/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator("#id_description")).to_have_value("He follows me from page to page — يلاحقني من صفحة إلى أخرى")
    expect(page.locator("#id_urls")).to_have_value("https://en.wikipedia.org/wiki/User_talk:Me")
    expect(page.locator("#id_harm_category")).to_have_value(chosen)
    expect(page.locator("#id_anonymous")).to_be_checked()
    expect(page.locator("#error-summary")).to_have_count(0)
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0
    assert Case.objects.count() == 0

    page.goto(f"{live_server.url}/ar/request/harm-report/")  # the form opened anew is blank: nothing was kept
    expect(page.locator("#id_description")).to_have_value("")


def test_without_javascript_changing_the_language_of_a_half_filled_takedown_form_keeps_the_words(browser, live_server):
    """With JavaScript off, the language switcher's buttons post the half-filled form to the page in the new
    language: the words are in the Arabic form, nothing is filed, and the next pages are in Arabic."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/request/content-takedown/")
        page.locator("#id_description").fill("This article publishes my home address. هذا المقال ينشر عنواني.")
        page.locator("#id_urls").fill("https://en.wikipedia.org/wiki/Some_article")
        page.locator("#id_name").fill("Amal Haddad")
        _switch_to_arabic(page)
        page.wait_for_url(f"{live_server.url}/ar/request/content-takedown/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        expect(page.locator("#id_description")).to_have_value(
            "This article publishes my home address. هذا المقال ينشر عنواني.")
        expect(page.locator("#id_urls")).to_have_value("https://en.wikipedia.org/wiki/Some_article")
        expect(page.locator("#id_name")).to_have_value("Amal Haddad")
        expect(page.locator("#error-summary")).to_have_count(0)
        assert Case.objects.count() == 0
        page.locator(".brand").click()
        assert page.url == f"{live_server.url}/ar/"
        page.goto(f"{live_server.url}/")
        assert page.url == f"{live_server.url}/ar/"  # remembered, as after the switcher's own view
    finally:
        context.close()


def test_after_the_back_button_the_addresses_and_legal_basis_typed_are_back_but_not_the_request_title(page, live_server):
    """Fields marked autocomplete="off" come back blank after the back button (Chromium restores none of them). The
    addresses of the content and the legal basis have no reason to be forgotten and are restored; the request's
    title keeps autocomplete="off" (intake.forms.NOT_REMEMBERED: a shared device must not offer it to the next
    person), and is the price of that."""
    page.goto(f"{live_server.url}/en/request/content-takedown/")
    page.locator("#id_urls").fill("https://en.wikipedia.org/wiki/Some_article")
    page.locator("#id_law_invoked").fill("Art. 17 GDPR")
    page.locator("#id_subject").fill("My address in an article")
    page.locator(".site-nav a").first.click()
    page.wait_for_url(f"{live_server.url}/en/")
    page.go_back()
    expect(page.locator("#id_urls")).to_have_value("https://en.wikipedia.org/wiki/Some_article")
    expect(page.locator("#id_law_invoked")).to_have_value("Art. 17 GDPR")
    expect(page.locator("#id_subject")).to_have_value("")


@pytest.mark.parametrize("js", [True, False], ids=["JavaScript on", "JavaScript off"])
def test_enter_in_a_one_line_field_sends_the_form_as_its_own_button_does_not_a_change_of_language(
        browser, live_server, js):
    """The language switcher's buttons belong to the page's carried form and come first on the page, so the browser
    took the first (English) for the form's default button: Enter in the e-mail field of the Arabic form brought the
    page back in English, nothing sent and nothing said. Enter now sends the form as "Send request" does."""
    context = browser.new_context(java_script_enabled=js, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/ar/request/content-takedown/")
        page.locator("#id_email").fill("amal@example.org")
        page.locator("#id_email").press("Enter")
        expect(page.locator("#error-summary")).to_be_visible()  # sent, and told what is missing
        assert page.locator("html").get_attribute("lang") == "ar" and page.url.startswith(f"{live_server.url}/ar/")
        expect(page.locator("#id_email")).to_have_value("amal@example.org")
    finally:
        context.close()
