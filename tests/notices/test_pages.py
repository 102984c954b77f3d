"""Staff pages and the case panel: permissions, private data behind access_private_data, audit entries."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from rightsdesk.audit.models import AuditEntry
from rightsdesk.notices import panels
from rightsdesk.notices.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(takedown, decide, staff):
    return decide(takedown(), staff["reviewer"])


def test_the_outbox_lists_notices_to_do_for_staff_with_the_view_permission(decided, staff, client, make_staff):
    client.force_login(staff["reviewer"])
    page = client.get("/en/staff/notices/")
    assert page.status_code == 200
    assert decided.reference in page.content.decode()
    client.force_login(make_staff(username="no-role"))
    assert client.get("/en/staff/notices/").status_code == 403


def test_an_arabic_outbox_keeps_a_reference_and_a_mail_servers_error_in_their_order(decided, staff, client):
    """"{'[address]': (550, b'5.1.1 Mailbox unavailable')}" came out scrambled right to left, and a reference broke
    at its hyphen: both are isolated left to right (the reference kept whole by its class, site.css)."""
    error = "SMTPRecipientsRefused: {'[address]': (550, b'5.1.1 Mailbox unavailable')}"
    Notice.objects.filter(case=decided).update(status=Notice.Status.FAILED, last_error=error)
    notice = Notice.objects.filter(case=decided).first()
    client.force_login(staff["reviewer"])
    outbox = client.get("/ar/staff/notices/?status=failed").content.decode()
    page = client.get(f"/ar/staff/notices/{notice.pk}/").content.decode()

    assert f'<bdi dir="ltr" class="ref">{decided.reference}</bdi>' in outbox
    assert '<bdi dir="ltr">SMTPRecipientsRefused: {&#x27;[address]&#x27;: (550' in outbox
    assert '<bdi dir="ltr">SMTPRecipientsRefused: {&#x27;[address]&#x27;: (550' in page


@pytest.mark.parametrize("notice_language, page_language, direction", [
    ("en", "ar", "ltr"),  # "Hello," on an Arabic page: its comma stays after the word
    ("ar", "en", "rtl"),
    ("fa", "ar", "rtl"),
    ("de", "en", "ltr"),
])
def test_a_notice_is_shown_in_its_own_languages_direction_whatever_the_pages(
        decided, staff, client, notice_language, page_language, direction):
    Notice.objects.filter(case=decided).update(status=Notice.Status.SENT, language=notice_language)
    notice = Notice.objects.filter(case=decided).first()
    client.force_login(staff["reviewer"])
    page = client.get(f"/{page_language}/staff/notices/{notice.pk}/").content.decode()
    assert f'<pre class="notice-body" lang="{notice_language}" dir="{direction}">' in page
    assert f'<h3 lang="{notice_language}" dir="{direction}">' in page


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/en/staff/notices/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_reading_a_notice_is_audited_and_needs_private_data_access(decided, staff, client, make_staff):
    notice = decided.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    client.force_login(staff["reviewer"])
    text = client.get(f"/en/staff/notices/{notice.pk}/").content.decode()
    assert "uploader1@users.example.net" in text and "art. 17" in text  # the French statement of reasons
    assert "[the recipient&#x27;s private appeal link, added when sent]" in text or "appeal link" in text
    assert AuditEntry.objects.filter(action="view_notice", case=decided).count() == 1

    auditor = make_staff("auditor", username="auditor")
    client.force_login(auditor)
    text = client.get(f"/en/staff/notices/{notice.pk}/").content.decode()
    assert "uploader1@" not in text and "private data" in text
    assert client.post(f"/en/staff/notices/{notice.pk}/send/").status_code == 403


def test_sending_from_the_notice_page_sends_it_at_once(decided, staff, client, database_tasks):
    # The first attempt is made right away: a notice left "queued" after approval invites a second send.
    notice = decided.notices.get(purpose=Notice.Purpose.DECISION)
    client.force_login(staff["reviewer"])
    response = client.post(f"/en/staff/notices/{notice.pk}/send/")
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT and notice.approved_by == staff["reviewer"]


def test_the_edit_form_reports_what_to_fix(decided, staff, client):
    notice = decided.notices.get(purpose=Notice.Purpose.DECISION)
    client.force_login(staff["reviewer"])
    response = client.post(f"/en/staff/notices/{notice.pk}/edit/", {"subject": "x", "body": "No link."}, follow=True)
    assert "[[appeal-link]]" in response.content.decode()
    notice.refresh_from_db()
    assert "No link." not in notice.body


def test_the_case_panel_shows_notices_and_holds(decided, staff):
    from rightsdesk.notices import services

    services.place_hold(decided, staff["approver"], reason="Gag order 99.")
    request = RequestFactory().get("/en/staff/cases/x/")
    request.user = staff["other"]
    [panel] = panels.case_panels(request, decided)
    assert panel["title"] == "Notices and legal holds"
    assert "Statement of reasons" in panel["html"] and "Gag order 99." in panel["html"]


def test_the_panels_recipient_names_the_notices_language_code_kept_left_to_right(decided, staff):
    """"Requester (de)", "Affected user (pt-br)": in an Arabic case page the code is isolated left to right."""
    import re

    request = RequestFactory().get("/ar/staff/cases/x/")
    request.user = staff["other"]
    [panel] = panels.case_panels(request, decided)
    cells = re.findall(r"<tr><td>.*?</td><td>(.*?)</td>", panel["html"])
    languages = sorted(decided.notices.values_list("language", flat=True))
    assert len(cells) == len(languages) and all(re.search(r'\(<bdi dir="ltr">[a-z-]+</bdi>\)$', c) for c in cells), cells
    assert sorted(re.search(r'<bdi dir="ltr">([a-z-]+)</bdi>', c).group(1) for c in cells) == languages


def test_the_panel_is_hidden_from_staff_without_the_view_permission(decided, make_staff):
    request = RequestFactory().get("/")
    request.user = make_staff(username="nobody")
    assert panels.case_panels(request, decided) == []


def test_the_review_case_page_shows_the_notices_panel(decided, staff, client):
    from django.urls import reverse

    url = reverse("review:case", kwargs={"reference": decided.reference})
    client.force_login(staff["other"])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Notices and legal holds" in text and f"/en/staff/notices/cases/{decided.pk}/send-all/" in text


#: A cancellation refused: (what happened to the notice meanwhile, the reason typed, the status, what the page says).
REFUSED_CANCELLATIONS = [
    (None, "   ", 400, "Say why this notice will not be sent."),
    (Notice.Status.SENT, "The affected user closed their account last week; nobody reads this address.", 409,
     "cannot be cancelled"),
]


@pytest.mark.parametrize(("meanwhile", "typed", "status", "said"), REFUSED_CANCELLATIONS)
def test_a_refused_cancellation_comes_back_with_the_reason_that_was_typed(decided, staff, client, meanwhile, typed,
                                                                          status, said):
    notice = decided.notices.get(purpose=Notice.Purpose.DECISION)
    if meanwhile:  # the delivery worker or a colleague got there first
        Notice.objects.filter(pk=notice.pk).update(status=meanwhile)
    client.force_login(staff["reviewer"])
    response = client.post(f"/en/staff/notices/{notice.pk}/cancel/", {"reason": typed})
    page = response.content.decode()
    assert response.status_code == status and said in page and 'id="error-summary"' in page
    assert f"{typed}</textarea>" in page
    notice.refresh_from_db()
    assert notice.status != Notice.Status.CANCELLED


def test_the_panel_shows_a_delivery_error_without_the_recipients_address(decided, staff, immediate_tasks,
                                                                          monkeypatch):
    import smtplib

    from rightsdesk.notices import delivery, services

    class Refusing:
        def send(self, message):
            raise smtplib.SMTPRecipientsRefused({"erika@localhost": (550, b"5.1.1 <erika@localhost>: rejected")})

    monkeypatch.setattr(delivery, "get_notifier", lambda: Refusing())
    services.send_notice(decided.notices.get(purpose=Notice.Purpose.DECISION), staff["reviewer"])
    request = RequestFactory().get("/en/staff/cases/x/")
    request.user = staff["other"]
    [panel] = panels.case_panels(request, decided)
    assert "SMTPRecipientsRefused" in panel["html"] and "erika" not in panel["html"]


def test_an_arabic_panel_keeps_the_sent_date_left_to_right(decided, staff):
    from datetime import datetime, timezone as dt_timezone

    from django.utils import translation

    Notice.objects.filter(case=decided).update(status=Notice.Status.SENT,
                                               sent_at=datetime(2026, 12, 5, 9, tzinfo=dt_timezone.utc))
    request = RequestFactory().get("/ar/staff/cases/x/")
    request.user = staff["other"]
    with translation.override("ar"):
        [panel] = panels.case_panels(request, decided)
    assert '<bdi dir="ltr" class="whole">2026-12-05</bdi>' in panel["html"]


def test_in_arabic_the_references_addresses_dates_and_reasons_of_notices_and_holds_are_set_apart(
        decided, staff, client):
    """Each left-to-right run in an Arabic sentence or list is isolated, so it keeps its order and its neighbours
    theirs: the case in the notice page's way back, the recipient's address, a hold's end date and the day it was
    lifted, a hold's reason typed in English in the case panel."""
    from datetime import timedelta

    from django.utils import timezone, translation

    from rightsdesk.notices import services

    until = timezone.now() + timedelta(days=40)
    hold = services.place_hold(decided, staff["approver"], reason="Gag order 99.", until=until,
                               scope="all")
    services.lift_hold(services.place_hold(decided, staff["approver"], reason="Old order."), staff["approver"],
                       "The court lifted it.")
    notice = decided.notices.get(purpose=Notice.Purpose.DECISION)
    assert notice.hold_id == hold.pk and notice.party.email
    client.force_login(staff["approver"])
    page = client.get(f"/ar/staff/notices/{notice.pk}/").content.decode()
    holds = client.get("/ar/staff/notices/holds/?show=all").content.decode()
    request = RequestFactory().get("/ar/staff/cases/x/")
    request.user = staff["approver"]
    with translation.override("ar"):
        [panel] = panels.case_panels(request, decided)
    today = timezone.localdate().isoformat()

    runs = [
        (page, f'<bdi dir="ltr" class="ref">{decided.reference}</bdi></a>'),
        (page, f"<bdi>{notice.party.email}</bdi>"),
        (page, f'<bdi dir="ltr" class="whole">{timezone.localtime(until).date().isoformat()}</bdi>'),
        (holds, f'<bdi dir="ltr" class="whole">{today}</bdi>'),
        (panel["html"], "<bdi>Gag order 99.</bdi>"),
    ]
    assert [run for html, run in runs if run not in html] == []
