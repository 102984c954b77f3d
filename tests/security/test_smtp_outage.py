"""The SMTP server going away leaves notices queued with the error, never lost, and each is delivered once later.

Notices are approved by staff and delivered by the background worker
(django-tasks' database backend, as in production) through a real SMTP
server (aiosmtpd on loopback). The server first works, then starts refusing
mid-conversation (421, "closing transmission channel"), then is stopped
altogether; afterwards it comes back and the periodic job delivers the rest.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.notices import delivery, services
from rightsdesk.notices.models import Notice

from .serverproc import free_port, mail_through

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

CASES = 9  # three per phase; each decided takedown drafts two notices


class Mailbox:
    def __init__(self, refuse: bool = False):
        self.received = []
        self.refuse = refuse

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "421 Service shutting down, closing transmission channel"
        self.received.append((envelope.rcpt_tos[0], envelope.original_content))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """smtp.start(refuse=False) / smtp.stop(): a real SMTP server on one loopback port for the whole test."""
    from aiosmtpd.controller import Controller

    port = free_port()
    mail_through(settings, port)
    settings.RIGHTSDESK_NOTICES = {"MAX_ATTEMPTS": 5, "RETRY_BASE_SECONDS": 60}

    class Server:
        controller = None
        boxes: list[Mailbox] = []

        def start(self, refuse: bool = False) -> Mailbox:
            self.stop()
            box = Mailbox(refuse)
            self.controller = Controller(box, hostname="127.0.0.1", port=port)
            self.controller.start()
            self.boxes.append(box)
            return box

        def stop(self):
            if self.controller is not None:
                self.controller.stop()
                self.controller = None

        def delivered(self) -> list:
            return [m for box in self.boxes for m in box.received]

    server = Server()
    yield server
    server.stop()


@pytest.fixture
def decided_cases(make_case, make_staff):
    from tests.flows import decide_as_staff

    reviewer, approver = make_staff("reviewer"), make_staff("legal approver")
    cases = []
    for n in range(CASES):
        case = make_case(
            c.Kind.CONTENT_TAKEDOWN,
            parties=[{"role": c.PartyRole.REQUESTER, "name": f"Requester {n}", "email": f"req{n}@example.org"},
                     {"role": c.PartyRole.AFFECTED_USER, "account_name": f"Uploader{n}",
                      "email": f"uploader{n}@users.example.net"}],
            items=[{"url": f"https://de.wikipedia.org/wiki/Page_{n}", "project": "de.wikipedia.org",
                    "page_title": f"Page {n}", "account_name": f"Uploader{n}"}],
            content_ground=c.ContentGround.DEFAMATION, country="DE", law_invoked="StGB §186",
            decision_ground=c.DecisionGround.ILLEGAL_CONTENT,
        )
        cases.append(decide_as_staff(case, reviewer, approver, ground="StGB §186", reason="Defamatory.",
                                     summary="Removed: a court confirmed it is false."))
    return reviewer, cases


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def approve(reviewer, cases):
    notices = list(Notice.objects.filter(case__in=cases).order_by("id"))
    assert notices, "deciding drafted no notices"
    for notice in notices:
        services.send_notice(notice, reviewer)
    return notices


def statuses(notices) -> dict:
    out = {}
    for notice in Notice.objects.filter(pk__in=[n.pk for n in notices]):
        out[notice.status] = out.get(notice.status, 0) + 1
    return out


def test_an_smtp_outage_leaves_notices_queued_and_they_are_delivered_once_when_it_returns(smtp, decided_cases):
    reviewer, cases = decided_cases
    first, second, third = cases[:3], cases[3:6], cases[6:]

    # 1. The mail server works: the worker delivers.
    smtp.start()
    sent_ok = approve(reviewer, first)
    run_worker()
    assert statuses(sent_ok) == {Notice.Status.SENT: len(sent_ok)}

    # 2. It goes away mid-conversation: every message is refused with 421.
    smtp.start(refuse=True)
    refused = approve(reviewer, second)
    run_worker()
    # 3. And then it is gone altogether: connections are refused.
    smtp.stop()
    unreachable = approve(reviewer, third)
    run_worker()

    waiting = refused + unreachable
    assert statuses(waiting) == {Notice.Status.QUEUED: len(waiting)}, "a notice was dropped or failed for good"
    for notice in Notice.objects.filter(pk__in=[n.pk for n in waiting]):
        assert notice.attempts == 1 and notice.next_attempt_at is not None
        assert notice.last_error, "the delivery error is not shown to staff"
        assert "@" not in notice.last_error, "the recipient's address leaked into the stored error"
        assert notice.case.history.filter(event="notice", changes__event="delivery_failed").exists()
    assert {n.last_error.split(":")[0] for n in Notice.objects.filter(pk__in=[n.pk for n in refused])} \
        <= {"SMTPDataError", "SMTPServerDisconnected", "SMTPResponseException"}
    assert all("ConnectionRefusedError" in n.last_error for n in Notice.objects.filter(pk__in=[n.pk for n in unreachable]))

    # 4. The server is back; the periodic job (release_holds_and_send / `rightsdesk send_notices`) delivers the rest.
    smtp.start()
    later = timezone.now() + timedelta(hours=1)
    delivery.send_due(now=later)
    every = sent_ok + waiting
    assert statuses(every) == {Notice.Status.SENT: len(every)}
    recipients = [rcpt for rcpt, _body in smtp.delivered()]
    assert len(recipients) == len(every), "a notice was sent twice or not at all"
    expected = {n.party.email for n in Notice.objects.filter(pk__in=[n.pk for n in every]).select_related("party")}
    assert set(recipients) == expected
    # Nothing is left for a worker to send twice.
    run_worker()
    delivery.send_due(now=later + timedelta(hours=1))
    assert len(smtp.delivered()) == len(every)
    print(f"\nsmtp outage: {len(sent_ok)} sent, {len(refused)} refused with 421, {len(unreachable)} unreachable -> "
          f"all {len(waiting)} queued, then {len(every)} delivered exactly once")
