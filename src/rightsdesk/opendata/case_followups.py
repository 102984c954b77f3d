"""What the open data does when a notice is withdrawn from the public log, or its texts are written again (called by
name, ``core/registry.py``).

The bulk files the data page serves are copies of the log: a closed half-year's release is written once, ``latest/``
daily. Withdrawal and further redaction are the remedies when something private was published, so the releases that
may hold the notice as it was are written again as soon as the change is committed (a task: a release at a million
cases takes a while), and the daily run writes again any it finds still holding one (``bulk.holds_stale``).

A copy Lumen already stored cannot be withdrawn or updated through Lumen's API: the withdrawal or the rewrite opens,
in its own transaction, the staff's item "ask Lumen to remove it" (``lumen_removals.open_after_withdrawal``,
``open_after_rewrite``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone


def _rebuild_on_commit(record) -> None:
    from . import tasks

    # The time is read when the change commits: a release built after it has seen the change.
    transaction.on_commit(lambda: tasks.rebuild_after_change.enqueue([record.pk], timezone.now().isoformat()))


def record_withdrawn(record) -> None:
    from . import lumen_removals

    lumen_removals.open_after_withdrawal(record)
    _rebuild_on_commit(record)


def record_republished(record, *, rechecked: bool) -> None:
    from . import lumen_removals

    lumen_removals.open_after_rewrite(record, rechecked=rechecked)
    _rebuild_on_commit(record)
