"""The task worker polls the IMAP inboxes: `rightsdesk mail poll` starts a loop that queues itself again.

Checked with the database task backend, as production runs it: starting twice queues one poll, a poll run queues the
next one POLL_SECONDS later (also when its fetch failed), and polling off (0) or a backend that cannot wait refuses
with what to do instead.
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    settings.RIGHTSDESK_MAIL = {**settings.RIGHTSDESK_MAIL, "POLL_SECONDS": 90}


def waiting():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(task_path="rightsdesk.mail.tasks.poll_inboxes", status="READY"))


def test_starting_the_poll_twice_queues_one_poll(database_backend):
    out = StringIO()
    call_command("mail", "poll", stdout=out)
    call_command("mail", "poll", stdout=out)
    assert "polling started: the task worker fetches the inboxes every 90 s" in out.getvalue()
    assert "polling is already running (1 poll waiting); nothing changed" in out.getvalue()
    assert len(waiting()) == 1


def test_a_poll_queues_the_next_one_poll_seconds_later_even_when_its_fetch_fails(database_backend, monkeypatch):
    from rightsdesk.core.tasks import TaskFailed
    from rightsdesk.mail import imap, tasks

    def broken():
        raise RuntimeError("the IMAP code broke")

    monkeypatch.setattr(imap, "fetch_all", broken)
    with pytest.raises(TaskFailed, match="RuntimeError: the IMAP code broke"):  # kept masked (core/tasks.py)
        tasks.poll_inboxes.call()
    [next_poll] = waiting()
    expected = timezone.now() + timedelta(seconds=90)
    assert abs((next_poll.run_after - expected).total_seconds()) < 10


@pytest.mark.parametrize("poll_seconds, backend, message", [
    (0, "django_tasks_db.backend.DatabaseBackend", "Polling is off"),
    (60, "django_tasks.backends.immediate.ImmediateBackend", "cannot run a task later"),
])
def test_polling_that_cannot_run_is_refused_saying_to_use_cron(settings, poll_seconds, backend, message):
    settings.TASKS = {"default": {"BACKEND": backend}}
    settings.RIGHTSDESK_MAIL = {**settings.RIGHTSDESK_MAIL, "POLL_SECONDS": poll_seconds}
    with pytest.raises(CommandError, match=message) as refused:
        call_command("mail", "poll")
    assert "rightsdesk mail fetch" in str(refused.value)
