"""The data page in Chromium, in English and Arabic, wide and narrow: every file's link, size and checksum are
shown, the checksums wrap instead of widening the page, and Arabic is laid out right to left."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rightsdesk.opendata import bulk
from tests import screenshots

from .conftest import publish_all, utc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_data_page_lists_the_files_in_english_and_arabic_at_every_width(page, live_server, decided_case):
    from rightsdesk.cases import choices as c

    for n in range(3):
        decided_case(c.Kind.CONTENT_TAKEDOWN, received_at=utc(2026, 1, 2 + n), decided_at=utc(2026, 1, 20 + n))
    publish_all()
    package = bulk.regenerate(now=utc(2026, 12, 3))
    assert package["periods"] == ["2026-H1"]
    for lang, direction, heading in (("en", "ltr", "Open data"), ("ar", "rtl", "البيانات المفتوحة")):
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}/{lang}/data/")
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            assert page.locator("html").get_attribute("dir") == direction
            expect(page.locator("a[href$='/latest/notices.parquet']")).to_be_visible()
            expect(page.locator("a[href$='/2026-H1/cases.csv.gz']")).to_be_visible()
            assert page.locator(".data-hash code").count() == 2 * 14  # 5 tables × 3 formats, less one empty JSONL
            # Nothing wider than the screen (the 64-character checksums wrap).
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, (lang, width)
            screenshots.keep(page, f"opendata-data-{lang}-{width}.png", full_page=False)
    with page.expect_download() as download:
        page.locator("a[href$='/latest/notices.csv.gz']").click()
    assert download.value.suggested_filename == "notices.csv.gz"
