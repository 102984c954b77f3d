"""In Chromium at 1280 px: the staff queue shows a case's overdue statutory clock, in English and in Arabic (right
to left), with the rule and its source; the rule editor refuses a rule it cannot compute, keeping what was typed."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.clocks import services
from rightsdesk.clocks.models import Clock
from tests import screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name):
    screenshots.keep(page, name, full_page=False)


def test_the_queue_shows_an_overdue_statutory_clock_in_english_and_arabic_and_the_editor_refuses_a_bad_rule(
        page, live_server, make_case, make_staff, sign_in_browser):
    # The shipped rules, written again: a transactional test before this one may have flushed them.
    importlib.import_module("rightsdesk.clocks.migrations.0002_default_rules").add_rules(django_apps, None)
    now = timezone.now()
    case = make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US", received_at=now - timedelta(days=30),
                     subject="Counter-notice for File:Harbour.jpg")
    [clock] = services.start_clocks(case)
    Clock.objects.filter(pk=clock.pk).update(due_at=now - timedelta(hours=3, minutes=10))
    Case.objects.filter(pk=case.pk).update(due_at=now + timedelta(days=3))  # only the statutory clock is late
    sign_in_browser(make_staff("reviewer", "administrator"))
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/en/staff/?view=overdue")
    cell = page.locator("td.due .statutory").first
    expect(cell).to_contain_text("overdue by 3")
    expect(cell).to_contain_text("Copyright counter-notice: restore the")
    expect(cell).to_contain_text("17 U.S.C. § 512(g)(2)(C)")
    expect(cell.locator(".badge.danger")).to_have_text("Overdue")
    _shot(page, "queue-en.png")

    page.goto(f"{live_server.url}/ar/staff/?view=overdue")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    cell = page.locator("td.due .statutory").first
    expect(cell).to_contain_text("متأخرة بمقدار")
    expect(cell).to_contain_text("17 U.S.C. § 512(g)(2)(C)")
    # Right to left: the statutory deadline sits in the "Due" column, aligned to its right edge.
    due_box = page.locator("td.due").first.bounding_box()
    statutory_box = cell.locator("time").bounding_box()  # a block as wide as its text, at the line's start
    assert abs((statutory_box["x"] + statutory_box["width"]) - (due_box["x"] + due_box["width"])) < 12
    # The queue fits 1280 px: nothing to scroll sideways.
    assert page.evaluate("() => { const w = document.querySelector('.table-wrap'); return w.scrollWidth <= w.clientWidth }")
    _shot(page, "queue-ar.png")

    # The rule editor: a jurisdiction without a holiday calendar and no reason are refused, what was typed kept.
    page.goto(f"{live_server.url}/en/staff/clocks/rules/new/")
    page.fill("#id_key", "xx-test")
    page.fill("#id_name", "Test rule")
    page.fill("#id_jurisdiction", "XX")
    page.select_option("#id_clock_type", "business_days")
    page.fill("#id_duration", "0")
    page.select_option("#id_start_event", "received")
    page.select_option("#id_on_expiry", "alert")
    page.fill("#id_source", "Test Act, s. 1")
    page.get_by_role("button", name="Create the rule").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(page.locator("#id_duration_error")).to_contain_text("Type a whole number of 1 or more.")
    expect(page.locator("#id_reason_error")).to_contain_text("Say why the rule is changed")
    expect(page.locator("#id_name")).to_have_value("Test rule")
    page.fill("#id_duration", "5")
    page.fill("#id_reason", "Test.")
    page.get_by_role("button", name="Create the rule").click()
    expect(page.locator("#id_jurisdiction_error")).to_contain_text("No calendar of public holidays is known")
    _shot(page, "editor-refused-en.png")
    page.fill("#id_jurisdiction", "FR")
    page.get_by_role("button", name="Create the rule").click()
    expect(page.get_by_role("link", name="Test rule")).to_be_visible()
    _shot(page, "rules-en.png")
