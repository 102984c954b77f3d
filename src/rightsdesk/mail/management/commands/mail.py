"""`rightsdesk mail receive --inbox NAME < message.eml` and `rightsdesk mail fetch [--inbox NAME]`.

``receive`` is the mail server's pipe (the interface of Request Tracker's mail gateway): Postfix or Exim delivers
one message on standard input, e.g. in /etc/aliases::

    legal: "|/srv/rightsdesk/.venv/bin/rightsdesk mail receive --inbox legal"

It prints one line for the mail server's log and exits

- 0 when the message is stored (new, filed, flagged, a duplicate) or deliberately ignored (auto-reply, bounce);
- 75 (EX_TEMPFAIL) when it could not be stored: the mail server keeps it and tries again;
- 64 (EX_USAGE) for an inbox that does not exist: a configuration mistake, said plainly.

``fetch`` reads the inboxes' IMAP folders (see rightsdesk.mail.imap).
"""

from __future__ import annotations

import sys

from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand

EX_OK = 0
EX_USAGE = 64
EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = ("Received e-mail: 'receive --inbox NAME' stores one message read from standard input (a mail server's "
            "pipe); 'fetch' reads the inboxes' IMAP folders.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        receive = sub.add_parser("receive", help="store one message read from standard input")
        receive.add_argument("--inbox", required=True, help="the inbox's name (legal, dmca, privacy, emergency...)")
        fetch = sub.add_parser("fetch", help="fetch new messages from the inboxes' IMAP folders")
        fetch.add_argument("--inbox", help="only this inbox (default: every active inbox with an IMAP server)")
        sub.add_parser("poll", help="start the task worker's polling of the IMAP inboxes (every "
                                    "RIGHTSDESK_MAIL_POLL_SECONDS); does nothing if a poll is already waiting")

    def handle(self, *args, **options):
        if options["action"] == "receive":
            sys.exit(self.receive(options["inbox"]))
        if options["action"] == "fetch":
            return self.fetch(options.get("inbox"))
        if options["action"] == "poll":
            return self.poll()
        raise CommandError(f"unknown action {options['action']}")

    # --- receive ------------------------------------------------------------------------------------------------

    def receive(self, inbox_name: str) -> int:
        from rightsdesk.mail.services import MailStoreError, UnknownInbox, receive_message

        try:
            raw = sys.stdin.buffer.read()
        except OSError as exc:
            self.stdout.write(f"not stored: could not read the message ({exc.__class__.__name__}); try again later")
            return EX_TEMPFAIL
        if not raw.strip():
            self.stdout.write("not stored: the message is empty")
            return EX_USAGE
        try:
            received = receive_message(inbox_name, raw)
        except UnknownInbox as exc:
            self.stdout.write(f"not stored: {exc}")
            return EX_USAGE
        except MailStoreError as exc:
            self.stdout.write(f"not stored: {exc}")
            return EX_TEMPFAIL
        except Exception as exc:  # never lose mail to a bug: the server keeps it and retries
            self.stdout.write(f"not stored: unexpected {exc.__class__.__name__}; try again later")
            return EX_TEMPFAIL
        self.stdout.write(received.line)
        return EX_OK

    # --- poll (the task worker's loop) ---------------------------------------------------------------------------

    def poll(self) -> None:
        from django_tasks import default_task_backend

        from rightsdesk.mail.tasks import poll_seconds, schedule_poll, waiting_polls

        if poll_seconds() <= 0:
            raise CommandError("Polling is off (RIGHTSDESK_MAIL_POLL_SECONDS=0); run 'rightsdesk mail fetch' from cron.")
        if not default_task_backend.supports_defer:
            raise CommandError("The task backend cannot run a task later; run 'rightsdesk mail fetch' from cron.")
        if schedule_poll():
            self.stdout.write(f"polling started: the task worker fetches the inboxes every {poll_seconds()} s")
        else:
            self.stdout.write(f"polling is already running ({waiting_polls()} poll waiting); nothing changed")

    # --- fetch (IMAP) -------------------------------------------------------------------------------------------

    def fetch(self, inbox_name: str | None) -> None:
        """One line per message fetched (``legal UID 7: new message 17 in inbox legal``), then one per inbox
        (``legal: 3 messages fetched (2 new, 1 duplicate)``); exits 1 naming each inbox that could not be fetched."""
        from rightsdesk.mail import imap
        from rightsdesk.mail.models import Inbox

        try:
            inboxes = imap.inboxes_to_fetch(inbox_name)
        except Inbox.DoesNotExist:
            known = ", ".join(Inbox.objects.order_by("name").values_list("name", flat=True)) or "none configured"
            raise CommandError(f"no inbox named '{inbox_name}' (inboxes: {known})") from None
        if not inboxes:
            self.stdout.write("no active inbox has an IMAP server configured")
            return
        failed = []
        for inbox in inboxes:
            def say(uid, received, name=inbox.name):
                self.stdout.write(f"{name} UID {uid}: {received.line}")

            try:
                received = imap.fetch_inbox(inbox, on_message=say)
            except imap.FetchError as exc:
                failed.append(str(exc))
                continue
            self.stdout.write(fetch_summary(inbox.name, received))
        if failed:
            raise CommandError("\n".join(failed))


def fetch_summary(name: str, received: list) -> str:
    if not received:
        return f"{name}: no new messages"
    counts: dict[str, int] = {}
    for one in received:
        counts[one.outcome] = counts.get(one.outcome, 0) + 1
    order = ["new", "filed", "duplicate", "ignored", "flagged"]
    detail = ", ".join(f"{counts[o]} {o}" for o in [*order, *sorted(set(counts) - set(order))] if o in counts)
    plural = "message" if len(received) == 1 else "messages"
    return f"{name}: {len(received)} {plural} fetched ({detail})"
