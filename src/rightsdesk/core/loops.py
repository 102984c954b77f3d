"""Background loops: a task that queues itself again when it ends (the mail poll, the report roll-up, the open-data
files, the Lumen retries).

The task worker (``rightsdesk db_worker``, or the worker thread of ``rightsdesk serve``) has no scheduler of its own,
so a periodic job is a task that, in a ``finally``, queues its next run. Two rules keep such a loop sound, and they
live here rather than in each app: a loop is never queued twice (starting it again while a run is waiting does
nothing, so a restart or a second ``... schedule`` command cannot double it), and it is not queued at all when it is
switched off or the task backend cannot run a task later (the immediate backend of the tests would recurse).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend


def waiting(task) -> int:
    """How many runs of ``task`` are queued and not yet started (with the database backend; 0 with any other)."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: nothing to look at
        return 0
    return DBTaskResult.objects.filter(task_path=task.module_path, status="READY").count()


def queue_again(task, *, after_seconds: int = 0, enabled: bool = True) -> bool:
    """Queue ``task`` to run ``after_seconds`` from now, unless a run is already waiting; False when nothing was
    queued: the loop is off (``enabled`` false), the backend cannot run a task later, or a run is waiting."""
    if not enabled or not default_task_backend.supports_defer or waiting(task):
        return False
    task.using(run_after=timezone.now() + timedelta(seconds=after_seconds)).enqueue()
    return True
