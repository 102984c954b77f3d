"""Who a reply is filed for: a received message is filed by itself into a case, as information from the requester,
only when it comes from the requester's own address (letter case aside). The notices about a case go to the affected
user as well, with our Message-ID, and the case reference is public: anyone else's reply waits in the staff inbox
for a person, never on the requester's private tracking page nor in their data-subject export."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from rightsdesk.cases import choices as c
from rightsdesk.cases.services import issue_tracking_token
from rightsdesk.core import mailrefs
from rightsdesk.intake.models import MessageFromRequester
from rightsdesk.mail import services
from rightsdesk.mail.models import InboundMessage
from rightsdesk.notices import services as notice_services
from rightsdesk.notices.models import Notice
from rightsdesk.privacy.subject_export import export_subject
from tests.notices.conftest import decide, immediate_tasks, publish_record, staff, takedown  # noqa: F401

from .conftest import UPLOADER
from .corpus import make_inboxes

pytestmark = pytest.mark.django_db

PRIVATE_WORDS = "My real name is Jean Dupont, 12 rue des Lilas, Lyon, +33 6 12 34 56 78."



def reply(sender: str, *, in_reply_to: str = "", subject: str = "Re: your request", text: str = PRIVATE_WORDS,
          message_id: str = "<reply-1@mail.example>") -> bytes:
    threading = f"In-Reply-To: {in_reply_to}\r\nReferences: {in_reply_to}\r\n" if in_reply_to else ""
    return (f"From: Someone <{sender}>\r\nTo: legal@rightsdesk.invalid\r\nSubject: {subject}\r\n"
            f"Date: Wed, 02 Dec 2026 09:00:00 +0000\r\nMessage-ID: {message_id}\r\n{threading}"
            f"Content-Type: text/plain; charset=utf-8\r\nMIME-Version: 1.0\r\n\r\n{text}\r\n").encode()


def ours(case) -> str:
    return mailrefs.message_id_for(case.reference, "notice")


def forged(case) -> str:
    """Our Message-ID's shape, written by someone who knows only the (public) reference."""
    return f"<rightsdesk.{case.reference}.notice.0123456789abcdef.x@evil.example>"


def in_subject(case) -> str:
    return f"Re: Wikimedia Foundation [{case.reference}]"


# who writes, how the message names the case -> filed as the requester's information?, the case shown in the inbox?
WHO_WRITES = [
    # The requester, answering our e-mail or writing the reference in the subject, in any letter case: filed.
    ("jane.roe@example.org", "in-reply-to", True, True),
    ("JANE.ROE@EXAMPLE.ORG", "in-reply-to", True, True),
    ("Jane.Roe@example.ORG", "subject", True, True),
    # The affected user answering the notice they were sent (its genuine Message-ID): kept for a person, who sees
    # which case it answers.
    (UPLOADER, "in-reply-to", False, True),
    # The affected user writing the reference in the subject: a party, but not the requester.
    (UPLOADER, "subject", False, False),
    # A stranger forging our Message-ID from the public reference, or quoting the reference.
    ("stranger@evil.example", "forged in-reply-to", False, False),
    ("stranger@evil.example", "subject", False, False),
    # The requester's address with a forged Message-ID and no reference in the subject: nothing ties it to a case.
    ("jane.roe@example.org", "forged in-reply-to", False, False),
]


@pytest.mark.parametrize("sender, how, filed, case_shown", WHO_WRITES)
def test_a_reply_is_filed_as_the_requesters_only_when_the_requester_sent_it(case, sender, how, filed, case_shown):
    raw = {"in-reply-to": lambda: reply(sender, in_reply_to=ours(case)),
           "forged in-reply-to": lambda: reply(sender, in_reply_to=forged(case)),
           "subject": lambda: reply(sender, subject=in_subject(case))}[how]()

    received = services.receive_message("legal", raw)

    message = InboundMessage.objects.get(pk=received.message.pk)
    case.refresh_from_db()
    added = list(MessageFromRequester.objects.filter(case=case).values_list("text", flat=True))
    if filed:
        assert (received.outcome, received.line) == ("filed", f"filed into case {case.reference}")
        assert message.status == InboundMessage.Status.FILED and message.case == case
        assert added == [PRIVATE_WORDS] and case.state == c.State.UNDER_REVIEW
    else:
        assert received.outcome == "new" and message.status == InboundMessage.Status.NEW  # in the inbox, as unsorted
        assert message.case == (case if case_shown else None)
        assert message.body_text.strip() == PRIVATE_WORDS  # kept whole for the person who sorts it
        assert added == [] and case.state == c.State.AWAITING_INFORMATION


def test_only_a_message_id_we_made_leads_to_a_case():
    reference = "RD-2026-ABCDEFG"
    made = mailrefs.message_id_for(reference, "notice")
    assert mailrefs.reference_in_message_ids([made]) == reference
    signed, digest = made.strip("<>").split("@")[0].rsplit(".", 1)
    for written in (f"<{signed}.{'0' * len(digest)}@evil.example>",  # the shape, with a made-up digest
                    f"<rightsdesk.{reference}.x.y@evil.example>",
                    f"<{signed.replace(reference, 'RD-2026-23456HJ')}.{digest}@evil.example>"):  # another case's
        assert mailrefs.reference_in_message_ids([written]) is None


def _tracking_page(client, token: str) -> str:
    return client.get(f"/en/track/{token}/").content.decode()


def test_the_uploaders_answer_to_their_notice_stays_off_the_requesters_tracking_page_and_export(
        takedown, decide, staff, smtp, immediate_tasks, client, signed_in):
    make_inboxes()
    case = takedown()  # requester erika@example.org, affected user uploader1@users.example.net
    token = issue_tracking_token(case)
    case = decide(case, staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.HIDE_REVISION, [])})
    notice = case.notices.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS,
                                 recipient_role=c.PartyRole.AFFECTED_USER).order_by("id").first()
    notice_services.send_notice(notice, staff["reviewer"])
    sent = next(m for m in smtp.messages if UPLOADER in str(m["To"]))

    received = services.receive_message("legal", reply(UPLOADER, in_reply_to=str(sent["Message-ID"]).strip(),
                                                       subject=f"Re: {sent['Subject']}"))

    assert received.outcome == "new"
    assert "Jean Dupont" not in _tracking_page(client, token)
    assert "Jean Dupont" not in json.dumps(export_subject(email="erika@example.org"), default=str)
    assert not MessageFromRequester.objects.filter(case=case).exists()
    signed_in("reviewer")
    page = client.get(reverse("mail:message", args=[received.message.pk])).content.decode()
    assert "Jean Dupont" in page and case.reference in page  # a person sees it, and the case it answers


def test_a_forged_in_reply_to_puts_nothing_on_the_requesters_tracking_page(takedown, decide, staff, client,
                                                                          publish_record):
    make_inboxes()
    case = takedown()
    token = issue_tracking_token(case)
    record = publish_record(decide(case, staff["reviewer"]))  # the public log names the case reference
    phishing = "Please confirm your identity at https://evil.example/login"

    received = services.receive_message("legal", reply(
        "stranger@evil.example", in_reply_to=f"<rightsdesk.{record.public_id}.x.y@anything.example>", text=phishing))

    assert received.outcome == "new" and received.message.status == InboundMessage.Status.NEW
    assert "evil.example/login" not in _tracking_page(client, token)
    assert not MessageFromRequester.objects.filter(case=case).exists()
