"""In Chromium: a global ban proposed, signed by the legal approver, trust and safety and the executive, drafted by
one legal approver and published by another, and seen on the public office-actions log in English and in Arabic
(right to left), at 1280 and 390 px."""

from __future__ import annotations


import pytest
from playwright.sync_api import expect

from rightsdesk.accounts.roles import EXECUTIVE, LEGAL_APPROVER, REVIEWER, TRUST_AND_SAFETY
from tests import screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def shot(page, name):
    screenshots.keep(page, f"{name}.png", full_page=True)


def test_propose_three_sign_offs_publish_and_the_public_log_in_english_and_arabic(
        page, live_server, sign_in_browser, make_staff, make_case):
    case = make_case("harm_report", subject="Threats against an editor")
    proposer = make_staff(REVIEWER, username="proposer")
    signers = [(LEGAL_APPROVER, make_staff(LEGAL_APPROVER, username="legal")),
               (TRUST_AND_SAFETY, make_staff(TRUST_AND_SAFETY, username="safety")),
               (EXECUTIVE, make_staff(EXECUTIVE, username="executive"))]

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_browser(proposer)
    page.goto(f"{live_server.url}/en/staff/account-actions/new/")
    page.select_option("#f-action_type", "global_ban")
    page.select_option("#f-ground", "threats")
    page.fill("#f-accounts", "Browser Banned\nBrowser Banned Alt")
    page.fill("#f-projects", "en.wikipedia.org\nmeta.wikimedia.org")
    page.fill("#f-case", case.reference)
    page.fill("#f-notes", "Private: threats sent by e-mail to the editor's home address.")
    page.click("button:has-text('Propose')")
    expect(page.locator("[data-status=pending]")).to_be_visible()
    reference = page.locator("h1").inner_text().split(":")[0]
    # The proposer is offered no sign-off.
    expect(page.locator("button[value=approve]")).to_have_count(0)

    for role, signer in signers:
        sign_in_browser(signer)
        page.goto(f"{live_server.url}/en/staff/account-actions/{reference}/")
        expect(page.locator("#f-role")).to_have_value(role)
        page.click("button[value=approve]")
        expect(page.locator(f"li[data-role='{role}'] .badge.ok")).to_be_visible()
        if role != EXECUTIVE:
            expect(page.locator("[data-status=pending]")).to_be_visible()
    expect(page.locator("[data-status=approved]")).to_be_visible()

    sign_in_browser(signers[0][1])  # the legal approver drafts the public wording ...
    page.goto(f"{live_server.url}/en/staff/account-actions/{reference}/")
    page.fill("#f-summary", "Banned from all projects for threats of violence against a contributor.")
    page.click("button:has-text('Save the draft')")
    expect(page.locator("[data-draft=summary]")).to_contain_text("threats of violence")
    expect(page.locator("button:has-text('Approve this draft')")).to_have_count(0)  # not their own draft
    sign_in_browser(make_staff(LEGAL_APPROVER, username="counsel"))  # ... another approves it
    page.goto(f"{live_server.url}/en/staff/account-actions/{reference}/")
    page.click("button:has-text('Approve this draft and publish it')")
    expect(page.get_by_text("Published as OA-").first).to_be_visible()
    shot(page, "aa-staff-1280")

    page.goto(f"{live_server.url}/en/office-actions/")
    row = page.locator("table.office-log tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Browser Banned")
    expect(row).to_contain_text("Global ban")
    expect(row).not_to_contain_text("Browser Banned Alt")
    assert "home address" not in page.content()
    shot(page, "aa-public-en-1280")

    page.goto(f"{live_server.url}/ar/office-actions/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("table.office-log tbody tr")).to_contain_text("Browser Banned")
    shot(page, "aa-public-ar-1280")
    for width in (390,):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/ar/office-actions/")
        # Nothing but the table scrolls sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        shot(page, f"aa-public-ar-{width}")
        page.goto(f"{live_server.url}/en/office-actions/")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        shot(page, f"aa-public-en-{width}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_refused_proposal_marks_its_fields_and_passes_axe(page, live_server, sign_in_browser, make_staff, make_case,
                                                            language):
    """The proposal form named a wrong case and an end before the start only in the summary at the top: the fields
    were neither marked nor tied to their messages. Each is now aria-invalid and read with its message (core's
    field_errors tags), and the page passes axe in English and Arabic."""
    from tests.security.test_accessibility import AXE, Checker

    case = make_case("harm_report", subject="Threats against an editor")
    sign_in_browser(make_staff(REVIEWER, username="proposer"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{language}/staff/account-actions/new/")
    page.select_option("#f-action_type", "lock")
    page.select_option("#f-ground", "threats")
    page.fill("#f-accounts", "Browser Locked")
    page.fill("#f-projects", "en.wikipedia.org")
    page.fill("#f-case", "RD-0000-NOPE")
    page.click("form.stack-form button[type=submit]")
    field = page.locator("#f-case")
    expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby").split()
    said = [page.evaluate("id => document.getElementById(id).textContent", ref) for ref in described]
    assert any("RD-0000-NOPE" in text for text in said), said
    checker = Checker(page, live_server.url, AXE.read_text())
    checker.check_current("refused account-action proposal", language)
    assert not checker.problems, checker.problems
    shot(page, f"account-action-refused-{language}-390")
    page.fill("#f-case", case.reference)
    page.fill("#f-ends_on", "2020-01-01")
    page.click("form.stack-form button[type=submit]")
    expect(page.locator("#f-case")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-ends_on")).to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_each_day_on_the_public_log_stays_on_one_line_at_1280_px(page, live_server, make_staff, propose, publish,
                                                                 language):
    """At 1280 px the date column wrapped after the comma ("8 December,↵2026", "8 ديسمبر،↵2026"): a day is one
    word (core's |day), on one line however narrow its column is drawn."""
    import datetime

    def approved(action):
        for role in action.required_roles:
            action = services.sign(action, make_staff(role), role=role, decision="approve")
        return action

    from rightsdesk.accountactions import services

    ban = approved(propose(make_staff(REVIEWER), "event_ban", accounts="An Account With A Rather Long User Name",
                           projects="en.wikipedia.org\nde.wikipedia.org\ncommons.wikimedia.org\nmeta.wikimedia.org",
                           starts_on=datetime.date(2026, 12, 8), ends_on=datetime.date(2027, 9, 30)))
    publish(ban, "Banned from the conference and its online spaces for repeated harassment of several participants "
                 "after earlier warnings, as the friendly space policy provides; the ban ends on the day given.")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/{language}/office-actions/")
    days = page.locator("table.office-log tbody tr td:first-child time")
    expect(days).to_have_count(2)
    # The lines a day is drawn on: its boxes (a right-to-left day is several boxes on one line, their tops a pixel or
    # two apart by font) counted as a new line where a top is half a letter's height below the one before.
    lines = days.evaluate_all("""els => els.map(e => {
        const half = parseFloat(getComputedStyle(e).fontSize) / 2;
        const tops = [...e.getClientRects()].map(r => r.top).sort((a, b) => a - b);
        return [e.textContent, tops.filter((top, i) => i === 0 || top - tops[i - 1] > half).length];
    })""")
    assert all(count == 1 for _, count in lines), lines
