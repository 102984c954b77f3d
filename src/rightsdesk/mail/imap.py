"""Fetching an inbox's mail from its IMAP server, so nothing is fetched twice or missed after a crash.

:func:`fetch_inbox` reads the messages of one :class:`~rightsdesk.mail.models.Inbox`'s IMAP folder whose UID is
above the inbox's :class:`~rightsdesk.mail.models.ImapCursor`, oldest first, and for each one:

1. fetches the whole message (``BODY.PEEK[]``: the server does not mark it read yet);
2. stores it with :func:`rightsdesk.mail.services.receive_message` (its own transaction);
3. advances the cursor to that UID (another transaction);
4. flags it ``\\Seen`` on the server. Nothing is ever deleted or moved on the server.

A worker killed between 2 and 3 fetches that message again next time; ``receive_message`` recognises it (same
Message-ID) and answers "duplicate", so it is filed once. UIDs only mean something together with the folder's
UIDVALIDITY: when the server announces a different one (the mailbox was rebuilt or migrated), the cursor starts
again from the first message and the messages already stored come back as duplicates.

When the server cannot be reached, refuses the login, or a message cannot be stored, :class:`FetchError` is
raised with a message fit for an operator (no password, nothing from the messages); what was stored before
stays stored and the cursor points just after it, so the next run resumes there.
"""

from __future__ import annotations

import imaplib
import logging
import os
import ssl

from django.db import transaction
from imap_tools import MailBox, MailBoxUnencrypted, MailMessage
from imap_tools.errors import ImapToolsError, MailboxLoginError

from . import services
from .models import ImapCursor, Inbox

logger = logging.getLogger("rightsdesk.mail")

#: Seconds to wait for the IMAP server before giving up on a connection or a command.
TIMEOUT = 60


class FetchError(Exception):
    """An inbox could not be fetched (the server, the login, the configuration, or storing a message failed).

    The message names the inbox and what to fix; it never contains the password or anything of a message.
    """


class RawMailMessage(MailMessage):
    """imap-tools' message, keeping the exact bytes the server sent (stored as the original)."""

    def __init__(self, fetch_data: list) -> None:
        super().__init__(fetch_data)
        self.raw: bytes = self._get_message_data_parts(fetch_data)[0]


def password_for(inbox: Inbox) -> str:
    if not inbox.imap_host or not inbox.imap_user:
        raise FetchError(f"inbox {inbox.name}: no IMAP server or user is configured")
    if not inbox.imap_password_env:
        raise FetchError(f"inbox {inbox.name}: no environment variable for the IMAP password is configured "
                         "(imap_password_env)")
    password = os.environ.get(inbox.imap_password_env)
    if not password:
        raise FetchError(f"inbox {inbox.name}: the environment variable {inbox.imap_password_env} holding the IMAP "
                         "password is not set")
    return password


def connect(inbox: Inbox):
    """Connect and log in to the inbox's IMAP server; the caller logs out."""
    password = password_for(inbox)
    where = f"{inbox.imap_host}:{inbox.imap_port}"
    try:
        if inbox.imap_ssl:
            mailbox = MailBox(inbox.imap_host, inbox.imap_port, timeout=TIMEOUT)
        else:
            mailbox = MailBoxUnencrypted(inbox.imap_host, inbox.imap_port, timeout=TIMEOUT)
    except ssl.SSLError as exc:
        raise FetchError(f"inbox {inbox.name}: TLS with the IMAP server {where} failed ({exc.reason or 'SSL error'}); "
                         "check imap_ssl and imap_port") from None
    except (OSError, imaplib.IMAP4.error) as exc:
        raise FetchError(f"inbox {inbox.name}: cannot reach the IMAP server {where} "
                         f"({getattr(exc, 'strerror', None) or type(exc).__name__})") from None
    mailbox.email_message_class = RawMailMessage
    try:
        mailbox.login(inbox.imap_user, password, initial_folder=None)
    except MailboxLoginError:
        _close(mailbox)
        raise FetchError(f"inbox {inbox.name}: the IMAP server {where} refused the login of user {inbox.imap_user} "
                         f"(check the user and the password in {inbox.imap_password_env})") from None
    except (OSError, imaplib.IMAP4.error, ImapToolsError) as exc:  # a dropped connection, a protocol error
        _close(mailbox)
        raise FetchError(f"inbox {inbox.name}: logging in to the IMAP server {where} failed "
                         f"({type(exc).__name__})") from None
    return mailbox


def _close(mailbox) -> None:
    try:
        mailbox.client.shutdown()
    except Exception:  # already closed
        pass


def _advance(inbox: Inbox, uidvalidity: int, uid: int) -> None:
    # Only forwards, and only under the UIDVALIDITY it was read with: two fetches of one inbox at once (cron and the
    # worker) never move the cursor back, so at worst a message is fetched again and recognised as a duplicate.
    with transaction.atomic():
        ImapCursor.objects.filter(inbox=inbox, uidvalidity=uidvalidity, last_uid__lt=uid).update(last_uid=uid)


def fetch_inbox(inbox: Inbox, *, on_message=None) -> list[services.Received]:
    """Fetch and store every message of ``inbox`` above its cursor, oldest first; returns what happened to each.

    ``on_message(uid, received)`` is called after each message is stored (the command prints a line). Raises
    :class:`FetchError` (after logging it) when the server or storing fails; the messages stored until then stay
    stored and counted in the cursor.
    """
    done: list[services.Received] = []
    try:
        _fetch(inbox, done, on_message)
    except FetchError as exc:
        logger.error("mail.imap_fetch_failed %s (%d message(s) stored before)", exc, len(done))
        raise
    return done


def _fetch(inbox: Inbox, done: list, on_message) -> None:
    folder = inbox.imap_folder or "INBOX"
    mailbox = connect(inbox)
    try:
        try:
            uidvalidity = int(mailbox.folder.status(folder, ["UIDVALIDITY"])["UIDVALIDITY"])
            mailbox.folder.set(folder)
        except (ImapToolsError, KeyError, ValueError):
            raise FetchError(f"inbox {inbox.name}: the IMAP folder {folder!r} cannot be opened "
                             "(check imap_folder)") from None
        cursor, _ = ImapCursor.objects.get_or_create(inbox=inbox)
        if cursor.uidvalidity is not None and cursor.uidvalidity != uidvalidity:
            logger.warning("mail.imap_uidvalidity_changed inbox=%s old=%s new=%s: reading the folder again from the "
                           "start (messages already stored are recognised as duplicates)",
                           inbox.name, cursor.uidvalidity, uidvalidity)
            cursor.last_uid = 0
        if cursor.uidvalidity != uidvalidity:
            cursor.uidvalidity = uidvalidity
            cursor.save(update_fields=["uidvalidity", "last_uid", "updated_at"])
        last = cursor.last_uid
        # "UID n:*" always matches the newest message, even one below n: keep only those above the cursor.
        uids = sorted(u for u in map(int, mailbox.uids(f"UID {last + 1}:*")) if u > last)
        for uid in uids:
            messages = list(mailbox.fetch(uid_list=[str(uid)], mark_seen=False))
            if not messages:  # expunged meanwhile
                continue
            try:
                received = services.receive_message(inbox.name, messages[0].raw, imap_uid=uid)
            except services.MailStoreError:
                raise FetchError(f"inbox {inbox.name}: message UID {uid} could not be stored; it stays on the "
                                 "server and will be fetched again") from None
            except Exception as exc:  # a defect must not lose the message either: it stays on the server
                # Not logger.exception: an exception's text may quote the message, which must not reach the log.
                logger.error("mail.imap_store_crashed inbox=%s uid=%s error=%s", inbox.name, uid, type(exc).__name__)
                raise FetchError(f"inbox {inbox.name}: message UID {uid} could not be stored "
                                 f"({type(exc).__name__}); it stays on the server and will be fetched again") from None
            _advance(inbox, uidvalidity, uid)
            done.append(received)
            logger.info("mail.imap_fetched inbox=%s uid=%s outcome=%s", inbox.name, uid, received.outcome)
            if on_message is not None:
                on_message(uid, received)
            try:
                mailbox.flag(str(uid), "\\Seen", True)
            except (ImapToolsError, imaplib.IMAP4.error):
                logger.warning("mail.imap_flag_failed inbox=%s uid=%s (stored; only the Seen flag is missing)",
                               inbox.name, uid)
    except (OSError, imaplib.IMAP4.error, ImapToolsError) as exc:
        raise FetchError(f"inbox {inbox.name}: the connection to the IMAP server {inbox.imap_host}:{inbox.imap_port} "
                         f"failed during the fetch ({type(exc).__name__}); what was stored is kept and the rest will "
                         "be fetched next time") from None
    finally:
        try:
            mailbox.logout()
        except Exception:  # the connection is already gone
            _close(mailbox)


def inboxes_to_fetch(name: str | None = None):
    """The active inboxes with an IMAP server, or the one called ``name`` (raises Inbox.DoesNotExist)."""
    if name is not None:
        return [Inbox.objects.get(name=name)]
    return list(Inbox.objects.filter(active=True).exclude(imap_host=""))


def fetch_all(*, name: str | None = None, on_message=None) -> dict[str, list | FetchError]:
    """Fetch every active inbox with an IMAP server (or only the one called ``name``).

    One inbox failing does not stop the others: its entry is the :class:`FetchError` (already logged).
    """
    results: dict[str, list | FetchError] = {}
    for inbox in inboxes_to_fetch(name):
        try:
            results[inbox.name] = fetch_inbox(inbox, on_message=on_message)
        except FetchError as exc:
            results[inbox.name] = exc
    return results
