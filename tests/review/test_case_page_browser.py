"""The case page in a real browser: nothing typed is lost, confirmations are seen where the page lands,
one timeline in words, and a change by someone else is never overwritten blindly."""

from __future__ import annotations

import struct
import zlib

import pytest
from playwright.sync_api import expect

from rightsdesk.cases import choices as c
from rightsdesk.cases.services import create_case
from rightsdesk.intake import attachments
from rightsdesk.review import checklist, services
from tests.review.conftest import sign_in_with_password as sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def png(width=4, height=3) -> bytes:
    """A small valid PNG (grey pixels)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_one_unexplained_no_keeps_every_answer_marks_the_question_and_confirmations_show_where_the_page_lands(
        page, live_server, make_staff, make_case):
    make_staff("reviewer", username="rita")
    case = make_case(c.Kind.USER_DATA_REQUEST, state=c.State.UNDER_REVIEW, requester_type=c.RequesterType.LAW_ENFORCEMENT,
                     authority_country="US", legal_process=c.LegalProcess.COURT_ORDER,
                     items=[{"url": "https://en.wikipedia.org/wiki/User:Alpha", "item_type": c.ItemType.ACCOUNT,
                             "account_name": "Alpha"}])
    sign_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/en/staff/cases/{case.reference}/")
    questions = checklist.questions_for(case)
    chosen = {}
    for q in questions:
        value = "no" if q.key == "legal_basis" else ("yes" if "yes" in q.values else q.options[0][0])
        chosen[q.key] = value
        page.check(f"input[name='answer-{q.key}'][value='{value}']")
        page.fill(f"#note-{q.key}", "" if q.key == "legal_basis" else f"Checked: {q.key}.")
    page.click("#save-checklist")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    link = summary.get_by_role("link")
    expect(link).to_have_attribute("href", "#note-legal_basis")
    expect(page.locator("#q-legal_basis .field-error")).to_contain_text("Explain the answer “No” in the note.")
    expect(page.locator("#note-legal_basis")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("input[name='answer-legal_basis'][value='no']")).to_have_attribute("aria-invalid", "true")
    for q in questions:  # every answer and note typed is still there
        expect(page.locator(f"input[name='answer-{q.key}'][value='{chosen[q.key]}']")).to_be_checked()
        if q.key != "legal_basis":
            expect(page.locator(f"#note-{q.key}")).to_have_value(f"Checked: {q.key}.")
    assert not case.checklist_answers.exists()

    link.click()
    expect(page.locator("#note-legal_basis")).to_be_focused()
    page.fill("#note-legal_basis", "The order is unsigned.")
    page.click("#save-checklist")
    confirmation = page.locator("#checklist [role=status]")
    expect(confirmation).to_have_text("Checklist complete.")
    expect(confirmation).to_be_in_viewport()

    page.fill("#note-body", "Called the court clerk.")
    page.get_by_role("button", name="Add the note").click()
    confirmation = page.locator("#notes [role=status]")
    expect(confirmation).to_have_text("Note added.")
    expect(confirmation).to_be_in_viewport()


def test_the_timeline_says_what_happened_in_words_with_previews_and_a_change_by_someone_else_is_refused_keeping_the_text(
        page, live_server, make_staff):
    rita = make_staff("reviewer", username="rita")
    omar = make_staff("reviewer", username="omar")
    case = create_case(fields={"kind": c.Kind.CONTENT_TAKEDOWN, "subject": "A photo of me",
                               "requester_type": c.RequesterType.INDIVIDUAL, "description": "Please remove the photo."},
                       parties=[{"role": c.PartyRole.REQUESTER, "name": "Erika Mustermann", "email": "erika@example.org"}],
                       items=[{"url": "https://de.wikipedia.org/wiki/Beispiel", "page_title": "Beispiel"}],
                       actor="requester", reason="Received through the online form. Statements made: good_faith.")
    services.take_step(case, "triage", rita)
    services.decide_item(case.items.get(), rita, action=c.Action.NO_ACTION, ground="Policy", reason="Not a photo of her.")
    attachments.store(case, attachments.check_file("photo.png", png()), uploaded_by="requester")
    services.add_note(case, rita, "First look done.")

    sign_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/en/staff/cases/{case.reference}/")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Accepted into triage")
    expect(timeline).to_contain_text("Statements made: the good-faith statement.")
    expect(timeline).to_contain_text("Action: — → No action")
    expect(timeline).to_contain_text("Reason changed (private value)")
    expect(timeline).to_contain_text("First look done.")
    for code in ("(triage)", "good_faith", "Item changed", "no_action"):
        expect(timeline).not_to_contain_text(code)
    preview = timeline.locator("img.tl-preview")
    expect(preview).to_be_visible()
    preview.scroll_into_view_if_needed()
    page.wait_for_function("() => { const i = document.querySelector('#timeline img.tl-preview');"
                           " return i && i.complete && i.naturalWidth > 0; }")
    assert preview.evaluate("img => img.naturalWidth") == 4
    shown = page.request.get(live_server.url + preview.get_attribute("src"))
    assert shown.headers["content-type"] == "image/png" and "attachment" not in shown.headers.get("content-disposition", "")

    services.add_note(case, omar, "Wait: the requester withdrew by phone.")  # while rita writes
    page.fill("#message-body", "Could you send the photo's link?")
    page.get_by_role("button", name="Send to the requester").click()
    summary = page.locator("#messages [data-error-summary]")
    expect(summary).to_contain_text("omar changed this case after you opened it")
    expect(summary).to_contain_text("Note added")
    expect(summary).to_be_focused()
    expect(page.locator("#message-body")).to_have_value("Could you send the photo's link?")
    assert not case.messages_to_requester.exists()

    page.get_by_role("button", name="Send to the requester").click()  # seen it: now it goes
    expect(page.locator("#messages [role=status]")).to_have_text("Message sent to the requester.")
    assert case.messages_to_requester.count() == 1


@pytest.mark.parametrize("width", [1280, 390])
def test_the_heading_reads_kind_site_day_in_the_pages_direction_and_the_day_never_breaks(
        page, live_server, make_staff, make_case, width):
    """Side by side, "ar.wikipedia.org · 2026-03-02" is one left-to-right run to the bidirectional algorithm: an
    Arabic reader met the day before the site, and the day broke at its hyphen ("2026-" / "03-02")."""
    make_staff("reviewer", username="rita")
    case = make_case(c.Kind.EMERGENCY_DISCLOSURE,
                     items=[{"url": "https://ar.wikipedia.org/wiki/X", "project": "ar.wikipedia.org"}])
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "rita")
    for lang, rtl in (("en", False), ("ar", True)):
        page.goto(f"{live_server.url}/{lang}/staff/cases/{case.reference}/")
        if width == 1280:  # room for the whole heading on one line, where the order of the parts is seen
            page.locator("h1").evaluate("h1 => { h1.style.fontSize = '1rem'; }")  # the CSSOM: allowed by the CSP
        kind, site, day = (page.locator("h1 > bdi").nth(i) for i in (1, 2, 3))  # after the reference
        expect(site).to_have_text("ar.wikipedia.org")
        expect(day).to_have_text("2026-03-02")
        for code in (site, day):  # codes never break at a hyphen or a dot, wherever the line ends
            assert code.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
            assert code.evaluate("e => e.getClientRects().length") == 1
        lines = [part.evaluate("e => [...e.getClientRects()].map(r => [r.left, r.right, (r.top + r.bottom) / 2])")
                 for part in (kind, site, day)]
        if width == 1280:
            assert len({round(mid) for part in lines for _, _, mid in part}) == 1, "the heading is on one line"
        for before, after in zip(lines, lines[1:]):  # in the page's direction along a line, then down
            (left, right, middle), (next_left, next_right, next_middle) = before[-1], after[0]
            if abs(next_middle - middle) < 10:
                assert next_right <= left if rtl else next_left >= right, f"{lang}: kind, then site, then day"
            else:
                assert next_middle > middle, f"{lang}: a later part is on a later line"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
