"""The staff "new case" form: a letter, a fax, a phone call or an e-mail typed in by staff.

Rules: any kind through any of the four channels; the date received (not the day it was typed in) is the case's
receipt and starts its deadlines and statutory clocks; the public forms' checks apply (missing elements are marked
on the case, not refused; what makes a request impossible is refused with everything typed kept); a date in the
future or before 2000 is refused; only staff who may add cases (intake, reviewers, the emergency team) open one.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone as dt_timezone
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.core import form_once
from rightsdesk.core.errors import DomainError
from rightsdesk.intake.models import Attachment
from rightsdesk.review import deadlines

pytestmark = pytest.mark.django_db

URL = reverse("intake:staff_new_case")

#: The least each kind needs to be accepted (its essential fields).
ESSENTIALS = {
    c.Kind.CONTENT_TAKEDOWN: {"description": "The article repeats a false claim about me.", "requester_type": "individual",
                              "content_ground": "defamation"},
    c.Kind.COPYRIGHT_NOTICE: {"description": "Our photograph is used without a licence."},
    c.Kind.COPYRIGHT_COUNTER_NOTICE: {"description": "My photo was removed by mistake; I took it."},
    c.Kind.TRADEMARK_NOTICE: {"description": "Our logo is used on a fake shop page."},
    c.Kind.USER_DATA_REQUEST: {"description": "Subscriber information for the account Example.", "requester_type": "court",
                               "legal_process": "court_order"},
    c.Kind.EMERGENCY_DISCLOSURE: {"description": "A user announced an attack for tomorrow.",
                                  "threat_type": "individual_violent"},
    c.Kind.HARM_REPORT: {"description": "Someone keeps posting my address.", "harm_category": "doxxing"},
    c.Kind.APPEAL: {"description": "Please look again at the removal of my edit."},
    c.Kind.GRIEVANCE: {"description": "Your handling of my request ignored my safety."},
}
CHANNELS = [c.Source.POST, c.Source.FAX, c.Source.PHONE, c.Source.EMAIL]


def days_ago(n: int) -> str:
    return (timezone.now() - timedelta(days=n)).date().isoformat()


def post(client, kind, channel=c.Source.POST, received_on=None, received_time="", files=None, follow=False, **values):
    data = {"kind": kind, "channel": channel, "received_on": days_ago(3) if received_on is None else received_on,
            "received_time": received_time, "language": "en", **ESSENTIALS[kind], **values}
    if files:
        data["attachments"] = files
    return client.post(URL, data, follow=follow)


@pytest.fixture
def intake_staff(client, make_staff, verified_login):
    user = make_staff("intake")
    verified_login(client, user)
    return user


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("kind", list(ESSENTIALS))
def test_any_kind_through_any_channel_opens_a_case_received_on_the_day_typed(client, intake_staff, kind, channel):
    response = post(client, kind, channel, received_on=days_ago(5), received_time="09:30")

    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("review:case", args=[case.reference])
    assert (case.kind, case.source, case.state) == (kind, channel, c.State.RECEIVED)
    assert case.received_at == datetime.combine(timezone.now().date() - timedelta(days=5), time(9, 30),
                                                tzinfo=dt_timezone.utc)
    assert case.due_at == deadlines.due_for(case, case.received_at)  # the deadline counts from the day received
    created = case.history.get(event="created")
    assert created.actor == intake_staff and "entered by staff" in created.reason


def test_the_page_after_saving_is_the_case_page_saying_what_is_missing(client, intake_staff):
    response = post(client, c.Kind.COPYRIGHT_NOTICE, name="Pat Agent", follow=True)

    case = Case.objects.get()
    assert response.redirect_chain[-1][0] == reverse("review:case", args=[case.reference])
    assert case.incomplete and "signature" in case.missing_fields and "urls" in case.missing_fields
    html = unescape(response.content.decode())
    assert "the requester's signature" in html and "your signature" not in html, "said of the requester, to staff"


def test_missing_elements_are_marked_on_the_case_not_refused(client, intake_staff):
    post(client, c.Kind.USER_DATA_REQUEST, organisation="Amtsgericht Berlin-Mitte")

    case = Case.objects.get()
    assert case.incomplete
    assert {"official", "official_title", "law_invoked", "legal_basis_reference", "accounts"} <= set(case.missing_fields)
    assert case.requester_organisation == "Amtsgericht Berlin-Mitte"


def test_what_makes_a_request_impossible_is_refused_with_everything_typed_kept(client, intake_staff):
    response = post(client, c.Kind.USER_DATA_REQUEST, legal_process="", organisation="Amtsgericht Berlin-Mitte",
                    channel=c.Source.FAX)

    assert response.status_code == 200 and not Case.objects.exists()
    html = response.content.decode()
    assert "This is needed: Type of legal process." in html
    assert 'value="Amtsgericht Berlin-Mitte"' in html and "Subscriber information for the account Example." in html
    assert '<option value="fax" selected>' in html


@pytest.mark.parametrize("received_on, message", [
    ("tomorrow", "cannot be in the future"),  # the day after the test runs (not after it was collected)
    ("1999-12-31", "cannot be before 1 January 2000"),
    ("31/12/2025", "Type the date as year-month-day"),
    ("", "Type the day the request arrived"),
])
def test_a_date_received_that_cannot_be_right_is_refused_with_a_clear_message(client, intake_staff, received_on,
                                                                                message):
    if received_on == "tomorrow":
        received_on = (timezone.now() + timedelta(days=1)).date().isoformat()
    response = post(client, c.Kind.GRIEVANCE, received_on=received_on)

    assert response.status_code == 200 and not Case.objects.exists()
    html = response.content.decode()
    assert message in html
    assert "Your handling of my request ignored my safety." in html


def test_a_time_later_today_is_in_the_future(client, intake_staff):
    later = timezone.now() + timedelta(hours=2)
    if later.date() != timezone.now().date():
        pytest.skip("too close to midnight UTC")
    response = post(client, c.Kind.GRIEVANCE, received_on=later.date().isoformat(), received_time=later.strftime("%H:%M"))
    assert "cannot be in the future" in response.content.decode() and not Case.objects.exists()


def test_without_a_time_a_past_day_counts_from_its_start_and_today_from_now(client, intake_staff):
    post(client, c.Kind.GRIEVANCE, received_on="2026-01-15")
    assert Case.objects.get().received_at == datetime(2026, 1, 15, tzinfo=dt_timezone.utc)

    before = timezone.now()
    post(client, c.Kind.GRIEVANCE, received_on=timezone.now().date().isoformat())
    assert before - timedelta(minutes=1) <= Case.objects.latest("id").received_at <= timezone.now()


def test_statutory_clocks_start_at_the_date_received(client, intake_staff):
    from rightsdesk.clocks import services as clocks

    post(client, c.Kind.CONTENT_TAKEDOWN, received_on=days_ago(10), received_time="08:00", content_ground="right_to_erasure",
         country="DE", urls="https://de.wikipedia.org/wiki/Beispiel", name="Erika Mustermann")
    case = Case.objects.get()
    started = clocks.start_clocks(case)

    assert started and all(clock.started_at == case.received_at for clock in started)


def test_scanned_letters_are_attached_to_the_case(client, intake_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    scan = SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n% a scanned letter\n", content_type="application/pdf")
    post(client, c.Kind.COPYRIGHT_NOTICE, files=[scan])

    attachment = Attachment.objects.get()
    assert attachment.case == Case.objects.get() and attachment.original_name == "letter.pdf"
    assert attachment.uploaded_by == intake_staff.get_username()


def test_a_file_that_is_not_what_it_claims_is_refused_and_the_text_kept(client, intake_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    response = post(client, c.Kind.COPYRIGHT_NOTICE, files=[fake])

    assert response.status_code == 200 and not Case.objects.exists()
    assert "letter.pdf" in response.content.decode() and "Our photograph is used without a licence." in response.content.decode()


def test_sending_the_same_form_twice_opens_one_case(client, intake_staff):
    first = post(client, c.Kind.GRIEVANCE, form_token="once-only-token")
    second = post(client, c.Kind.GRIEVANCE, form_token="once-only-token")

    assert Case.objects.count() == 1 and first["Location"] == second["Location"]


def test_the_page_after_a_second_sending_says_the_case_is_open_and_what_it_lacks(client, intake_staff):
    """With a double click the browser shows the answer to the second sending, so that answer says what the first
    did: the case is open, and what it lacks."""
    post(client, c.Kind.COPYRIGHT_NOTICE, form_token="twice-token")
    client.cookies.pop("messages", None)  # the browser never reads the first answer, nor the message it sets
    second = post(client, c.Kind.COPYRIGHT_NOTICE, form_token="twice-token", follow=True)

    case = Case.objects.get()
    assert second.redirect_chain == [(reverse("review:case", args=[case.reference]), 302)]
    assert case.missing_fields and f"Case {case.reference} is open. It lacks" in second.content.decode()


def test_a_second_click_while_the_first_is_still_opening_the_case_waits_and_goes_to_that_case(client, intake_staff,
                                                                                             make_case,
                                                                                             first_sending_at_work):
    """The two requests of a double click run side by side (core.form_once): the second opens nothing, waits for the
    first, and leads to the case the first opened. Seen from the second: the token is claimed, then marked done."""
    opened_by_the_first = make_case()
    with first_sending_at_work("double-click-token", opened_by_the_first.reference):
        second = post(client, c.Kind.GRIEVANCE, form_token="double-click-token")
    assert second.status_code == 302 and second["Location"].endswith(f"/{opened_by_the_first.reference}/")
    assert Case.objects.count() == 1


def test_a_second_click_whose_first_never_finishes_opens_nothing_and_says_to_look_in_the_queue(client, intake_staff,
                                                                                               monkeypatch):
    monkeypatch.setattr(form_once, "WAIT_SECONDS", 0.3)
    form_once.claim("stuck-token")
    second = post(client, c.Kind.GRIEVANCE, form_token="stuck-token", follow=True)
    assert not Case.objects.exists()
    assert second.redirect_chain == [(f"{URL}?kind={c.Kind.GRIEVANCE}", 302)]
    assert "its case is still being opened. Look for it in the queue" in second.content.decode()


def test_a_form_refused_by_the_service_may_be_corrected_and_sent_with_the_same_token(client, intake_staff,
                                                                                    monkeypatch):
    from rightsdesk.intake import services

    real_open = services.open_staff_case

    def refuse(*args, **kwargs):
        raise DomainError("The letter is illegible.", code="illegible")

    monkeypatch.setattr(services, "open_staff_case", refuse)
    refused = post(client, c.Kind.GRIEVANCE, form_token="corrected-token")
    assert refused.status_code == 200 and "The letter is illegible." in refused.content.decode()
    monkeypatch.setattr(services, "open_staff_case", real_open)
    sent = post(client, c.Kind.GRIEVANCE, form_token="corrected-token")
    assert sent.status_code == 302 and Case.objects.count() == 1


def test_the_receipt_is_emailed_only_when_staff_ask_for_it(client, intake_staff, mailoutbox,
                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, c.Kind.GRIEVANCE, email="writer@example.org")
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        post(client, c.Kind.GRIEVANCE, email="writer@example.org", send_receipt="on")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["writer@example.org"]


def test_the_kind_is_chosen_first_and_the_form_asks_what_that_kind_needs(client, intake_staff):
    chooser = client.get(URL).content.decode()
    assert 'name="kind" value="user_data_request"' in chooser and 'name="description"' not in chooser

    form = client.get(URL, {"kind": "user_data_request", "channel": "phone"}).content.decode()
    assert 'name="legal_process"' in form and 'name="copyrighted_work"' not in form
    assert '<option value="phone" selected>' in form and 'name="website"' not in form


@pytest.mark.parametrize("roles, status", [
    (("intake",), 200), (("reviewer",), 200), (("trust and safety",), 200),
    (("legal approver",), 403), (("auditor",), 403), (("administrator",), 403), ((), 403),
])
def test_only_staff_who_may_add_cases_open_one(client, make_staff, verified_login, roles, status):
    verified_login(client, make_staff(*roles))

    assert client.get(URL, {"kind": "grievance"}).status_code == status
    response = post(client, c.Kind.GRIEVANCE)
    assert response.status_code == (302 if status == 200 else 403)
    assert Case.objects.exists() == (status == 200)


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
    assert post(client, c.Kind.GRIEVANCE).status_code == 302 and not Case.objects.exists()


def test_the_workspace_navigation_offers_new_case_to_those_who_may_open_one(client, make_staff, verified_login):
    verified_login(client, make_staff("intake"))
    assert f'href="{URL}"' in client.get(reverse("review:home")).content.decode()
    client.logout()
    verified_login(client, make_staff("auditor"))
    assert f'href="{URL}"' not in client.get(reverse("review:home")).content.decode()


def test_a_refusal_names_the_field_as_staff_see_it(client, intake_staff):
    html = post(client, c.Kind.USER_DATA_REQUEST, requester_type="").content.decode()
    assert "This is needed: Type of requester." in html and "Who are you?" not in html


def test_a_form_sent_three_times_says_once_that_the_case_is_open(client, intake_staff):
    """Two sendings side by side, then the page's own: each answer says the case is open, and the messages of the
    answers the browser kept add up; the case page says it once."""
    for _ in range(3):
        post(client, c.Kind.GRIEVANCE, form_token="thrice-token")
    page = client.get(reverse("review:case", args=[Case.objects.get().reference])).content.decode()

    assert page.count(f"Case {Case.objects.get().reference} is open.") == 1


def test_a_message_waiting_from_elsewhere_is_kept_beside_the_case_is_open(client, intake_staff):
    from django.contrib.messages import constants, storage

    cookie = storage.cookie.CookieStorage(client.get(URL).wsgi_request)
    client.cookies["messages"] = cookie._encode([storage.base.Message(constants.INFO, "Signed in as the intake team.")])
    post(client, c.Kind.GRIEVANCE, form_token="another-token")
    page = client.get(reverse("review:case", args=[Case.objects.get().reference])).content.decode()

    assert "Signed in as the intake team." in page and f"Case {Case.objects.get().reference} is open." in page
