"""In a real browser: an affected user appeals through the link in their notice (Arabic, right to left)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.services import token_digest
from rightsdesk.notices.models import Notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_affected_user_files_an_appeal_in_arabic_from_the_link_in_their_notice(page, live_server, takedown,
                                                                                   decide, staff):
    case = decide(takedown(), staff["reviewer"])
    notice = case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    token = "browser-test-token-" + "x" * 20
    Notice.objects.filter(pk=notice.pk).update(appeal_token_digest=token_digest(token), status=Notice.Status.SENT)

    page.goto(f"{live_server.url}/ar/appeal/{token}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("button", name="أرسل طعني").click()
    expect(page.locator(".error-summary")).to_be_visible()  # nothing written: told what to fix
    page.get_by_label("لماذا ينبغي تغيير القرار؟").fill("هذه الصورة من عملي وقد نشرتها بترخيص حر.")
    page.get_by_role("button", name="أرسل طعني").click()
    page.wait_for_selector("text=تلقينا طعنك")
    appeal = Case.objects.get(kind=c.Kind.APPEAL)
    assert appeal.appeal_of == case and appeal.language == "ar"
    assert appeal.reference in page.content()


def test_staff_see_a_failed_delivery_on_the_outbox_and_retry_it(page, live_server, takedown, decide, staff,
                                                                sign_in_browser, settings, smtp_port, start_smtp,
                                                                immediate_tasks):
    from rightsdesk.notices import services

    settings.RIGHTSDESK_NOTICES = {"MAX_ATTEMPTS": 1}
    case = decide(takedown(), staff["reviewer"])
    notice = case.notices.get(purpose=Notice.Purpose.DECISION)
    services.send_notice(notice, staff["reviewer"])  # the SMTP server is down
    sign_in_browser(staff["reviewer"])

    page.goto(f"{live_server.url}/en/staff/notices/")
    page.get_by_role("link", name="Show failed notices").click()
    page.get_by_role("link", name="Decision to the requester").click()
    assert "ConnectionRefusedError" in page.locator(".facts").inner_text()
    box = start_smtp()
    page.get_by_role("button", name="Retry delivery now").click()
    page.wait_for_selector("text=Delivery queued again.")
    assert page.locator(".facts .badge").inner_text() == "Sent"
    assert [e.rcpt_tos for e in box.envelopes] == [["erika@example.org"]]
