"""In a real browser: every form can be filled in and sent, the receipt shows a private link that opens the tracking page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rightsdesk.cases.models import Case
from rightsdesk.intake.kinds import FIELDS, SPECS

pytestmark = pytest.mark.browser

SAMPLE = {
    "text": "Sample text", "longtext": "The content is wrong because it states false facts about me.",
    "email": "person@example.org", "url": "https://example.org/original", "urls": "https://en.wikipedia.org/wiki/Example",
    "lines": "ExampleUser", "country": "DE", "reference": "RD-2026-ABCDEFG",
}


def fill_form(page, spec):
    for name in spec.field_names:
        fd = FIELDS[name]
        locator = page.locator(f"#id_{name}")
        if fd.type == "bool":
            if name != "anonymous":
                locator.check()
        elif fd.type == "choice":
            locator.select_option(index=1)
        elif fd.type == "country":
            locator.select_option("DE")
        else:
            locator.fill(SAMPLE[fd.type])


@pytest.mark.parametrize("kind", list(SPECS))
def test_each_form_can_be_sent_and_followed_with_its_tracking_link(page, live_server, kind):
    spec = SPECS[kind]
    page.goto(f"{live_server.url}/en/request/{spec.slug}/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    fill_form(page, spec)
    page.get_by_role("button", name="Send request").click()
    reference = page.locator("#reference").inner_text()
    assert re.fullmatch(r"RD-\d{4}-[A-Z0-9]{7}", reference)
    case = Case.objects.get(reference=reference)
    assert case.kind == kind
    page.locator("#tracking-link").click()
    assert reference in page.locator("h1").inner_text()
    assert page.locator("#status").inner_text().startswith("Received")


def test_the_arabic_form_renders_right_to_left_and_its_receipt_too(page, live_server):
    spec = SPECS["harm_report"]
    page.goto(f"{live_server.url}/ar/request/{spec.slug}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    page.locator("#id_harm_category").select_option("harassment")
    page.locator("#id_description").fill("يتابعني شخص في كل صفحة أحررها")
    page.locator("#id_urls").fill("https://ar.wikipedia.org/wiki/مثال")
    page.locator("button[type=submit]").last.click()
    reference = page.locator("#reference").inner_text()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#tracking-link").click()
    assert reference in page.locator("h1").inner_text()
    assert "/ar/track/" in page.url
    assert Case.objects.get(reference=reference).language == "ar"


def test_errors_are_summarised_with_links_and_nothing_typed_is_lost(page, live_server):
    page.goto(f"{live_server.url}/en/request/content-takedown/")
    page.locator("#id_name").fill("Erika Muster")
    page.locator("#id_email").fill("not-an-email")
    page.get_by_role("button", name="Send request").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()  # waits for the answer to the POST
    summary.get_by_role("link", name=re.compile("e-mail")).click()
    assert page.url.endswith("#id_email")
    assert page.locator("#id_name").input_value() == "Erika Muster"
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert Case.objects.count() == 0


def test_the_requester_adds_information_and_withdraws_from_the_tracking_page(page, live_server):
    page.goto(f"{live_server.url}/en/request/grievance/")
    page.locator("#id_description").fill("The handling of my request ignored my safety.")
    page.get_by_role("button", name="Send request").click()
    page.locator("#tracking-link").click()
    page.locator("#id_text").fill("I can be reached by post only.")
    page.get_by_role("button", name="Add to my request").click()
    assert "I can be reached by post only." in page.content()
    page.get_by_label("Yes, I withdraw my request").check()
    page.get_by_role("button", name="Withdraw my request").click()
    assert page.locator("#status").inner_text() == "Closed"
