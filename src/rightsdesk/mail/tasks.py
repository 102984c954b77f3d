"""Background work of the mail intake: fetching the inboxes from their IMAP servers.

``fetch_all_inboxes`` runs through django-tasks (the worker of ``rightsdesk serve``); an operator can also run
``rightsdesk mail fetch`` from cron. Either way a fetch resumes where the last one stopped (the IMAP cursor), and
an inbox that cannot be fetched is logged and skipped without stopping the others.
"""

from __future__ import annotations

from django_tasks import task

from . import imap


@task()
def fetch_all_inboxes() -> dict[str, int]:
    """Fetch every active inbox with an IMAP server; returns, per inbox, how many messages were fetched (-1: failed)."""
    return {name: -1 if isinstance(result, imap.FetchError) else len(result)
            for name, result in imap.fetch_all().items()}
