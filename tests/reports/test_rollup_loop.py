"""The task worker keeps the report's roll-ups current: `rightsdesk report-rollup --schedule` starts a loop.

The loop's rules are the shared ones of ``core.loops`` (also used by the mail poll and the open-data files): started
twice it queues one run, a run queues the next REPORT_ROLLUP_SECONDS later even when its fold failed, and with the
loop off (0) or a backend that cannot run a task later nothing is queued.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rightsdesk.reports import rollup, tasks

pytestmark = pytest.mark.django_db


def waiting():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(task_path="rightsdesk.reports.tasks.fold_changes", status="READY"))


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "REPORT_ROLLUP_SECONDS": 120}


def test_starting_the_fold_loop_twice_queues_one_run(database_backend):
    assert tasks.schedule_fold() is True
    assert tasks.schedule_fold() is False
    assert len(waiting()) == 1


def test_a_fold_queues_the_next_one_rollup_seconds_later_even_when_it_fails(database_backend, monkeypatch):
    def broken():
        raise RuntimeError("the fold broke")

    from rightsdesk.core.tasks import TaskFailed

    monkeypatch.setattr(rollup, "fold", broken)
    with pytest.raises(TaskFailed, match="RuntimeError: the fold broke"):  # kept masked (core/tasks.py)
        tasks.fold_changes.call()
    [next_run] = waiting()
    expected = timezone.now() + timedelta(seconds=120)
    assert abs((next_run.run_after - expected).total_seconds()) < 10


@pytest.mark.parametrize("seconds, backend", [
    (0, "django_tasks_db.backend.DatabaseBackend"),
    (120, "django_tasks.backends.immediate.ImmediateBackend"),
])
def test_a_loop_that_is_off_or_cannot_wait_queues_nothing(settings, seconds, backend):
    settings.TASKS = {"default": {"BACKEND": backend}}
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "REPORT_ROLLUP_SECONDS": seconds}
    assert tasks.schedule_fold() is False
