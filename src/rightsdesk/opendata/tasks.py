"""Background work of the open data: the daily bulk files and sending notices to Lumen.

``regenerate_daily`` rebuilds the bulk files (``bulk.regenerate``: ``latest/`` and each newly closed half-year),
then queues itself again ``RIGHTSDESK_OPENDATA["REGENERATE_HOURS"]`` later; ``schedule_daily`` starts the loop
(``rightsdesk opendata schedule``, or the demo), doing nothing while a run is waiting.

``send_to_lumen`` sends every due notice (``lumen_client.submit_due``) and, when some failed (5xx, timeouts),
queues itself again for when the first of them may be retried: the backoff lives in the submissions' rows.
"""

from __future__ import annotations

import logging
from datetime import datetime

from rightsdesk.core import loops
from rightsdesk.core.tasks import task

from . import bulk, conf, lumen_client

logger = logging.getLogger("rightsdesk.opendata")


def schedule_daily(after_seconds: int = 0) -> bool:
    return loops.queue_again(regenerate_daily, after_seconds=after_seconds, enabled=int(conf.get("REGENERATE_HOURS")) > 0)


@task()
def regenerate_daily() -> dict:
    """Rebuild the bulk files, then queue the next run (even when this one failed: the loop must not die)."""
    try:
        return bulk.regenerate()
    finally:
        schedule_daily(after_seconds=int(conf.get("REGENERATE_HOURS")) * 3600)
        schedule_lumen()  # newly published notices go to Lumen too


@task()
def rebuild_after_change(record_ids: list[int], committed_at: str) -> dict:
    """Notices left the public log or had their texts written again (the change committed at ``committed_at``, ISO
    8601): write again the releases that may hold them as they were (``bulk.after_change``)."""
    return bulk.after_change(record_ids, datetime.fromisoformat(committed_at))


@task()
def rebuild_after_withdrawal() -> dict:
    """Kept for the runs queued before ``rebuild_after_change`` replaced it (a queued task names its function)."""
    return bulk.after_change()


def schedule_lumen(after_seconds: int = 0) -> bool:
    return loops.queue_again(send_to_lumen, after_seconds=after_seconds, enabled=conf.lumen_enabled())


@task()
def send_to_lumen() -> dict:
    """Send the due notices to Lumen; when some failed, come back when the first may be retried."""
    if not conf.lumen_enabled():
        return {"skipped": "Lumen is not configured"}
    try:
        report = lumen_client.submit_due()
    except lumen_client.LumenUnauthorised as exc:
        logger.warning("lumen.unauthorised %s", exc.message)
        return {"error": exc.message}
    retry = lumen_client.next_retry_in()
    if retry is not None:
        schedule_lumen(after_seconds=retry)
    return {"submitted": report.submitted, "rejected": report.rejected, "failed": report.failed}
