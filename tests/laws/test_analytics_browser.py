"""The laws analytics in Chromium, in English and Arabic, at 1280 and 390 px: charts drawn without JavaScript, right to
left in Arabic, nothing scrolls sideways, the staff view signed in."""

from __future__ import annotations


import pytest
from playwright.sync_api import expect

from tests import screenshots

from .test_analytics import world  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser



def test_the_analytics_read_in_english_and_arabic_at_both_widths_without_javascript(
        browser, live_server, world, sign_in_browser, page, reviewer):  # noqa: F811
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    tab = context.new_page()
    for lang, heading, direction in (("en", "Laws invoked against free knowledge", "ltr"),
                                     ("ar", "القوانين المستخدمة ضد المعرفة الحرة", "rtl")):
        for width in (1280, 390):
            tab.set_viewport_size({"width": width, "height": 900})
            tab.goto(f"{live_server.url}/{lang}/laws/?period=all")
            expect(tab.get_by_role("heading", level=1)).to_have_text(heading)
            assert tab.locator("html").get_attribute("dir") == direction
            chart = tab.locator("#instruments-by_instrument svg[role=img]")
            expect(chart).to_be_visible()
            expect(tab.locator("#instruments-by_instrument tr[data-row='tr-5651'] td").first).to_have_text("3")
            expect(tab.locator("#trend-by_half_year tr[data-row='2026-H1']")).to_be_visible()
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
            if direction == "rtl":  # the row labels sit at the right edge of the table
                row = tab.locator("#instruments-by_instrument tbody tr").first
                label, number = row.locator("th").bounding_box(), row.locator("td").first.bounding_box()
                assert label["x"] > number["x"]
            screenshots.keep(tab, f"laws-public-{lang}-{width}.png", full_page=True)
    context.close()
    # The staff view, signed in: exact figures, the same tables.
    sign_in_browser(reviewer)
    for lang in ("en", "ar"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/{lang}/staff/laws/analytics/?period=all")
        expect(page.locator("#exact-figures")).to_be_visible()
        expect(page.locator("#instruments-by_instrument tr[data-row='in-it-act-69a'] td").first).to_have_text("3")
        screenshots.keep(page, f"laws-staff-{lang}-1280.png", full_page=True)
