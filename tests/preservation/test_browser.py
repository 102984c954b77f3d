"""In Chromium: a legal approver records a preservation request on the case page, records what was preserved,
renews it once (then the renewal form gives way to "the law allows no further renewal"; the service's refusal of a
second renewal is tested in test_services.py), and releases it; refused forms keep what was typed and say what to
fix. The panel is checked in English and in Arabic (right to left)."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from rightsdesk.cases import choices as c
from rightsdesk.preservation.models import Preservation, State
from tests import screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name):
    screenshots.keep(page.locator("#preservation"), name)


def test_staff_record_renew_once_and_release_a_preservation_in_english_and_arabic(
        page, live_server, make_case, make_staff, sign_in_browser):
    # The shipped rules, written again: a transactional test before this one may have flushed them.
    importlib.import_module("rightsdesk.clocks.migrations.0002_default_rules").add_rules(django_apps, None)
    importlib.import_module("rightsdesk.clocks.migrations.0004_preservation_kind").forwards(django_apps, None)
    case = make_case(c.Kind.PRESERVATION_REQUEST, country="US", authority_country="US",
                     requester_type=c.RequesterType.LAW_ENFORCEMENT, requester_organisation="FBI Field Office",
                     law_invoked="18 U.S.C. § 2703(f)", received_at=timezone.now() - timedelta(days=2),
                     parties=[], items=[])
    sign_in_browser(make_staff("legal approver", "reviewer"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/staff/cases/{case.reference}/")
    panel = page.locator("#preservation")
    # Prefilled from the case; without an account the request is refused and what was typed stays.
    expect(page.locator("#pr-authority_name")).to_have_value("FBI Field Office")
    page.fill("#pr-authority_reference", "FBI-26-0412")
    page.fill("#pr-accounts", "   ")  # blank for the server, not for the browser's own check of "required"
    page.get_by_role("button", name="Record the request").click()
    expect(panel.get_by_text("Name at least one account, one per line.")).to_be_visible()
    expect(page.locator("#pr-authority_reference")).to_have_value("FBI-26-0412")
    page.fill("#pr-accounts", "Riverbank42\nRiverbank42-alt")
    page.get_by_role("button", name="Record the request").click()
    expect(page.get_by_text("The preservation request was recorded.")).to_be_visible()
    expect(panel.get_by_text("Riverbank42-alt", exact=True)).to_be_visible()
    # What was preserved is described in words: an IP address is refused, the text is kept to correct.
    panel.get_by_text("Records preserved", exact=True).click()
    page.fill("#pr-systems_reference", "Legal-hold store, snapshot LH-0412")
    page.fill("#pr-preserved_description", "Sign-in logs, including 203.0.113.7")
    page.get_by_role("button", name="Record the preservation").click()
    expect(panel.get_by_text("The description contains an e-mail or IP address")).to_be_visible()
    expect(page.locator("#pr-systems_reference")).to_have_value("Legal-hold store, snapshot LH-0412")
    page.fill("#pr-preserved_description", "Sign-in logs and IP addresses of the two accounts, last 90 days.")
    page.get_by_role("button", name="Record the preservation").click()
    expect(page.get_by_text("The preservation was recorded: the 90 days run.")).to_be_visible()
    expect(panel.get_by_text("End of the 90 days")).to_be_visible()
    # Renewed once; the second renewal is refused with the law's reason.
    panel.get_by_text("Renew for 90 days").click()
    page.fill("#pr-reason", "Renewed request of the FBI, same reference")
    page.get_by_role("button", name="Renew the preservation").click()
    expect(page.get_by_text("The preservation was renewed for 90 days.")).to_be_visible()
    expect(panel.get_by_text("End of the renewal", exact=True)).to_be_visible()
    expect(panel.get_by_text("Renewed once: the law allows no further renewal")).to_be_visible()
    expect(page.locator("#pr-reason")).to_have_count(0)
    _shot(page, "preservation-en-renewed.png")
    page.goto(f"{live_server.url}/ar/staff/cases/{case.reference}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#preservation").get_by_text("نهاية التجديد", exact=True)).to_be_visible()
    _shot(page, "preservation-ar-renewed.png")
    page.goto(f"{live_server.url}/en/staff/cases/{case.reference}/")
    panel.get_by_text("Release the records", exact=True).click()
    page.fill("#pr-release_note", "The legal-hold snapshot LH-0412 was deleted.")
    page.get_by_role("button", name="Record the release").click()
    expect(page.get_by_text("The release was recorded.")).to_be_visible()
    expect(panel.get_by_text("The legal-hold snapshot LH-0412 was deleted.")).to_be_visible()
    preservation = Preservation.objects.get(case=case)
    assert (preservation.state, preservation.accounts_count) == (State.RELEASED, 2)
    _shot(page, "preservation-en-released.png")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/ar/staff/cases/{case.reference}/")
    _shot(page, "preservation-ar-390.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1


def test_the_preservation_panel_and_its_refused_form_pass_axe_in_english_and_arabic(
        page, live_server, make_case, make_staff, sign_in_browser):
    """The axe check of every staff page (tests/security/test_accessibility.py) opens the case page, but never a
    preservation request's, nor one of its forms refused: the panel, then a refused request, in both directions."""
    from tests.security.test_accessibility import AXE, Checker

    case = make_case(c.Kind.PRESERVATION_REQUEST, country="US", authority_country="US",
                     requester_type=c.RequesterType.LAW_ENFORCEMENT, requester_organisation="FBI Field Office",
                     law_invoked="18 U.S.C. § 2703(f)", received_at=timezone.now() - timedelta(days=2),
                     parties=[], items=[])
    sign_in_browser(make_staff("legal approver", "reviewer"))
    checker = Checker(page, live_server.url, AXE.read_text())
    for lang in ("en", "ar"):
        checker.visit("preservation panel", lang, f"/staff/cases/{case.reference}/")
        page.fill("#pr-legal_basis", "   ")  # blank for the server, not for the browser's own check of "required"
        page.fill("#pr-accounts", "Riverbank42")
        with page.expect_navigation():
            page.locator("#preservation form button[type=submit]").first.click()
        expect(page.locator("#pr-legal_basis")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#pr-legal_basis")).to_have_attribute("aria-describedby", "pr-basis-help pr-legal_basis-error")
        _shot(page, f"preservation-{lang}-refused.png")
        checker.check_current("refused preservation request", lang)
    assert not checker.problems, "\n".join(checker.problems)
