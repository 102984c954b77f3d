"""Storing received e-mail (rightsdesk.mail.services): what becomes of each message, as a table, and the rules
around it: idempotent, nothing lost, machine mail never touches a case, replies land in their case."""

from __future__ import annotations

import re

import pytest
from django.core import mail as outbox
from django.db import OperationalError

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import CaseHistory
from rightsdesk.core import mailrefs
from rightsdesk.intake import attachments as case_files
from rightsdesk.intake.models import MessageFromRequester
from rightsdesk.mail import services
from rightsdesk.mail.models import InboundAttachment, InboundMessage

from .corpus import eml, large_message, make_inboxes, many_attachments

pytestmark = pytest.mark.django_db


@pytest.fixture
def inboxes(db):
    return make_inboxes()


# file -> (inbox, outcome, the line the mail server logs)
OUTCOMES = {
    "forwarded_court_order_attached.eml": ("legal", "new", r"new message \d+ in inbox legal"),
    "forwarded_inline_gmail.eml": ("legal", "new", r"new message \d+ in inbox legal"),
    "forwarded_inline_apple.eml": ("dmca", "new", r"new message \d+ in inbox dmca"),
    "forwarded_outlook_original_message.eml": ("legal", "new", r"new message \d+ in inbox legal"),
    "multipart_alternative.eml": ("privacy", "new", r"new message \d+ in inbox privacy"),
    "html_only.eml": ("legal", "new", r"new message \d+ in inbox legal"),
    "arabic_utf8.eml": ("legal", "new", r"new message \d+ in inbox legal"),
    "chinese_gb2312.eml": ("legal", "new", r"new message \d+ in inbox legal"),
    "russian_koi8r.eml": ("legal", "new", r"new message \d+ in inbox legal"),
    "russian_utf8.eml": ("privacy", "new", r"new message \d+ in inbox privacy"),
    "windows1256.eml": ("legal", "new", r"new message \d+ in inbox legal"),
    "french_erasure.eml": ("privacy", "new", r"new message \d+ in inbox privacy"),
    "dmca_notice.eml": ("dmca", "new", r"new message \d+ in inbox dmca"),
    "dmca_notice_resent.eml": ("dmca", "new", r"new message \d+ in inbox dmca"),
    "subpoena.eml": ("legal", "new", r"new message \d+ in inbox legal"),
    "emergency_request.eml": ("emergency", "new", r"new message \d+ in inbox emergency"),
    "no_message_id.eml": ("legal", "new", r"new message \d+ in inbox legal"),
    "reply_in_reply_to.eml": ("legal", "new", r"new message \d+ in inbox legal"),  # its case does not exist here
    "reply_subject_reference.eml": ("legal", "new", r"new message \d+ in inbox legal"),
    "auto_reply.eml": ("legal", "ignored", r"ignored: auto-reply"),
    "out_of_office.eml": ("legal", "ignored", r"ignored: auto-reply"),
    "list_bulk.eml": ("legal", "ignored", r"ignored: mailing list"),
    "bounce_dsn.eml": ("legal", "ignored", r"ignored: bounce"),
    "malformed_headers.eml": ("legal", "flagged", r"flagged message \d+ in inbox legal: .*no_sender.*"),
    "executable_attachment.eml": ("legal", "flagged", r"flagged message \d+ in inbox legal: executable_attachment"),
    "unknown_charset.eml": ("legal", "flagged", r"flagged message \d+ in inbox legal: undecodable_charset"),
    "zip_bomb.eml": ("legal", "flagged", r"flagged message \d+ in inbox legal: archive_bomb"),
    "broken_mime.eml": ("legal", "flagged", r"flagged message \d+ in inbox legal: broken_mime"),
}


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_each_message_of_the_corpus_is_stored_with_the_outcome_and_line_the_table_says(inboxes, name):
    inbox, outcome, line = OUTCOMES[name]
    received = services.receive_message(inbox, eml(name))
    assert received.outcome == outcome
    assert re.fullmatch(line, received.line), received.line
    assert received.message.pk and received.message.raw  # kept, whatever it is
    assert services.read_raw(received.message) == eml(name)


def test_the_whole_corpus_never_opens_a_case_by_itself(inboxes):
    from rightsdesk.cases.models import Case

    for name, (inbox, _outcome, _line) in OUTCOMES.items():
        services.receive_message(inbox, eml(name))
    assert Case.objects.count() == 0


def test_the_same_message_twice_is_a_duplicate_and_stores_nothing_new(inboxes):
    first = services.receive_message("legal", eml("subpoena.eml"))
    counts = InboundMessage.objects.count(), InboundAttachment.objects.count()
    again = services.receive_message("legal", eml("subpoena.eml"), imap_uid=7)
    assert (again.outcome, again.line, again.message) == ("duplicate", f"duplicate of message {first.message.pk}",
                                                          first.message)
    assert (InboundMessage.objects.count(), InboundAttachment.objects.count()) == counts


def test_a_message_without_message_id_delivered_twice_is_a_duplicate_the_second_time(inboxes):
    first = services.receive_message("legal", eml("no_message_id.eml"))
    assert "no_message_id" in first.message.problems and first.outcome == "new"
    assert services.receive_message("legal", eml("no_message_id.eml")).line == f"duplicate of message {first.message.pk}"


def test_the_same_text_from_the_same_sender_under_a_new_message_id_is_linked_as_a_duplicate(inboxes):
    first = services.receive_message("dmca", eml("dmca_notice.eml"))
    second = services.receive_message("dmca", eml("dmca_notice_resent.eml"))
    assert (second.outcome, second.line) == ("duplicate", f"duplicate of message {first.message.pk}")
    second.message.refresh_from_db()
    assert second.message.duplicate_of == first.message and second.message.status == "ignored"
    assert second.message.ignore_reason == "duplicate"


def test_personal_parts_and_the_original_are_encrypted_at_rest(inboxes):
    received = services.receive_message("legal", eml("subpoena.eml"))
    with received.message.raw.open("rb") as stored:
        assert b"grand jury" not in stored.read()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT sender_email, subject, body_text FROM mail_inboundmessage WHERE id = %s",
                       [received.message.pk])
        row = cursor.fetchone()
    assert not any("da.example.gov" in v or "subpoena" in v.lower() for v in row)
    attachment = received.message.attachments.get()
    with attachment.file.open("rb") as stored:
        assert not stored.read().startswith(b"%PDF")
    assert services.read_attachment(attachment).startswith(b"%PDF")


def test_a_forwarded_message_records_the_original_sender_and_the_forwarder(inboxes):
    message = services.receive_message("legal", eml("forwarded_court_order_attached.eml")).message
    message.refresh_from_db()
    assert (message.original_sender_email, message.original_sender_name) == ("clerk@nysd.uscourts.gov",
                                                                              "Clerk of Court, S.D.N.Y.")
    assert message.forwarded_by == "sam.colleague@demo.invalid"
    assert (message.suggested_kind, message.suggested_requester_type) == ("user_data_request", "court")
    assert message.sent_at.isoformat() == "2026-12-01T09:03:41+00:00"


def test_an_executable_is_listed_not_kept_and_the_other_files_are_kept(inboxes):
    message = services.receive_message("legal", eml("executable_attachment.eml")).message
    rows = {a.filename: a for a in message.attachments.all()}
    assert rows["court_order.pdf.exe"].refused_reason == "executable" and not rows["court_order.pdf.exe"].file
    assert rows["court_order.pdf.exe"].size > 0
    assert services.read_attachment(rows["cover_letter.pdf"]).startswith(b"%PDF")


def test_a_message_with_200_attachments_keeps_the_first_50_and_lists_the_rest(inboxes):
    received = services.receive_message("legal", many_attachments(200))
    assert received.outcome == "flagged" and "too_many_attachments" in received.line
    rows = list(received.message.attachments.order_by("id"))
    assert len(rows) == 200
    assert [bool(r.file) for r in rows] == [True] * 50 + [False] * 150
    assert {r.refused_reason for r in rows[50:]} == {"over_limit"}
    assert rows[199].filename == "exhibit-199.pdf"


def test_an_oversize_message_is_refused_with_a_reason_and_kept_as_a_flagged_stub_with_its_headers(inboxes, settings):
    settings.RIGHTSDESK_MAIL = {"MAX_MESSAGE_BYTES": 2 * 2**20}
    raw = large_message(3 * 2**20)
    received = services.receive_message("legal", raw)
    assert received.outcome == "flagged" and received.line.endswith(": oversize")
    message = received.message
    assert message.subject == "Video evidence" and message.sender_email == "big@example.net"
    assert message.attachments.count() == 0 and message.body_text == ""
    kept = services.read_raw(message)
    assert kept.startswith(b"From: Big Sender") and len(kept) < 2000  # the headers, not the 3 MB
    assert services.receive_message("legal", raw).outcome == "duplicate"  # a retry adds nothing


def test_a_thirty_megabyte_message_is_refused_under_the_default_limit(inboxes):
    received = services.receive_message("legal", large_message(30 * 2**20))
    assert received.outcome == "flagged" and "oversize" in received.message.problems


def test_an_unknown_inbox_is_a_clear_error(inboxes):
    with pytest.raises(services.UnknownInbox, match="no inbox named 'sales' \\(inboxes: dmca, emergency, legal"):
        services.receive_message("sales", eml("subpoena.eml"))


def test_a_store_failure_raises_mail_store_error_and_leaves_nothing_half_written(inboxes, monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(InboundAttachment.objects, "bulk_create", fail)
    with pytest.raises(services.MailStoreError, match="could not be stored"):
        services.receive_message("legal", eml("subpoena.eml"))
    assert InboundMessage.objects.count() == 0
    monkeypatch.undo()
    assert services.receive_message("legal", eml("subpoena.eml")).outcome == "new"  # the retry stores it


# --- Replies ---------------------------------------------------------------------------------------------------------

def _awaiting(make_case):
    return make_case(c.Kind.COPYRIGHT_NOTICE, state=c.State.AWAITING_INFORMATION,
                     parties=[{"role": c.PartyRole.REQUESTER, "name": "Jane Roe", "email": "jane@example.org"}])


def test_a_reply_to_a_rightsdesk_message_is_filed_into_its_case_folded_and_resumes_it(inboxes, make_case):
    case = _awaiting(make_case)
    ours = mailrefs.message_id_for(case.reference, "message")
    received = services.receive_message("legal", eml("reply_in_reply_to.eml", reference=case.reference,
                                                      message_id=ours))
    assert (received.outcome, received.line) == ("filed", f"filed into case {case.reference}")
    case.refresh_from_db()
    assert case.state == c.State.UNDER_REVIEW
    text = MessageFromRequester.objects.get(case=case).text
    assert "I took the photo in 2019" in text and "Which page is it?" not in text  # quoted text folded
    assert "Which page is it?" in received.message.body_text  # the whole message stays on the e-mail
    assert CaseHistory.objects.filter(case=case, reason__contains="an e-mail reply").exists()
    received.message.refresh_from_db()
    assert (received.message.status, received.message.case) == ("filed", case)


def test_a_reply_found_by_the_reference_in_its_subject_is_filed_with_its_attachment(inboxes, make_case):
    case = _awaiting(make_case)
    received = services.receive_message("legal", eml("reply_subject_reference.eml", reference=case.reference))
    assert received.outcome == "filed"
    assert [case_files.read(a)[:5] for a in case.attachments.all()] == [b"%PDF-"]


def test_a_reference_in_the_subject_from_a_stranger_is_left_for_a_person(inboxes, make_case):
    case = make_case(c.Kind.COPYRIGHT_NOTICE, state=c.State.AWAITING_INFORMATION)  # requester erika@example.org
    received = services.receive_message("legal", eml("reply_subject_reference.eml", reference=case.reference))
    assert received.outcome == "new" and received.message.case is None
    case.refresh_from_db()
    assert case.state == c.State.AWAITING_INFORMATION and not MessageFromRequester.objects.exists()


@pytest.mark.parametrize("name, line", [
    ("auto_reply.eml", "ignored: auto-reply"),
    ("out_of_office.eml", "ignored: auto-reply"),
    ("bounce_dsn.eml", "ignored: bounce"),
    ("list_bulk.eml", "ignored: mailing list"),
])
def test_machine_mail_never_changes_a_case_awaiting_information(inboxes, make_case, name, line):
    case = _awaiting(make_case)
    ours = mailrefs.message_id_for(case.reference, "message")
    raw = eml(name, reference=case.reference, message_id=ours)
    raw = raw.replace(b"Message-ID: <", b"In-Reply-To: " + ours.encode() + b"\r\nMessage-ID: <", 1) \
        if b"In-Reply-To" not in raw else raw
    history = CaseHistory.objects.filter(case=case).count()
    received = services.receive_message("legal", raw)
    assert received.line == line
    case.refresh_from_db()
    assert case.state == c.State.AWAITING_INFORMATION
    assert CaseHistory.objects.filter(case=case).count() == history
    assert not MessageFromRequester.objects.filter(case=case).exists()


def test_the_reply_round_trip_a_request_for_information_by_e_mail_and_the_answer_lands_in_the_case(
        inboxes, make_case, smtp):
    """Through a real SMTP server (aiosmtpd): the request as it went over the wire, answered by a mail client."""
    from email import message_from_bytes
    from email import policy as email_policy

    from rightsdesk.review.models import MessageToRequester
    from rightsdesk.review.tasks import email_requester

    case = _awaiting(make_case)
    asked = MessageToRequester.objects.create(case=case, body="Which page is it?")
    assert email_requester.call(asked.pk)
    [sent] = smtp.messages
    assert case.reference in sent["Subject"]
    assert str(sent["Message-ID"]).strip().startswith(f"<rightsdesk.{case.reference}.message.")
    reply = (f"From: {sent['To']}\r\nTo: {sent['From']}\r\nSubject: Re: {sent['Subject']}\r\n"
             f"Message-ID: <answer-1@example.org>\r\nIn-Reply-To: {sent['Message-ID']}\r\n"
             f"References: {sent['Message-ID']}\r\nDate: Wed, 02 Dec 2026 09:00:00 +0000\r\n\r\n"
             f"It is File:Sunset.jpg.\r\n\r\nOn Tue, the team wrote:\r\n> Which page is it?\r\n")
    assert str(message_from_bytes(reply.encode(), policy=email_policy.default)["In-Reply-To"]).strip() == str(
        sent["Message-ID"]).strip()
    assert services.receive_message("legal", reply.encode()).line == f"filed into case {case.reference}"
    case.refresh_from_db()
    assert case.state == c.State.UNDER_REVIEW
    assert MessageFromRequester.objects.get(case=case).text == "It is File:Sunset.jpg."


# --- What staff do -------------------------------------------------------------------------------------------------

def test_a_forwarded_court_order_opens_a_user_data_request_in_the_courts_name_dated_by_the_e_mail(
        inboxes, make_staff):
    staff = make_staff("reviewer")
    message = services.receive_message("legal", eml("forwarded_court_order_attached.eml")).message
    case = services.open_case_from_message(message, kind=c.Kind.USER_DATA_REQUEST, actor=staff,
                                           values={"requester_type": c.RequesterType.COURT,
                                                   "legal_process": c.LegalProcess.COURT_ORDER})
    assert case.kind == c.Kind.USER_DATA_REQUEST and case.source == c.Source.EMAIL
    assert case.received_at == message.sent_at
    requester = case.requester
    assert (requester.name, requester.email) == ("Clerk of Court, S.D.N.Y.", "clerk@nysd.uscourts.gov")
    assert case.requester_type == c.RequesterType.COURT
    assert [a.original_name for a in case.attachments.all()] == ["Order_1-26-cv-04417.pdf"]
    assert case_files.read(case.attachments.get()).startswith(b"%PDF")
    assert CaseHistory.objects.filter(case=case, reason__contains="Forwarded by sam.colleague@demo.invalid").exists()
    message.refresh_from_db()
    assert (message.status, message.case) == ("filed", case)
    with pytest.raises(Exception, match="already filed"):
        services.open_case_from_message(message, kind=c.Kind.USER_DATA_REQUEST, actor=staff, values={})


def test_a_message_filed_into_an_existing_case_by_staff_resumes_it(inboxes, make_case, make_staff):
    """Filed as the requester's (from another address than the case's: staff confirm it, see test_file_sender)."""
    case = _awaiting(make_case)
    message = services.receive_message("legal", eml("subpoena.eml")).message
    services.file_into_case(message, case, actor=make_staff("reviewer"), filed_as="requester", confirmed=True)
    case.refresh_from_db()
    assert case.state == c.State.UNDER_REVIEW and case.attachments.count() == 1
    assert "grand jury subpoena" in MessageFromRequester.objects.get(case=case).text
    message.refresh_from_db()
    assert (message.status, message.case) == ("filed", case)


def test_the_senders_to_requesters_carry_the_reference_in_message_id_and_subject(db, make_case, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from rightsdesk.notices.notifier import EmailNotifier, OutgoingMessage

    EmailNotifier().send(OutgoingMessage(subject="Decision on your request", body="b", language="en",
                                         reference="RD-2026-ABCDEFG", to_email="jane@example.org"))
    sent = outbox.outbox[-1]
    assert sent.subject == "Decision on your request [RD-2026-ABCDEFG]"
    assert mailrefs.reference_in_message_ids([sent.extra_headers["Message-ID"]]) == "RD-2026-ABCDEFG"


@pytest.mark.parametrize("text, reference", [
    ("Re: Wikimedia Foundation: RD-2026-ABCDEFG", "RD-2026-ABCDEFG"),
    ("Re: [RD-2026-23456HJ] more", "RD-2026-23456HJ"),
    ("XRD-2026-ABCDEFG", None),
    ("RD-2026-ABCDEFGH", None),
    ("RD-2026-ABCDEF0", None),  # 0 is not in the reference alphabet
    ("", None),
])
def test_a_reference_is_found_in_text_only_when_whole(text, reference):
    assert mailrefs.reference_in(text) == reference


def test_only_our_own_message_ids_lead_to_a_case():
    assert mailrefs.reference_in_message_ids(["<RD-2026-ABCDEFG@attacker.example>"]) is None
    assert mailrefs.reference_in_message_ids([mailrefs.message_id_for("RD-2026-ABCDEFG", "receipt")]) == \
        "RD-2026-ABCDEFG"


def test_a_reply_its_case_refuses_is_kept_and_flagged_for_a_person(inboxes, make_case, monkeypatch):
    from rightsdesk.core.errors import DomainError
    from rightsdesk.intake import services as intake_services

    case = _awaiting(make_case)

    def refuse(*args, **kwargs):
        raise DomainError("The case is locked.")

    monkeypatch.setattr(intake_services, "add_information", refuse)
    received = services.receive_message("legal", eml("reply_subject_reference.eml", reference=case.reference))
    assert received.outcome == "flagged" and received.line.endswith("reply_not_filed")
    received.message.refresh_from_db()
    assert received.message.status == "flagged" and received.message.attachments.count() == 1
    case.refresh_from_db()
    assert case.state == c.State.AWAITING_INFORMATION


def test_the_same_short_text_with_a_different_file_is_not_a_duplicate(inboxes):
    first = services.receive_message("legal", eml("subpoena.eml"))
    other = eml("subpoena.eml").replace(b"<subpoena-19@da.example.gov>", b"<subpoena-20@da.example.gov>")
    other = other.replace(b"U1VCUE9FTkE", b"T1RIRVIgT1")  # the PDF's text changes: another document
    assert other != eml("subpoena.eml").replace(b"<subpoena-19@da.example.gov>", b"<subpoena-20@da.example.gov>")
    assert services.receive_message("legal", other).outcome == "new"
    resent = eml("subpoena.eml").replace(b"<subpoena-19@da.example.gov>", b"<subpoena-21@da.example.gov>")
    assert services.receive_message("legal", resent).line == f"duplicate of message {first.message.pk}"
