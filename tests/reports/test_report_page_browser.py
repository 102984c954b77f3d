"""The report pages in Chromium: sections fold and open when linked, print in full, and a wrong range is explained in place."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_report_figures import SECTIONS  # the report's sections in page order: one list for both tests

pytestmark = pytest.mark.browser


def test_a_reversed_range_is_explained_next_to_the_last_day_and_the_fields_stay_where_they_were(page, live_server, db):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/en/transparency/")
        before = {name: page.locator(f"#report-{name}").bounding_box() for name in ("from", "to")}
        page.fill("#report-from", "2026-03-01")
        page.fill("#report-to", "2026-01-01")
        page.get_by_role("button", name="Show the report").click()
        summary = page.locator(".error-summary")
        expect(summary).to_be_visible()
        # Neither date field is pushed sideways by the error, nor out of the screen.
        for name in ("from", "to"):
            box = page.locator(f"#report-{name}").bounding_box()
            assert box["x"] == before[name]["x"], f"{name} moved from x={before[name]['x']} to x={box['x']} at {width} px"
            assert box["x"] + box["width"] <= width
        # The error says what to fix, and the page title that there is one.
        expect(summary).to_contain_text("before the first day")
        assert page.title().startswith("Error:")
        # What was typed is kept, the field to correct is marked and says why, and it has the focus.
        expect(page.locator("#report-from")).to_have_value("2026-03-01")
        expect(page.locator("#report-to")).to_have_value("2026-01-01")
        expect(page.locator("#report-to")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#report-to-error")).to_contain_text("swap the two dates")
        expect(page.locator("#report-to")).to_be_focused()
        expect(summary).to_be_in_viewport()
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_report_folds_into_sections_that_open_when_linked_even_without_javascript_and_all_print(
        page, live_server, browser, make_case):
    make_case(country="FR")
    url = f"{live_server.url}/en/transparency/2026-H1/"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    details = page.locator(".report-section > details")
    assert details.count() == len(SECTIONS)
    # The page opens on the overview, every other section folded: a short page with a table of contents.
    assert page.evaluate("[...document.querySelectorAll('.report-section > details')].map(d => d.open)") == \
        [True] + [False] * (len(SECTIONS) - 1)
    assert page.evaluate("document.documentElement.scrollHeight") < 4000
    toc = page.locator("nav.report-toc a[href^='#']")
    assert [toc.nth(i).get_attribute("href") for i in range(toc.count())] == [f"#{key}" for key in SECTIONS]
    # Choosing a section in the contents opens it; its title opens and closes it.
    expect(page.locator("#user_data-accounts table")).to_be_hidden()
    page.click("nav.report-toc a[href='#user_data']")
    expect(page.locator("#user_data-accounts table")).to_be_visible()
    page.click("#harm-heading")
    expect(page.locator("#harm-summary table")).to_be_visible()
    page.click("#harm-heading")
    expect(page.locator("#harm-summary table")).to_be_hidden()
    # Printed, every section is there.
    page.emulate_media(media="print")
    expect(page.locator("#actions-by_action table")).to_be_visible()
    expect(page.locator("#harm-summary table")).to_be_visible()
    page.emulate_media(media="screen")
    # "Open every section" works without JavaScript.
    page.click(".report-toc-all a")
    assert page.evaluate("[...document.querySelectorAll('.report-section > details')].every(d => d.open)")

    # Without JavaScript, a link to a section or to a table opens its section too.
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    try:
        bare = context.new_page()
        bare.goto(f"{url}#emergency")
        expect(bare.locator("#emergency-origin table")).to_be_visible()
        bare.goto(f"{url}#copyright-trademark")
        expect(bare.locator("#copyright-trademark table")).to_be_visible()
        expect(bare.locator("#appeals-summary table")).to_be_hidden()
    finally:
        context.close()


def test_the_report_with_comparisons_trend_and_shares_fits_phones_and_desktops_in_english_and_arabic(
        page, live_server, browser, make_case):
    from datetime import datetime, timezone

    from rightsdesk.cases import choices as c

    make_case(received_at=datetime(2025, 9, 1, 12, tzinfo=timezone.utc), outcome="granted")
    for requester, outcome in [(c.RequesterType.COURT, "granted"), (c.RequesterType.INDIVIDUAL, "rejected"),
                               (c.RequesterType.GOVERNMENT, "partially_granted")]:
        make_case(requester_type=requester, outcome=outcome, country="FR")
    for language in ("en", "ar"):
        url = f"{live_server.url}/{language}/transparency/2026-H1/"
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            expect(page.locator("#chart-overview-trend")).to_be_visible()
            expect(page.locator("#compared-with")).to_be_visible()
            page.click("nav.report-toc a[href='#content']")
            expect(page.locator("#share-content-requester_type")).to_be_visible()
            page.click("nav.report-toc a[href='#santa_clara']")
            expect(page.locator("#santa_clara-flags_by_source table")).to_be_visible()
            # Wide tables scroll inside their own box; the page itself never scrolls sideways.
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (language, width)
            if language == "ar":  # the share bars grow from the right
                box = page.locator("#share-content-requester_type rect").first.bounding_box()
                chart = page.locator("#share-content-requester_type").bounding_box()
                assert box["x"] + box["width"] > chart["x"] + chart["width"] / 2
    # Without JavaScript, on a phone, a link to the Santa Clara section opens it.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    try:
        bare = context.new_page()
        bare.goto(f"{live_server.url}/ar/transparency/2026-H1/#santa_clara")
        expect(bare.locator("#santa_clara-appeals table")).to_be_visible()
        expect(bare.locator("#content-summary table")).to_be_hidden()
        assert bare.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
