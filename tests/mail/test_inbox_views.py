"""The staff inbox: the list (what needs a person first, filters), a message's page (private parts masked for those
without the private-data permission, and the look recorded for those with it), and the actions: "Open as <kind>"
in one click, "Change details first" (the staff new-case form, prefilled), file into a case, ignore with a reason;
each a POST that does nothing when the page was outdated."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rightsdesk.audit.models import AuditEntry
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.intake.models import Attachment, MessageFromRequester
from rightsdesk.mail import services
from rightsdesk.mail.models import InboundMessage
from rightsdesk.mail.views import seen_mark
from rightsdesk.review.models import Note

from .corpus import eml, make_inboxes

pytestmark = pytest.mark.django_db

COURT_ORDER = "forwarded_court_order_attached.eml"


@pytest.fixture
def court_order(db):
    make_inboxes()
    return services.receive_message("legal", eml(COURT_ORDER)).message


def test_the_list_shows_what_needs_a_person_first(client, signed_in, court_order):
    ignored = services.receive_message("dmca", eml("dmca_notice.eml")).message
    services.ignore_message(ignored, actor="test", reason="spam")
    signed_in("reviewer")

    html = client.get(reverse("mail:inbox")).content.decode()
    assert html.index(f"Message {court_order.pk}<") < html.index(f"Message {ignored.pk}<")
    assert "clerk@nysd.uscourts.gov" in html and "Request for user information" in html
    filtered = client.get(reverse("mail:inbox"), {"inbox": "dmca"}).content.decode()
    assert f"Message {ignored.pk}<" in filtered and f"Message {court_order.pk}<" not in filtered
    assert f"Message {court_order.pk}<" not in client.get(reverse("mail:inbox"), {"status": "ignored"}).content.decode()


def test_the_message_page_shows_the_forward_and_records_the_look(client, signed_in, court_order):
    user = signed_in("reviewer")
    html = client.get(reverse("mail:message", args=[court_order.pk])).content.decode()

    assert "clerk@nysd.uscourts.gov" in html and "sam.colleague@demo.invalid" in html  # original sender, forwarder
    assert "Open as Request for user information" in html and "Court order" in html
    pdf = court_order.attachments.get(content_type="application/pdf")
    assert reverse("mail:attachment", args=[court_order.pk, pdf.pk]) in html
    assert AuditEntry.objects.filter(actor=user, purpose="inbox message").exists()
    download = client.get(reverse("mail:attachment", args=[court_order.pk, pdf.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_without_the_private_data_permission_sender_text_and_files_are_masked(client, signed_in, court_order):
    signed_in("intake")
    html = client.get(reverse("mail:message", args=[court_order.pk])).content.decode()

    assert "clerk@nysd.uscourts.gov" not in html and "sam.colleague" not in html and "Private" in html
    assert "Open as Request for user information" in html  # one click, without seeing the text
    assert "Change details first" not in html
    pdf = court_order.attachments.get(content_type="application/pdf")
    assert client.get(reverse("mail:attachment", args=[court_order.pk, pdf.pk])).status_code == 403
    assert client.get(reverse("mail:open", args=[court_order.pk])).status_code == 403
    assert "clerk@nysd" not in client.get(reverse("mail:inbox")).content.decode()


def test_one_click_opens_the_suggested_kind_in_the_original_senders_name(client, signed_in, court_order):
    signed_in("intake")
    response = client.post(reverse("mail:open_quick", args=[court_order.pk]), {
        "seen": seen_mark(court_order), "kind": "user_data_request", "requester_type": "court",
        "legal_process": "court_order"})

    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("review:case", args=[case.reference])
    assert (case.kind, case.source, case.legal_process) == (c.Kind.USER_DATA_REQUEST, c.Source.EMAIL, "court_order")
    assert case.received_at == court_order.sent_at
    assert case.parties.get(role=c.PartyRole.REQUESTER).email == "clerk@nysd.uscourts.gov"
    assert Attachment.objects.filter(case=case, content_type="application/pdf").exists()
    court_order.refresh_from_db()
    assert court_order.status == InboundMessage.Status.FILED and court_order.case == case


def test_an_outdated_page_does_nothing(client, signed_in, court_order):
    signed_in("reviewer")
    old = seen_mark(court_order)
    services.ignore_message(court_order, actor="test", reason="spam")

    response = client.post(reverse("mail:open_quick", args=[court_order.pk]), {
        "seen": old, "kind": "user_data_request", "requester_type": "court", "legal_process": "court_order"},
        follow=True)
    assert not Case.objects.exists() and "Someone acted on this message" in response.content.decode()


def test_a_missing_essential_choice_is_asked_for_on_the_message_page(client, signed_in, court_order):
    signed_in("reviewer")
    response = client.post(reverse("mail:open_quick", args=[court_order.pk]), {
        "seen": seen_mark(court_order), "kind": "user_data_request", "requester_type": "court", "legal_process": ""})

    assert response.status_code == 400 and not Case.objects.exists()
    assert "This is needed: Type of legal process." in response.content.decode()


def test_change_details_first_is_the_staff_form_prefilled_and_opens_the_case(client, signed_in, court_order):
    signed_in("reviewer")
    form = client.get(reverse("mail:open", args=[court_order.pk]), {"kind": "user_data_request"}).content.decode()
    assert "Prefilled from message" in form and "clerk@nysd.uscourts.gov" in form
    assert '<option value="court_order" selected>' in form and 'name="received_on"' not in form

    response = client.post(reverse("mail:open", args=[court_order.pk]), {
        "kind": "user_data_request", "language": "en", "requester_type": "court", "legal_process": "court_order",
        "organisation": "U.S. District Court, S.D.N.Y.", "name": "Clerk of Court", "email": "clerk@nysd.uscourts.gov",
        "description": "Order to produce records for the account Example.", "accounts": "Example"})
    case = Case.objects.get()
    assert response.status_code == 302 and case.requester_organisation == "U.S. District Court, S.D.N.Y."
    assert case.received_at == court_order.sent_at and [i.account_name for i in case.items.all()] == ["Example"]


def test_edits_to_a_message_a_colleague_set_aside_meanwhile_come_back_to_copy(client, signed_in, court_order):
    from rightsdesk.mail import services as mail_services

    signed_in("reviewer")
    client.get(reverse("mail:open", args=[court_order.pk]), {"kind": "user_data_request"})
    mail_services.ignore_message(court_order, actor="colleague", reason="Duplicate of yesterday's fax.")  # meanwhile
    described = "Order to produce records for the account Example, served on 3 March; 14 days to answer."
    response = client.post(reverse("mail:open", args=[court_order.pk]), {
        "kind": "user_data_request", "language": "en", "requester_type": "court", "legal_process": "court_order",
        "organisation": "U.S. District Court, S.D.N.Y.", "name": "Clerk of Court", "email": "clerk@nysd.uscourts.gov",
        "description": described, "accounts": "Example"})
    page = response.content.decode()
    assert response.status_code == 409 and "This message is already" in page and 'id="error-summary"' in page
    assert described in page and "U.S. District Court, S.D.N.Y." in page and not Case.objects.exists()


#: Each action's form, with words a person typed into it: refused as outdated, the words are never dropped.
TYPED = [
    ("mail:file", {"reference": "RD-2026-ABC2345"}, "RD-2026-ABC2345"),
    ("mail:ignore", {"reason": "A copy of the fax from the clerk that message 12 already brought."},
     "A copy of the fax from the clerk that message 12 already brought."),
]


@pytest.mark.parametrize(("action", "sent", "typed"), TYPED)
def test_a_refused_action_on_a_message_a_colleague_handled_meanwhile_comes_back_with_what_was_typed(
        client, signed_in, court_order, action, sent, typed):
    signed_in("reviewer")
    old = seen_mark(court_order)
    services.ignore_message(court_order, actor="colleague", reason="spam")  # meanwhile: its forms are gone
    response = client.post(reverse(action, args=[court_order.pk]), {"seen": old, **sent})
    page = response.content.decode()
    assert response.status_code == 409 and "Someone acted on this message" in page and 'id="error-summary"' in page
    assert f"{typed}</textarea>" in page and 'href="#unsent"' in page


@pytest.mark.parametrize(("action", "sent", "typed"), TYPED)
def test_a_refused_action_on_a_message_still_waiting_comes_back_in_its_form_with_what_was_typed(
        client, signed_in, court_order, make_case, action, sent, typed):
    signed_in("reviewer")
    old = seen_mark(court_order)
    InboundMessage.objects.filter(pk=court_order.pk).update(case=make_case())  # a reply linked to its case meanwhile
    response = client.post(reverse(action, args=[court_order.pk]), {"seen": old, **sent})
    page = response.content.decode()
    assert response.status_code == 409 and "Someone acted on this message" in page
    assert f'value="{typed}"' in page and "</textarea>" not in page
    court_order.refresh_from_db()
    assert court_order.status == InboundMessage.Status.NEW


QUICK = {"kind": "user_data_request", "requester_type": "court", "legal_process": "court_order"}


def form_tokens(client, message) -> dict[str, str]:
    """The one-time token of each action's form on the message page ("open", "file", "ignore")."""
    page = client.get(reverse("mail:message", args=[message.pk])).content.decode()
    return {form: re.search(rf'<form[^>]*{marker}.*?name="form_token" value="([^"]+)"', page, re.S).group(1)
            for form, marker in (("open", "open-now/"), ("file", 'id="file"'), ("ignore", 'id="ignore"'))}


def quick_form_token(client, message) -> str:
    return form_tokens(client, message)["open"]


def test_a_double_click_on_open_as_opens_one_case_and_both_clicks_lead_to_it(client, signed_in, court_order):
    """The second click of a double click used to be told that someone had acted on the message (the first click);
    now it opens nothing and goes to the case the first opened, saying it is open."""
    signed_in("intake")
    data = {"seen": seen_mark(court_order), "form_token": quick_form_token(client, court_order), **QUICK}
    first = client.post(reverse("mail:open_quick", args=[court_order.pk]), data)
    client.cookies.pop("messages", None)  # the browser never reads the first answer, nor the message it sets
    second = client.post(reverse("mail:open_quick", args=[court_order.pk]), data, follow=True)

    case = Case.objects.get()
    assert first["Location"] == reverse("review:case", args=[case.reference])
    assert second.redirect_chain == [(first["Location"], 302)]
    assert f"Case {case.reference} is open." in second.content.decode()


def test_each_showing_of_the_message_page_and_each_of_its_forms_has_its_own_form_token(client, signed_in,
                                                                                         court_order):
    """A token shared by two forms would make the second action look like the first sent again."""
    signed_in("intake")
    first, second = form_tokens(client, court_order), form_tokens(client, court_order)
    assert len({*first.values(), *second.values()}) == 6


def test_open_as_refused_may_be_corrected_and_sent_with_the_same_token(client, signed_in, court_order):
    signed_in("intake")
    data = {"seen": seen_mark(court_order), "form_token": quick_form_token(client, court_order), **QUICK}
    refused = client.post(reverse("mail:open_quick", args=[court_order.pk]), {**data, "legal_process": ""})
    sent = client.post(reverse("mail:open_quick", args=[court_order.pk]), data)

    assert refused.status_code == 400 and sent.status_code == 302 and Case.objects.count() == 1


def test_a_second_click_while_the_first_is_opening_the_case_waits_for_it(client, signed_in, court_order, make_case,
                                                                         first_sending_at_work):
    """Side by side (core.form_once): the second sending finds the token claimed, waits until the first marks it
    done, and goes to the case the first opened."""
    signed_in("intake")
    opened_by_the_first = make_case()
    with first_sending_at_work("mail-double-click", opened_by_the_first.reference):
        second = client.post(reverse("mail:open_quick", args=[court_order.pk]),
                             {"seen": seen_mark(court_order), "form_token": "mail-double-click", **QUICK})
    assert second["Location"] == reverse("review:case", args=[opened_by_the_first.reference])
    assert Case.objects.count() == 1


CHANGED = {"kind": "user_data_request", "language": "en", "requester_type": "court", "legal_process": "court_order",
           "organisation": "U.S. District Court, S.D.N.Y.", "name": "Clerk of Court",
           "email": "clerk@nysd.uscourts.gov", "description": "Order to produce records for the account Example.",
           "accounts": "Example"}


def test_change_details_first_sent_twice_opens_one_case(client, signed_in, court_order):
    """The second sending used to be sent back to the message with "This message is already filed"."""
    signed_in("reviewer")
    form = client.get(reverse("mail:open", args=[court_order.pk]), {"kind": "user_data_request"}).content.decode()
    once = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    first = client.post(reverse("mail:open", args=[court_order.pk]), {**CHANGED, "form_token": once})
    client.cookies.pop("messages", None)  # the browser never reads the first answer, nor the message it sets
    second = client.post(reverse("mail:open", args=[court_order.pk]), {**CHANGED, "form_token": once}, follow=True)

    case = Case.objects.get()
    assert first["Location"] == reverse("review:case", args=[case.reference])
    assert second.redirect_chain == [(first["Location"], 302)]
    assert f"Case {case.reference} is open." in second.content.decode()


def test_file_into_a_case_by_its_reference(client, signed_in, court_order, make_case):
    signed_in("intake")
    case = make_case(c.Kind.USER_DATA_REQUEST)
    url = reverse("mail:file", args=[court_order.pk])

    refused = client.post(url, {"seen": seen_mark(court_order), "reference": "RD-2026-NOPE222"})
    assert refused.status_code == 400 and "No case has the reference RD-2026-NOPE222" in refused.content.decode()
    done = client.post(url, {"seen": seen_mark(court_order), "reference": case.reference.lower()})
    # The court's clerk is not the case's requester: a staff note, not the requester's information (test_file_sender).
    assert done.status_code == 302 and Note.objects.filter(case=case).exists()
    assert not MessageFromRequester.objects.filter(case=case).exists()


def test_a_double_click_on_file_files_the_message_once_and_both_clicks_lead_to_the_case(client, signed_in,
                                                                                        court_order, make_case):
    """The second click used to be told that someone had acted on the message (the first click)."""
    signed_in("intake")
    case = make_case(c.Kind.USER_DATA_REQUEST)
    data = {"seen": seen_mark(court_order), "reference": case.reference, "form_token": form_tokens(client, court_order)["file"]}
    first = client.post(reverse("mail:file", args=[court_order.pk]), data)
    client.cookies.pop("messages", None)  # the browser never reads the first answer, nor the message it sets
    second = client.post(reverse("mail:file", args=[court_order.pk]), data, follow=True)

    assert Note.objects.filter(case=case).count() == 1
    assert second.redirect_chain == [(first["Location"], 302)]
    assert f"The message is filed into case {case.reference} as a staff note" in second.content.decode()


def test_a_double_click_on_ignore_ignores_the_message_once_and_both_clicks_lead_to_the_inbox(client, signed_in,
                                                                                            court_order):
    signed_in("intake")
    data = {"seen": seen_mark(court_order), "reason": "A copy of message 3.",
            "form_token": form_tokens(client, court_order)["ignore"]}
    first = client.post(reverse("mail:ignore", args=[court_order.pk]), data)
    client.cookies.pop("messages", None)
    second = client.post(reverse("mail:ignore", args=[court_order.pk]), data, follow=True)

    assert second.redirect_chain == [(first["Location"], 302)] == [(reverse("mail:inbox"), 302)]
    assert f"Message {court_order.pk} is ignored." in second.content.decode()
    assert "Someone acted on this message" not in second.content.decode()


def test_a_refused_filing_may_be_corrected_and_sent_with_the_same_token(client, signed_in, court_order, make_case):
    signed_in("intake")
    case = make_case(c.Kind.USER_DATA_REQUEST)
    data = {"seen": seen_mark(court_order), "form_token": form_tokens(client, court_order)["file"]}
    refused = client.post(reverse("mail:file", args=[court_order.pk]), {**data, "reference": "RD-2026-NOPE222"})
    sent = client.post(reverse("mail:file", args=[court_order.pk]), {**data, "reference": case.reference})

    assert refused.status_code == 400 and sent.status_code == 302
    assert Note.objects.filter(case=case).count() == 1


def test_ignore_needs_a_reason(client, signed_in, court_order):
    signed_in("intake")
    url = reverse("mail:ignore", args=[court_order.pk])

    assert client.post(url, {"seen": seen_mark(court_order), "reason": ""}).status_code == 400
    assert client.post(url, {"seen": seen_mark(court_order), "reason": "A copy of message 3."}).status_code == 302
    court_order.refresh_from_db()
    assert court_order.status == InboundMessage.Status.IGNORED


@pytest.mark.parametrize("roles, inbox, quick", [
    (("intake",), 200, 302), (("reviewer",), 200, 302), (("trust and safety",), 200, 302),
    (("legal approver",), 200, 403), (("auditor",), 403, 403), (("administrator",), 403, 403),
])
def test_who_may_see_the_inbox_and_open_a_case_from_it(client, signed_in, court_order, roles, inbox, quick):
    signed_in(*roles)
    assert client.get(reverse("mail:inbox")).status_code == inbox
    assert client.get(reverse("mail:message", args=[court_order.pk])).status_code == inbox
    response = client.post(reverse("mail:open_quick", args=[court_order.pk]), {
        "seen": seen_mark(court_order), "kind": "user_data_request", "requester_type": "court",
        "legal_process": "court_order"})
    assert response.status_code == quick


@pytest.mark.parametrize("message_file, forwarder_is_a_colleague, shown", [
    ("subpoena.eml", None,
     "Received by e-mail in the inbox 'legal' (message {number})."),
    (COURT_ORDER, True,
     "Received by e-mail in the inbox 'legal' (message {number}). Forwarded by a colleague; opened in the name of "
     "the original sender."),
    (COURT_ORDER, False,
     "Received by e-mail in the inbox 'legal' (message {number}). Forwarded by the sender of that message; opened in "
     "the name of the original sender."),
])
def test_a_case_opened_from_an_e_mail_says_so_on_its_timeline_naming_no_forwarders_address(
        client, signed_in, make_staff, settings, message_file, forwarder_is_a_colleague, shown):
    """The history's first account of the case: which message of which inbox, and who forwarded it by kind (a
    colleague's address stays on the message, as the sender's does; the case page shows the requester's)."""
    from html import unescape

    inboxes = make_inboxes()
    if forwarder_is_a_colleague is False:  # the forwarder's domain is neither the inbox's nor ours
        settings.DEFAULT_FROM_EMAIL = "desk@rightsdesk.example"
        inboxes["legal"].address = "legal@rightsdesk.example"
        inboxes["legal"].save()
    message = services.receive_message("legal", eml(message_file)).message
    case = services.open_case_from_message(message, kind=c.Kind.USER_DATA_REQUEST, actor=make_staff("intake"),
                                           values={"requester_type": c.RequesterType.COURT,
                                                   "legal_process": c.LegalProcess.COURT_ORDER})
    signed_in("reviewer")
    html = unescape(client.get(reverse("review:case", args=[case.reference])).content.decode())
    timeline = html[html.index('id="timeline"'):html.index('id="messages"')]

    assert "Case opened from an e-mail" in timeline
    assert shown.format(number=message.pk) in timeline
    assert not message.forwarded_by or message.forwarded_by not in html


def test_in_arabic_every_header_label_is_arabic_and_the_message_id_stays_left_to_right_apart(
        client, signed_in, court_order):
    """The Arabic message page labelled the Message-ID in English; the header values themselves stay as they are."""
    signed_in("reviewer")
    html = client.get(f"/ar/staff/inbox/{court_order.pk}/").content.decode()
    headers = html.split('id="headers-title"')[1].split("</dl>")[0]

    labels = re.findall(r"<dt>(.*?)</dt>", headers)
    assert len(labels) >= 5
    assert [label for label in labels if re.search(r"[A-Za-z]", label)] == []
    value = headers.rsplit("</dt><dd>", 1)[1].strip().removesuffix("</dd>")  # the last: the Message-ID
    assert re.fullmatch(r'<(code|bdi) dir="ltr">&lt;[^<]+&gt;</\1>', value), value


def test_in_arabic_an_attachment_without_a_name_is_named_in_arabic_and_its_type_stays_left_to_right(
        client, signed_in):
    """An attachment sent without a file name was listed as "attachment", in English on the Arabic page; its content
    type ("application/pdf") sat in the Arabic line without isolation, as did a named file's."""
    from email.message import EmailMessage

    from django.utils import translation

    make_inboxes()
    sent = EmailMessage()
    sent["From"] = "someone@example.org"
    sent["To"] = "legal@demo.invalid"
    sent["Subject"] = "طلب"
    sent["Message-ID"] = "<nameless-attachment@example.org>"
    sent.set_content("انظر المرفق.")
    sent.add_attachment(b"%PDF-1.4 a court order", maintype="application", subtype="pdf", disposition="attachment")
    sent.add_attachment(b"%PDF-1.4 the order", maintype="application", subtype="pdf", filename="order.pdf")
    message = services.receive_message("legal", bytes(sent)).message
    assert sorted(a.filename for a in message.attachments.all()) == ["", "order.pdf"]
    signed_in("reviewer")
    html = client.get(f"/ar/staff/inbox/{message.pk}/").content.decode()
    files = html.split('id="files-title"')[1].split("</section>")[0]
    links = re.findall(r"<a href=\"[^\"]+\">(.*?)</a>", files)
    with translation.override("ar"):
        unnamed = translation.gettext("Unnamed attachment")
    assert unnamed != "Unnamed attachment" and not re.search(r"[A-Za-z]", unnamed)
    assert sorted(links) == sorted(['<bdi>order.pdf</bdi>', unnamed]), links
    assert files.count('<bdi dir="ltr">application/pdf</bdi>') == 2, files
