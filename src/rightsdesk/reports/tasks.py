"""Background work of the report: folding what changed into the daily roll-ups (``rollup.fold``).

``fold_changes`` is a loop run by the task worker (``rightsdesk db_worker``, or the worker thread of
``rightsdesk serve``): it folds every case change since the last run into the roll-ups, then queues itself again
``RIGHTSDESK["REPORT_ROLLUP_SECONDS"]`` later (default 300; 0 stops the loop). ``rightsdesk report-rollup
--schedule`` starts it (once after installing), doing nothing while a run is waiting. The report is exact whether or
not the loop runs (days not folded yet are counted from the raw tables); the loop keeps it fast.
"""

from __future__ import annotations

import logging

from django.conf import settings

from rightsdesk.core import loops
from rightsdesk.core.tasks import task

from . import rollup

logger = logging.getLogger("rightsdesk.reports")


def fold_seconds() -> int:
    return int(settings.RIGHTSDESK.get("REPORT_ROLLUP_SECONDS", 300))


def schedule_fold(after_seconds: int = 0) -> bool:
    """Queue the next fold unless one is waiting; False when the loop is off or the backend cannot wait."""
    return loops.queue_again(fold_changes, after_seconds=after_seconds, enabled=fold_seconds() > 0)


@task()
def fold_changes() -> dict:
    """Fold the changes into the roll-ups, then queue the next run (even when this one failed: the loop must not
    die). Returns how many days were recomputed and rows written (no personal data)."""
    try:
        done = rollup.fold()
        logger.info("report.rollup folded %d days", done["days"])
        return done
    finally:
        schedule_fold(after_seconds=fold_seconds())
