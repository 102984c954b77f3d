"""Background work of the mail intake: fetching the inboxes from their IMAP servers.

``poll_inboxes`` is the polling loop, run by the task worker (``rightsdesk db_worker``, or the worker thread of
``rightsdesk serve``): it fetches every active IMAP inbox, then queues itself again ``RIGHTSDESK_MAIL["POLL_SECONDS"]``
later. ``rightsdesk mail poll`` starts the loop (once after installing; starting it again while a poll is waiting
does nothing). ``fetch_all_inboxes`` is one fetch, and ``rightsdesk mail fetch`` the same from cron. Either way a
fetch resumes where the last one stopped (the IMAP cursor), and an inbox that cannot be fetched is logged and skipped
without stopping the others.
"""

from __future__ import annotations

import logging

from django.conf import settings

from rightsdesk.core import loops
from rightsdesk.core.tasks import task

from . import imap

logger = logging.getLogger("rightsdesk.mail")


@task()
def fetch_all_inboxes() -> dict[str, int]:
    """Fetch every active inbox with an IMAP server; returns, per inbox, how many messages were fetched (-1: failed)."""
    return {name: -1 if isinstance(result, imap.FetchError) else len(result)
            for name, result in imap.fetch_all().items()}


def poll_seconds() -> int:
    return int(settings.RIGHTSDESK_MAIL.get("POLL_SECONDS", 120))


def waiting_polls() -> int:
    """Polls queued and not yet run (with the database backend; 0 with any other)."""
    return loops.waiting(poll_inboxes)


def schedule_poll(after_seconds: int = 0) -> bool:
    """Queue the next poll unless one is waiting; False when polling is off or the backend cannot wait."""
    return loops.queue_again(poll_inboxes, after_seconds=after_seconds, enabled=poll_seconds() > 0)


@task()
def poll_inboxes() -> dict[str, int]:
    """One fetch of every inbox, then the next poll queued (even when this fetch failed: the loop must not die)."""
    try:
        return fetch_all_inboxes.call()
    finally:
        if schedule_poll(after_seconds=poll_seconds()):
            logger.info("mail.poll next in %d s", poll_seconds())
