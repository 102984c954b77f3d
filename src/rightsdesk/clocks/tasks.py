"""The clocks tick: a background task (and `rightsdesk clocks tick`) that pauses, resumes and escalates."""

from __future__ import annotations

from rightsdesk.core.tasks import task

from . import services


@task()
def tick() -> int:
    """Escalate every statutory clock past its deadline; returns how many were escalated."""
    return len(services.expire_due())
