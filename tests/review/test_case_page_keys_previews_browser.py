"""The case page in a real browser: keyboard shortcuts with a help dialog (and a plain help section without
JavaScript), private previews of images and PDFs on the timeline, and references kept left to right in Arabic."""

from __future__ import annotations

import hashlib

import pytest
from django.utils import translation
from playwright.sync_api import expect

from rightsdesk.cases import choices as c
from rightsdesk.intake import attachments
from tests.review.test_case_page_browser import png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def test_the_case_page_shortcuts_claim_and_jump_to_the_boxes_and_the_help_is_a_dialog_or_without_javascript_a_section(
        page, live_server, browser, make_staff, make_case, sign_in_browser):
    rita = make_staff("reviewer", username="rita")
    case = make_case(state=c.State.TRIAGE)
    sign_in_browser(rita)
    url = f"{live_server.url}/en/staff/cases/{case.reference}/"
    page.goto(url)

    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(page.locator("#shortcut-help")).to_be_hidden()
    queues = page.locator("[data-shortcut=queue]")
    queues.focus()
    page.keyboard.press("?")
    expect(help_dialog).to_be_visible()
    expect(help_dialog).to_be_focused()
    for words in ("Claim this case", "Go to the box for a staff note", "Go to the box for a message to the requester",
                  "Back to the queues", "Close this help"):
        expect(help_dialog).to_contain_text(words)
    page.keyboard.press("Tab")
    expect(help_dialog.get_by_role("button", name="Close")).to_be_focused()
    page.keyboard.press("Tab")  # the focus stays in the dialog
    expect(help_dialog.get_by_role("button", name="Close")).to_be_focused()
    page.keyboard.press("n")  # other shortcuts wait while the help is open
    expect(page.locator("#note-body")).not_to_be_focused()
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()
    expect(queues).to_be_focused()  # back where it was

    page.keyboard.press("Alt+n")  # with a modifier: not a shortcut
    expect(page.locator("#note-body")).not_to_be_focused()
    page.keyboard.press("n")
    expect(page.locator("#note-body")).to_be_focused()
    page.keyboard.type("ran a check")  # typing "r", "c", "n" in a box stays text
    expect(page.locator("#note-body")).to_have_value("ran a check")
    expect(page.locator("#note-body")).to_be_focused()
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("r")
    expect(page.locator("#message-body")).to_be_focused()
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("c")
    expect(page.get_by_text("You are working on this case.")).to_be_visible()
    case.refresh_from_db()
    assert case.assigned_to_id == rita.pk
    # Defect 6: the confirmation of a claim and of a step is on screen where the page lands.
    confirmation = page.get_by_role("complementary", name="Work on this case").get_by_role("status")
    expect(confirmation).to_contain_text(f"You are working on {case.reference}.")
    expect(confirmation).to_be_in_viewport()
    expect(page.get_by_role("status").filter(has_text="You are working on")).to_have_count(1)  # once, and only there
    expect(page.locator("#items")).not_to_contain_text("Message(")
    # The step posts a form: wait for the page it leads to, or the keys below may reach the page being left.
    with page.expect_navigation():
        page.get_by_role("button", name="Start the review").click()
    confirmation = page.locator("[role=status]").first
    expect(confirmation).to_be_visible()
    expect(confirmation).to_be_in_viewport()

    page.keyboard.press("g")
    page.keyboard.press("q")
    page.wait_for_url(f"{live_server.url}/en/staff/")
    page.keyboard.press("?")  # the queue's own help
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()

    # Without JavaScript the same list is a plain section at the end of the page, linked from "On this page".
    plain = browser.new_context(java_script_enabled=False, locale="en-US")
    try:
        plain.add_cookies(page.context.cookies())
        tab = plain.new_page()
        tab.goto(url)
        tab.get_by_role("navigation", name="On this page").get_by_role("link", name="Keyboard shortcuts").click()
        section = tab.locator("#shortcut-help")
        expect(section).to_be_visible()
        expect(section).to_contain_text("Back to the queues")
        expect(section.get_by_role("button", name="Close")).to_be_hidden()
        assert tab.get_by_role("dialog").count() == 0
    finally:
        plain.close()


def test_images_and_pdfs_are_previewed_privately_on_the_timeline_a_file_whose_contents_lie_is_not_and_arabic_keeps_the_reference_whole(
        page, live_server, make_staff, make_case, sign_in_browser):
    rita = make_staff("reviewer", username="rita")
    clerk = make_staff("intake", username="ines")
    case = make_case(state=c.State.TRIAGE)
    attachments.store(case, attachments.check_file("photo.png", png()), uploaded_by="requester")
    attachments.store(case, attachments.check_file("order.pdf", PDF), uploaded_by="requester")
    fake = b"<html><script>alert(1)</script></html>"
    attachments.store(case, attachments.CheckedFile(name="fake.png", content_type="image/png", data=fake,
                                                    sha256=hashlib.sha256(fake).hexdigest()), uploaded_by="requester")
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Refused" in msg.text else None)
    sign_in_browser(rita)
    url = f"{live_server.url}/en/staff/cases/{case.reference}/"
    response = page.goto(url)
    assert response.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in response.headers[
        "content-security-policy"]

    timeline = page.locator("#timeline")
    image = timeline.locator("img.tl-preview")
    frame = timeline.locator("iframe.tl-pdf")
    expect(image).to_have_count(1)  # the photo; not the file that only claims to be a PNG
    expect(frame).to_have_count(1)
    expect(image).to_have_attribute("loading", "lazy")
    expect(frame).to_have_attribute("loading", "lazy")
    expect(frame).to_have_attribute("title", "Preview of order.pdf")
    expect(timeline.get_by_role("link", name="fake.png")).to_be_visible()  # still downloadable
    frame.scroll_into_view_if_needed()
    box = frame.bounding_box()
    assert box["height"] >= 300 and box["width"] >= 300

    pdf_url = live_server.url + frame.get_attribute("src")
    shown = page.request.get(pdf_url)
    assert shown.headers["content-type"] == "application/pdf"
    assert shown.headers["content-disposition"].startswith("inline")
    assert shown.headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in shown.headers["content-security-policy"]
    downloaded = page.request.get(pdf_url.replace("?preview=1", ""))
    assert downloaded.headers["content-disposition"].startswith("attachment")
    assert downloaded.headers["x-frame-options"] == "DENY"
    fake_url = timeline.get_by_role("link", name="fake.png").get_attribute("href")
    lying = page.request.get(f"{live_server.url}{fake_url}?preview=1")
    assert lying.headers["content-disposition"].startswith("attachment")
    assert lying.headers["x-frame-options"] == "DENY"
    page.wait_for_timeout(300)
    assert not [text for text in refused if "frame" in text], refused

    sign_in_browser(clerk)  # no private-data permission: no preview either
    assert page.request.get(pdf_url).status == 403

    sign_in_browser(rita)
    page.goto(f"{live_server.url}/ar/staff/cases/{case.reference}/")
    heading = page.locator("h1")
    expect(heading.locator("bdi.ref[dir=ltr]")).to_have_text(case.reference)
    with translation.override("ar"):
        kind = str(c.Kind.CONTENT_TAKEDOWN.label)
    expect(heading).to_contain_text(kind)
    expect(heading).not_to_contain_text("Content alteration or takedown")
    assert f"\u2066{case.reference}\u2069" in page.title()
    assert kind in page.title()

    # Defect 15: the "Received" line keeps its date and time the right way round (the year left of the time), and
    # each attachment line reads right to left: the file's name first (rightmost), then its type, size and hash.
    with translation.override("ar"):
        received = translation.pgettext("date", "Received")  # the date label (tests/i18n/test_words_in_context.py)
    order = page.locator("dt", has_text=received).first.locator("xpath=following-sibling::dd[1]").evaluate("""dd => {
        const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
        let node; while ((node = walker.nextNode()) && !/\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d/.test(node.data)) {}
        const m = node.data.match(/(\\d{4})-\\d\\d-\\d\\d (\\d\\d:\\d\\d)/);
        const at = (i, n) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + n);
                               return r.getBoundingClientRect().left; };
        return [at(m.index, 4), at(m.index + m[0].length - 5, 5)];
    }""")
    assert order[0] < order[1], f"the year is drawn right of the time: {order}"
    line = page.locator("ul.attachments li", has_text="order.pdf")
    name = line.get_by_role("link", name="order.pdf").bounding_box()
    details = line.locator(".muted").bounding_box()
    assert name["x"] >= details["x"] + details["width"] - 1, f"the file's name is not first in Arabic: {name} {details}"
    kind_box = line.locator(".muted bdi", has_text="application/pdf").bounding_box()
    hash_box = line.locator(".muted code").bounding_box()
    assert kind_box["x"] > hash_box["x"], "the type comes before the hash, right to left"
