"""What the task queue keeps about people, purged by ``rightsdesk retention`` (privacy/retention.py).

The database task backend keeps every finished task's row: its arguments (a case's id, a sealed token, an address's
blind index) and, for a failed one, its traceback (masked, core.tasks, but still the words of an error about a
person's request). Nothing reads them once finished except someone debugging a failure, so they are deleted after
``RIGHTSDESK_TASK_RESULT_DAYS`` (default 14) days, with django-tasks-db's own pruning (its ``finished()`` rows).
Tasks still waiting or running are never touched.

A failed task's traceback has been kept masked since ``core.tasks`` (every task raises ``TaskFailed`` with the
traceback masked by ``core.logfilters.masked``); rows that failed before that, or through a task not made with it,
kept the exception as raised (an SMTP refusal naming the recipient). :func:`mask_kept` masks every kept traceback
again by the same rule on each retention run, so such a row loses its addresses and private links the next night
instead of waiting out its days; masking a masked text changes nothing, so only rows that change are written.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

DEFAULT_TASK_RESULT_DAYS = 14
BATCH = 500


def purge_unattached(now=None, dry_run: bool = False) -> int:
    """Delete the rows of tasks that finished (succeeded or failed) more than the configured days ago."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another task backend keeps no rows here
        return 0
    days = int(getattr(settings, "RIGHTSDESK_TASK_RESULT_DAYS", DEFAULT_TASK_RESULT_DAYS))
    due = DBTaskResult.objects.finished().filter(finished_at__lt=(now or timezone.now()) - timedelta(days=days))
    if dry_run:
        return due.count()
    deleted, _per_model = due.delete()
    return deleted


def mask_kept(dry_run: bool = False) -> int:
    """Mask the traceback of every kept task row by the log mask's rule; how many rows changed (or would)."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another task backend keeps no rows here
        return 0
    from .logfilters import masked

    changed, batch = 0, []
    rows = DBTaskResult.objects.exclude(traceback="").only("pk", "traceback").order_by("pk")
    for row in rows.iterator(chunk_size=BATCH):
        clean = masked(row.traceback)
        if clean == row.traceback:
            continue
        changed += 1
        if not dry_run:
            row.traceback = clean
            batch.append(row)
        if len(batch) >= BATCH:
            DBTaskResult.objects.bulk_update(batch, ["traceback"])
            batch = []
    if batch:
        DBTaskResult.objects.bulk_update(batch, ["traceback"])
    return changed
