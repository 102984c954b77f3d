"""Mail arrives in an IMAP mailbox and rightsdesk fetches it: each message filed exactly once, whatever happens.

These tests run against a real Dovecot (tests/mail/dovecot.py; `./run test` installs it). Messages are delivered
into the mailbox the way a mail server does, and fetched by rightsdesk over IMAP, as in production.
"""

from __future__ import annotations

import io
import logging
import os
import signal
import subprocess
import sys
import time
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from datetime import datetime, timezone

import pytest
from django.core.management import CommandError, call_command

from tests.mail.dovecot import PASSWORD, PASSWORD_ENV, USER, free_port

pytestmark = pytest.mark.dovecot

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
COURT = ("Landgericht Hamburg", "poststelle@lg.justiz.hamburg.example")
COLLEAGUE = ("Sam Colleague", "sam.colleague@wikimedia.example")


def letter(n: int, *, sender=("Pat Requester", "pat@example.org"), subject=None, body=None) -> bytes:
    """A plain message to the legal inbox, numbered so each has its own Message-ID and text."""
    message = EmailMessage()
    message["From"] = f"{sender[0]} <{sender[1]}>"
    message["To"] = "legal@wikimedia.example"
    message["Subject"] = subject or f"Request number {n} about an article"
    message["Date"] = format_datetime(datetime(2026, 11, 2, 9, n % 60, tzinfo=timezone.utc))
    message["Message-ID"] = f"<request-{n}@example.org>"
    message.set_content(body or f"Please remove the photograph in article number {n}; it is ours.\n")
    return message.as_bytes()


def forwarded_court_order() -> tuple[bytes, str]:
    """A court's order (with its PDF) that a colleague received and forwarded, attached, to legal@."""
    order = EmailMessage()
    order["From"] = f"{COURT[0]} <{COURT[1]}>"
    order["To"] = COLLEAGUE[1]
    order["Subject"] = "Court order 324 O 117/26: disclosure of account data"
    order["Date"] = "Mon, 02 Nov 2026 08:15:00 +0100"
    order["Message-ID"] = "<order-324-O-117-26@lg.justiz.hamburg.example>"
    order.set_content("By order of the Regional Court of Hamburg the account data of user Example1 "
                      "is to be disclosed within 14 days. The order is attached.\n")
    order.add_attachment(PDF, maintype="application", subtype="pdf", filename="order-324-O-117-26.pdf")
    forward = EmailMessage()
    forward["From"] = f"{COLLEAGUE[0]} <{COLLEAGUE[1]}>"
    forward["To"] = "legal@wikimedia.example"
    forward["Subject"] = "Fwd: Court order 324 O 117/26: disclosure of account data"
    forward["Date"] = "Mon, 02 Nov 2026 10:02:00 +0100"
    message_id = make_msgid(domain="wikimedia.example")
    forward["Message-ID"] = message_id
    forward.set_content("This came to me by mistake, please handle it.\n")
    forward.add_attachment(order)  # message/rfc822
    return forward.as_bytes(), message_id


def bare(message_id: str) -> str:
    return message_id.strip().strip("<>")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def make_inbox(server, *, name="legal", folder="INBOX", **fields):
    from rightsdesk.cases import choices as c
    from rightsdesk.mail.models import Inbox

    values = {"address": f"{name}@wikimedia.example", "default_kind": c.Kind.USER_DATA_REQUEST,
              "imap_host": server.host, "imap_port": server.port, "imap_ssl": False, "imap_user": server.user,
              "imap_password_env": PASSWORD_ENV, "imap_folder": folder}
    return Inbox.objects.create(name=name, **{**values, **fields})


def test_a_court_order_forwarded_by_a_colleague_is_fetched_with_the_original_sender_the_forwarder_and_the_pdf(
        db, media, dovecot):
    from rightsdesk.mail.imap import fetch_inbox
    from rightsdesk.mail.models import ImapCursor, InboundMessage

    raw, message_id = forwarded_court_order()
    uid = dovecot.deliver(raw)
    inbox = make_inbox(dovecot)

    received = fetch_inbox(inbox)

    assert [r.outcome for r in received] == ["new"]
    message = InboundMessage.objects.get()
    assert received[0].message == message
    assert message.inbox == inbox and message.imap_uid == uid
    assert bare(message.message_id) == bare(message_id)
    assert message.original_sender_email == COURT[1]
    assert message.original_sender_name == COURT[0]
    assert COLLEAGUE[1] in message.forwarded_by
    assert message.sender_email == COLLEAGUE[1]
    pdfs = [a for a in message.attachments.all() if a.content_type == "application/pdf"]
    assert [a.filename for a in pdfs] == ["order-324-O-117-26.pdf"]
    assert pdfs[0].size == len(PDF) and not pdfs[0].refused_reason and pdfs[0].file
    assert message.raw, "the whole original message is kept"
    # Fetched is not deleted: the message stays on the server, marked as read.
    assert "\\Seen" in dovecot.flags()[uid]
    assert ImapCursor.objects.get(inbox=inbox).last_uid == uid


def test_fetching_twice_files_nothing_twice_and_the_command_prints_a_line_per_message_and_a_summary(
        db, media, dovecot):
    from rightsdesk.mail.imap import fetch_inbox
    from rightsdesk.mail.models import InboundMessage

    uids = [dovecot.deliver(letter(n)) for n in range(1, 4)]
    inbox = make_inbox(dovecot)

    out = io.StringIO()
    call_command("mail", "fetch", "--inbox", "legal", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 4, lines
    for uid, line in zip(uids, lines):
        assert f"legal UID {uid}:" in line and "new message" in line, line
    assert "legal: 3 messages fetched" in lines[-1] and "3 new" in lines[-1], lines[-1]
    assert InboundMessage.objects.count() == 3

    again = io.StringIO()
    call_command("mail", "fetch", "--inbox", "legal", stdout=again)
    assert "legal: no new messages" in again.getvalue()
    assert fetch_inbox(inbox) == []
    assert InboundMessage.objects.count() == 3

    # A new message is the only one fetched next time; nothing is ever deleted from the server.
    new_uid = dovecot.deliver(letter(4))
    assert [(r.outcome, r.message.imap_uid) for r in fetch_inbox(inbox)] == [("new", new_uid)]
    assert sorted(InboundMessage.objects.values_list("imap_uid", flat=True)) == [*uids, new_uid]
    assert dovecot.count() == 4
    assert all("\\Seen" in flags for flags in dovecot.flags().values())


def test_a_uidvalidity_change_reads_the_folder_again_without_filing_anything_twice(db, media, dovecot):
    """The mailbox was rebuilt (a server migration): UIDs start again at 1 under a new UIDVALIDITY."""
    from rightsdesk.mail.imap import fetch_inbox
    from rightsdesk.mail.models import ImapCursor, InboundMessage

    first, second = letter(1), letter(2)
    dovecot.deliver(first, folder="Legal")
    dovecot.deliver(second, folder="Legal")
    inbox = make_inbox(dovecot, folder="Legal")
    assert [r.outcome for r in fetch_inbox(inbox)] == ["new", "new"]
    old = ImapCursor.objects.get(inbox=inbox)
    assert (old.uidvalidity, old.last_uid) == (dovecot.uidvalidity("Legal"), 2)

    dovecot.recreate("Legal")
    for raw in (first, second, letter(3)):
        dovecot.deliver(raw, folder="Legal")
    assert dovecot.uidvalidity("Legal") != old.uidvalidity

    assert [r.outcome for r in fetch_inbox(inbox)] == ["duplicate", "duplicate", "new"]
    assert sorted(bare(m) for m in InboundMessage.objects.values_list("message_id", flat=True)) == [
        "request-1@example.org", "request-2@example.org", "request-3@example.org"]
    cursor = ImapCursor.objects.get(inbox=inbox)
    assert (cursor.uidvalidity, cursor.last_uid) == (dovecot.uidvalidity("Legal"), 3)
    assert fetch_inbox(inbox) == []


def test_a_wrong_password_gives_a_clear_error_stores_nothing_and_logs_no_secret(db, media, dovecot, monkeypatch,
                                                                               caplog):
    from rightsdesk.mail.imap import fetch_inbox
    from rightsdesk.mail.models import ImapCursor, InboundMessage

    uid = dovecot.deliver(letter(1, subject="Confidential: the name of the whistleblower"))
    inbox = make_inbox(dovecot)
    wrong = "not-the-password-42"
    monkeypatch.setenv(PASSWORD_ENV, wrong)
    out = io.StringIO()
    with caplog.at_level(logging.INFO, logger="rightsdesk.mail"), pytest.raises(CommandError) as refused:
        call_command("mail", "fetch", "--inbox", "legal", stdout=out)

    error = str(refused.value)
    assert error == (f"inbox legal: the IMAP server 127.0.0.1:{dovecot.port} refused the login of user {USER} "
                     f"(check the user and the password in {PASSWORD_ENV})")
    assert out.getvalue() == ""
    assert InboundMessage.objects.count() == 0
    assert not ImapCursor.objects.filter(inbox=inbox, last_uid__gt=0).exists()
    assert "\\Seen" not in dovecot.flags()[uid], "the message waits, unread, for the next fetch"
    logged = "\n".join(record.getMessage() for record in caplog.records if record.name.startswith("rightsdesk"))
    assert "refused the login" in logged
    for secret in (wrong, PASSWORD, "whistleblower", "pat@example.org"):
        assert secret not in logged and secret not in error

    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)  # fixed: the message arrives
    assert [r.outcome for r in fetch_inbox(inbox)] == ["new"]


def test_a_server_that_cannot_be_reached_gives_a_clear_error_and_a_missing_password_variable_names_it(
        db, media, monkeypatch):
    from rightsdesk.mail.imap import FetchError, fetch_inbox
    from rightsdesk.mail.models import Inbox

    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    inbox = Inbox.objects.create(name="legal", address="legal@wikimedia.example", imap_host="127.0.0.1",
                                 imap_port=free_port(), imap_ssl=False, imap_user=USER,
                                 imap_password_env=PASSWORD_ENV)
    with pytest.raises(FetchError, match=r"inbox legal: cannot reach the IMAP server 127\.0\.0\.1:\d+"):
        fetch_inbox(inbox)
    monkeypatch.delenv(PASSWORD_ENV)
    with pytest.raises(FetchError, match=f"the environment variable {PASSWORD_ENV} holding the IMAP password is not"):
        fetch_inbox(inbox)


def test_the_worker_task_fetches_every_active_inbox_and_one_that_fails_does_not_stop_the_others(
        db, media, dovecot, settings):
    from rightsdesk.mail.models import Inbox, InboundMessage
    from rightsdesk.mail.tasks import fetch_all_inboxes

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    dovecot.deliver(letter(1))
    dovecot.deliver(letter(2), folder="Privacy")
    make_inbox(dovecot, name="dmca", imap_port=free_port())  # its server is down
    make_inbox(dovecot, name="legal")
    make_inbox(dovecot, name="privacy", folder="Privacy")
    make_inbox(dovecot, name="emergency", active=False)  # switched off: not fetched
    Inbox.objects.create(name="pipe-only", address="pipe@wikimedia.example")  # no IMAP server: not fetched

    result = fetch_all_inboxes.enqueue()

    assert result.return_value == {"dmca": -1, "legal": 1, "privacy": 1}
    assert InboundMessage.objects.count() == 2


# --- kill -9 in the middle of a fetch ------------------------------------------------------------------------------

MESSAGES = 6
STORED_BEFORE_KILL = 3

#: `rightsdesk mail fetch`, in a process that stops for good right after the third message is stored and before
#: its UID is written to the cursor (the worst moment to die), and tells the test it is there.
FETCH_THAT_STALLS = """
import os, time
import django
django.setup()
from rightsdesk.mail import services
real = services.receive_message
stored = []
def receive_then_stall(*args, **kwargs):
    received = real(*args, **kwargs)
    stored.append(received)
    if len(stored) == int(os.environ["STALL_AFTER"]):
        open(os.environ["STALLED"], "w").close()
        time.sleep(600)
    return received
services.receive_message = receive_then_stall
from rightsdesk.cli import main
main(["rightsdesk", "mail", "fetch", "--inbox", "legal"])
"""

STATE = """
import json
from rightsdesk.mail.models import ImapCursor, InboundMessage
cursor = ImapCursor.objects.filter(inbox__name="legal").first()
print(json.dumps({"message_ids": list(InboundMessage.objects.values_list("message_id", flat=True)),
                  "uids": list(InboundMessage.objects.values_list("imap_uid", flat=True)),
                  "last_uid": cursor.last_uid if cursor else None}))
"""


@pytest.mark.slow
def test_a_worker_killed_mid_fetch_and_restarted_files_every_message_exactly_once(dovecot, tmp_path):
    from tests.security.serverproc import Instance

    uids = [dovecot.deliver(letter(n)) for n in range(1, MESSAGES + 1)]
    site = Instance(tmp_path / "home")
    site.manage("migrate", "--verbosity", "0", timeout=300)
    site.manage("shell", "-c", (
        "from rightsdesk.mail.models import Inbox; Inbox.objects.create(name='legal', address='legal@wikimedia.example',"
        f" imap_host='127.0.0.1', imap_port={dovecot.port}, imap_ssl=False, imap_user='{USER}',"
        f" imap_password_env='{PASSWORD_ENV}')"))

    stalled = tmp_path / "stalled"
    env = {**site.env(), "STALL_AFTER": str(STORED_BEFORE_KILL), "STALLED": str(stalled)}
    worker = subprocess.Popen([sys.executable, "-c", FETCH_THAT_STALLS], env=env, cwd=site.home,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while not stalled.exists() and worker.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert stalled.exists(), f"the fetch never reached message {STORED_BEFORE_KILL}: {worker.communicate()}"
    finally:
        if worker.poll() is None:
            os.kill(worker.pid, signal.SIGKILL)  # no finally, no atexit, no rollback
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL

    before = site.query(STATE)
    assert len(before["message_ids"]) == STORED_BEFORE_KILL
    assert before["last_uid"] == uids[STORED_BEFORE_KILL - 2], "the last message stored was not yet counted"

    restarted = site.manage("mail", "fetch", "--inbox", "legal")
    lines = restarted.stdout.strip().splitlines()
    assert "duplicate" in lines[0], lines  # the message stored just before the kill comes again, and is recognised
    assert all("new message" in line for line in lines[1:-1]), lines
    assert len(lines) == MESSAGES - STORED_BEFORE_KILL + 2, lines

    after = site.query(STATE)
    assert sorted(map(bare, after["message_ids"])) == sorted(f"request-{n}@example.org"
                                                              for n in range(1, MESSAGES + 1))
    assert sorted(after["uids"]) == uids
    assert after["last_uid"] == uids[-1]
