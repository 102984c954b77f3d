"""Background tasks (django-tasks): deliver a notice, and the periodic release of expired holds.

The database backend (django_tasks_db, the default) stores each task in the
same transaction as the notice that queued it, so a notice is never queued
without its task or the other way round; ``rightsdesk db_worker`` runs them.
Retries are scheduled by :mod:`delivery` with ``run_after`` on backends that
can defer; on others (the immediate backend used in development) a failed
attempt waits for ``rightsdesk send_notices``, which also catches anything a
worker missed.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend

from rightsdesk.core.tasks import task


@task()
def deliver_notice(notice_id: int) -> str:
    from .delivery import deliver

    return deliver(notice_id, enqueue=enqueue_delivery)


@task()
def release_holds_and_send() -> dict:
    """Release the holds whose date passed and attempt due deliveries; run it periodically."""
    from .delivery import send_due

    return send_due(enqueue=enqueue_delivery)


def enqueue_delivery(notice_id: int, run_after=None) -> None:
    """Queue one delivery attempt; a retry waits until ``run_after`` where the backend can defer."""
    if run_after is not None:
        if not default_task_backend.supports_defer:
            return  # picked up by `rightsdesk send_notices` when due
        deliver_notice.using(run_after=max(run_after, timezone.now() + timedelta(seconds=1))).enqueue(notice_id)
        return
    deliver_notice.enqueue(notice_id)


def schedule_release(at) -> None:
    """Have a worker release holds and send their notices when a hold's date comes (backends that can defer).

    Without a deferring backend the date is met by `rightsdesk send_notices` or
    `rightsdesk release_holds` from cron, and by every delivery attempt.
    """
    if default_task_backend.supports_defer:
        release_holds_and_send.using(run_after=at + timedelta(seconds=1)).enqueue()
