"""In Chromium: a counter-notice whose 14 business days have passed is escalated by the tick and shown to the
legal approver on the case page, with the step to take, the rule's source and the forms to change the deadline."""

from __future__ import annotations

import importlib
from datetime import datetime, timezone as dt_timezone

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from rightsdesk.cases import choices as c
from rightsdesk.clocks import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_overdue_counter_notice_escalated_to_the_legal_approver_shows_on_the_case_page(
        page, live_server, make_case, make_staff, sign_in_browser):
    # The shipped rules, written again: a transactional test before this one may have flushed them, and
    # "migrate clocks 0002" is a no-op on a database that already has the migration.
    importlib.import_module("rightsdesk.clocks.migrations.0002_default_rules").add_rules(django_apps, None)
    case = make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US",
                     received_at=datetime(2026, 6, 26, 15, tzinfo=dt_timezone.utc))
    [escalated] = [clock for clock in services.expire_due(now=datetime(2026, 7, 18, 12, tzinfo=dt_timezone.utc))
                   if clock.case_id == case.pk]
    approver = make_staff("legal approver")
    sign_in_browser(approver)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/staff/cases/{case.reference}/")
    panel = page.locator("#clocks")
    expect(panel.get_by_text("Deadline passed: escalated to the legal approvers.")).to_be_visible()
    expect(panel.get_by_text("restore the items unless a lawsuit by the claimant was recorded")).to_be_visible()
    expect(panel.get_by_text("17 U.S.C. § 512(g)(2)(C)")).to_be_visible()
    expect(panel.get_by_text("2026-07-17 23:59 (America/New_York) · 2026-07-18 03:59 UTC")).to_be_visible()
    expect(panel.get_by_text("Overdue")).to_be_visible()
    # The approver may type another deadline (a court's return date): a refusal keeps what was typed and says
    # what to fix; a date still ahead makes the clock run again.
    panel.get_by_text("Type the deadline").click()
    page.fill(f"#override-due-{escalated.pk}", "2026-01-15")
    page.fill(f"#override-reason-{escalated.pk}", "The court set its return date.")
    page.get_by_role("button", name="Record the deadline").click()
    expect(page.get_by_text("The deadline cannot be before the clock started (2026-06-26).")).to_be_visible()
    expect(page.locator(f"#override-due-{escalated.pk}")).to_have_value("2026-01-15")
    expect(page.locator(f"#override-reason-{escalated.pk}")).to_have_value("The court set its return date.")
    page.fill(f"#override-due-{escalated.pk}", "2030-01-15")
    page.get_by_role("button", name="Record the deadline").click()
    expect(panel.get_by_text("Computed: 2026-07-17 23:59")).to_be_visible()
    expect(panel.get_by_text("The court set its return date.")).to_be_visible()
    expect(panel.get_by_text("2030-01-15 23:59 (America/New_York)")).to_be_visible()
    expect(panel.get_by_text("Deadline passed")).to_have_count(0)
