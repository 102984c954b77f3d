"""A reply from the requester's address is filed by itself only when our mail server verified that address.

Anyone can write any address in ``From``: someone who knows the requester's address and the case's reference could
put words on the requester's private tracking page. The receiving mail server records SPF, DKIM and DMARC in an
``Authentication-Results`` header under its own name (``RIGHTSDESK_MAIL_AUTHSERV_ID``); only that name is believed
(mail.authresults). Unverified, the reply waits in the inbox with the case shown, and a person who files it as the
requester's confirms that the requester sent it.
"""

from __future__ import annotations

import pytest

from rightsdesk.intake.models import MessageFromRequester
from rightsdesk.mail import authresults, services
from rightsdesk.mail.models import InboundMessage

from .test_reply_sender import PRIVATE_WORDS, in_subject

pytestmark = pytest.mark.django_db

OURS = "mx.rightsdesk.example"


def reply_with(results: list[str], sender: str = "jane.roe@example.org", subject: str = "") -> bytes:
    headers = "".join(f"Authentication-Results: {r}\r\n" for r in results)
    return (f"{headers}From: Jane Roe <{sender}>\r\nTo: legal@rightsdesk.invalid\r\nSubject: {subject}\r\n"
            f"Date: Wed, 02 Dec 2026 09:00:00 +0000\r\nMessage-ID: <r-{abs(hash((tuple(results), sender)))}@x>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\nMIME-Version: 1.0\r\n\r\n{PRIVATE_WORDS}\r\n").encode()


#: The Authentication-Results headers a message carries -> did our server verify jane.roe@example.org?
RESULTS = [
    ([f"{OURS}; dmarc=pass (p=reject) header.from=example.org"], True),
    ([f"{OURS} 1; spf=pass smtp.mailfrom=jane.roe@example.org; dkim=none"], True),        # SPF, aligned
    ([f"{OURS}; dkim=pass header.d=example.org header.s=sel; spf=softfail"], True),       # DKIM, aligned
    ([f"{OURS}; dkim=pass header.d=mail.example.org"], True),                             # relaxed alignment
    ([f"{OURS}; dkim=pass header.d=evil.example; spf=pass smtp.mailfrom=x@evil.example"], False),  # not aligned
    ([f"{OURS}; dmarc=fail header.from=example.org; spf=fail smtp.mailfrom=example.org"], False),
    ([f"{OURS}; none"], False),
    (["mx.evil.example; dmarc=pass header.from=example.org"], False),   # another server's words: the sender's own
    ([f"{OURS.upper()}; DMARC=Pass header.from=Example.ORG"], True),      # names and results in any letter case
    ([], False),                                                           # no result of ours at all
]


@pytest.mark.parametrize("results, verified", RESULTS)
def test_the_sender_is_verified_only_by_our_servers_results_for_the_from_domain(results, verified):
    assert authresults.sender_verified(results, "jane.roe@example.org", OURS) is verified


def test_without_a_configured_server_nothing_is_checked():
    assert authresults.sender_verified([f"{OURS}; dmarc=fail"], "jane.roe@example.org", "") is None


@pytest.mark.parametrize("results, filed", [
    ([f"{OURS}; dmarc=pass header.from=example.org"], True),
    (["mx.evil.example; dmarc=pass header.from=example.org"], False),  # forged by the sender
    ([f"{OURS}; dmarc=fail header.from=example.org"], False),
])
def test_a_reply_from_the_requesters_address_is_filed_by_itself_only_when_verified(case, settings, results, filed):
    settings.RIGHTSDESK_MAIL = {**settings.RIGHTSDESK_MAIL, "AUTHSERV_ID": OURS}
    received = services.receive_message("legal", reply_with(results, subject=in_subject(case)))
    message = InboundMessage.objects.get(pk=received.message.pk)
    added = list(MessageFromRequester.objects.filter(case=case).values_list("text", flat=True))
    if filed:
        assert received.outcome == "filed" and added == [PRIVATE_WORDS]
    else:
        assert received.outcome == "new" and message.status == InboundMessage.Status.NEW  # waits, unsorted
        assert message.case == case and "sender_not_verified" in message.problems and added == []
        assert "not verified by the mail server" in received.line


def test_filing_an_unverified_reply_as_the_requesters_needs_a_persons_confirmation(case, settings, make_staff):
    from rightsdesk.core.errors import DomainError

    settings.RIGHTSDESK_MAIL = {**settings.RIGHTSDESK_MAIL, "AUTHSERV_ID": OURS}
    received = services.receive_message("legal", reply_with([], subject=in_subject(case)))
    message = InboundMessage.objects.get(pk=received.message.pk)
    reviewer = make_staff("reviewer")
    with pytest.raises(DomainError, match="did not verify it") as refused:
        services.file_into_case(message, case, actor=reviewer, filed_as="requester")
    assert refused.value.field == "confirmed"
    assert services.file_into_case(message, case, actor=reviewer, filed_as="requester", confirmed=True) == "requester"
    assert list(MessageFromRequester.objects.filter(case=case).values_list("text", flat=True)) == [PRIVATE_WORDS]


def test_unconfigured_the_inbox_files_the_requesters_reply_as_before(case, settings):
    settings.RIGHTSDESK_MAIL = {**settings.RIGHTSDESK_MAIL, "AUTHSERV_ID": ""}
    received = services.receive_message("legal", reply_with([], subject=in_subject(case)))
    assert received.outcome == "filed"
    assert "sender_not_verified" not in InboundMessage.objects.get(pk=received.message.pk).problems


def test_the_deployment_check_warns_while_senders_are_not_checked(settings):
    from django.core import checks

    settings.RIGHTSDESK_MAIL = {**settings.RIGHTSDESK_MAIL, "AUTHSERV_ID": ""}
    assert "rightsdesk.mail.W001" in {w.id for w in checks.run_checks(include_deployment_checks=True)}
    settings.RIGHTSDESK_MAIL = {**settings.RIGHTSDESK_MAIL, "AUTHSERV_ID": OURS}
    assert "rightsdesk.mail.W001" not in {w.id for w in checks.run_checks(include_deployment_checks=True)}
