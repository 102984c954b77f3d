"""In Chromium: declare a crisis → its case first in the queue with a badge → the dashboard (English); the public
human-rights report in Arabic; at 1280 and 390 px."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rightsdesk.cases import choices as c
from tests import screenshots

pytestmark = pytest.mark.browser

def shot(page, name):
    screenshots.keep(page, f"{name}.png", full_page=True)


def no_sideways_scroll(page, width):
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width + 1, f"the page scrolls sideways at {width} px ({overflow} px wide)"


def test_declare_a_crisis_see_its_case_first_in_the_queue_and_on_the_dashboard_then_the_report_in_arabic(
        page, live_server, make_staff, make_case, sign_in_browser, people):
    from rightsdesk.crisis import services

    safety = make_staff("trust and safety", username="coordinator")
    older = make_case(c.Kind.CONTENT_TAKEDOWN, country="DE", received_at=timezone.now() - timedelta(days=2))
    request = make_case(c.Kind.USER_DATA_REQUEST, country="TR", received_at=timezone.now(),
                        items=[{"url": "https://tr.wikipedia.org/wiki/Kullanıcı:Editor1", "project": "tr.wikipedia.org",
                                "item_type": c.ItemType.ACCOUNT, "account_name": "Editor1"}])
    sign_in_browser(safety)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/staff/crises/new/")
    # A wrong country code is explained and what was typed stays.
    page.fill("#c-title", "Election in Türkiye")
    page.select_option("#c-kind", "election")
    page.fill("#c-countries", "TR, XX")
    page.get_by_role("button", name="Declare the crisis").click()
    expect(page.locator(".error-summary")).to_contain_text("XX")
    expect(page.locator("#c-title")).to_have_value("Election in Türkiye")
    page.fill("#c-countries", "TR")
    page.get_by_role("button", name="Declare the crisis").click()
    # The dashboard: the crisis and its tagged case.
    expect(page.get_by_role("heading", level=1)).to_have_text("Election in Türkiye")
    expect(page.locator("table.crisis-cases")).to_contain_text(request.reference)
    expect(page.locator("table.crisis-cases")).not_to_contain_text(older.reference)
    shot(page, "crisis-dashboard-1280")
    # The queue: the crisis case comes before the older ordinary case, with its badge.
    page.goto(f"{live_server.url}/en/staff/")
    row = page.locator("tr", has=page.locator(f"a:text-is('{request.reference}')"))
    expect(row.locator(".badge.crisis")).to_have_text("Crisis")
    refs = page.locator("td.ref-cell a.ref").all_inner_texts()
    assert refs.index(request.reference) < refs.index(older.reference)
    shot(page, "crisis-queue-1280")
    # The case page shows the crisis badge linking to the dashboard.
    row.locator("a.ref").click()
    expect(page.locator(".badges .badge.crisis")).to_contain_text("Election in Türkiye")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/en/staff/crises/")
        page.get_by_role("link", name="Election in Türkiye").click()
        expect(page.locator("table.crisis-cases")).to_contain_text(request.reference)
        no_sideways_scroll(page, width)
        shot(page, f"crisis-dashboard-{width}")
    # The public human-rights report in Arabic, with the crisis's reviewed wording.
    from rightsdesk.crisis.models import Crisis

    crisis = Crisis.objects.get(title="Election in Türkiye")
    approver = people["approver1"]
    services.save_public_draft(crisis, people["approver2"], "واجه المحررون حملة منسقة خلال الانتخابات.")
    services.approve_public_wording(crisis, approver, text="واجه المحررون حملة منسقة خلال الانتخابات.")
    year = timezone.localdate().year
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/ar/transparency/human-rights/{year}/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.locator(".crisis-entry")).to_contain_text("واجه المحررون حملة منسقة")
        expect(page.locator("body")).not_to_contain_text("Election in Türkiye")
        no_sideways_scroll(page, width)
        shot(page, f"hr-report-ar-{width}")
