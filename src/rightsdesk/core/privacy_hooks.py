"""What the task queue keeps about people, purged by ``rightsdesk retention`` (privacy/retention.py).

The database task backend keeps every finished task's row: its arguments (a case's id, a sealed token, an address's
blind index) and, for a failed one, its traceback (masked, core.tasks, but still the words of an error about a
person's request). Nothing reads them once finished except someone debugging a failure, so they are deleted after
``RIGHTSDESK_TASK_RESULT_DAYS`` (default 14) days, with django-tasks-db's own pruning (its ``finished()`` rows).
Tasks still waiting or running are never touched.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

DEFAULT_TASK_RESULT_DAYS = 14


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
