"""Background task of the audit app: a checkpoint of the chains' heads (see :mod:`rightsdesk.audit.checkpoint`).

rightsdesk has no scheduler of its own (``rightsdesk serve`` runs the task
worker, not periodic jobs), so the regular checkpoint comes from cron running
``rightsdesk audit checkpoint`` (docs/operations.md). This task does the same
for code that wants one queued, e.g. after a bulk import or before maintenance.
"""

from __future__ import annotations

from rightsdesk.core.tasks import task


@task()
def write_checkpoint() -> dict:
    """Checkpoint every chain; returns what was written where (no personal data)."""
    from .checkpoint import write

    run = write()
    return {"checkpoints": {c.chain: c.length for c in run.checkpoints},
            "broken": [str(problem) for problem in run.broken],
            "delivered": run.delivered, "failed": run.failed}
