"""The issue's acceptance test, in Chromium: a court order forwarded by a colleague becomes, after one click in the
inbox, a request for user information in the name of the court, with the PDF attached, its deadlines counted
from the e-mail's date and the forwarder recorded; the same message page in Arabic reads right to left.
Screenshots (English and Arabic, 1280 and 390 px wide) go to $RIGHTSDESK_SCREENSHOTS when it is set."""

from __future__ import annotations


import pytest
from playwright.sync_api import expect

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.intake.models import Attachment
from rightsdesk.mail import services
from rightsdesk.mail.models import InboundMessage
from rightsdesk.review import deadlines
from tests import screenshots

from .corpus import eml, make_inboxes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def shoot(page, name: str) -> None:
    screenshots.keep(page, f"{name}.png", full_page=True)


def test_a_forwarded_court_order_becomes_a_user_data_request_in_the_courts_name_in_one_click(
        page, live_server, make_staff, sign_in_browser, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_inboxes()
    message = services.receive_message("legal", eml("forwarded_court_order_attached.eml")).message
    sign_in_browser(make_staff("reviewer"))

    # In Arabic the message page reads right to left, and offers the same one click.
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/ar/staff/inbox/{message.pk}/")
        assert page.evaluate("document.documentElement.dir") == "rtl"
        expect(page.locator("#open-as")).to_be_visible()
        assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
        shoot(page, f"inbox-message-ar-{width}")
        # Nothing sticks out sideways at phone width.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().left < -1 || "
            "e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + "
            "'#' + e.id + ' ' + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right))")
    page.goto(f"{live_server.url}/ar/staff/inbox/")
    shoot(page, "inbox-list-ar-390")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/staff/inbox/")
    shoot(page, "inbox-list-en-1280")
    page.get_by_role("link", name=f"Message {message.pk}", exact=True).click()
    expect(page.get_by_text("Clerk of Court, S.D.N.Y. <clerk@nysd.uscourts.gov>", exact=True)).to_be_visible()
    expect(page.get_by_text("sam.colleague@demo.invalid", exact=True)).to_be_visible()  # the colleague who forwarded it
    expect(page.locator("#quick-legal_process")).to_have_value("court_order")
    expect(page.locator("#quick-requester_type")).to_have_value("court")
    shoot(page, "inbox-message-en-1280")
    page.set_viewport_size({"width": 390, "height": 900})
    shoot(page, "inbox-message-en-390")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.get_by_role("button", name="Open as Request for user information").click()

    case = Case.objects.get()
    expect(page.locator("h1 .ref")).to_have_text(case.reference)
    shoot(page, "case-from-message-en-390")
    assert (case.kind, case.source) == (c.Kind.USER_DATA_REQUEST, c.Source.EMAIL)
    requester = case.parties.get(role=c.PartyRole.REQUESTER)
    assert requester.email == "clerk@nysd.uscourts.gov" and case.requester_type == c.RequesterType.COURT
    assert case.legal_process == c.LegalProcess.COURT_ORDER
    pdf = Attachment.objects.get(case=case, content_type="application/pdf")
    assert pdf.original_name.endswith(".pdf")
    message.refresh_from_db()
    assert case.received_at == message.sent_at  # the e-mail's date, not the click's
    assert case.due_at == deadlines.due_for(case, message.sent_at)
    assert CaseHistory.objects.filter(case=case, reason__contains="Forwarded by sam.colleague@demo.invalid").exists()
    assert message.status == InboundMessage.Status.FILED and message.case == case
