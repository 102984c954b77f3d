"""What the open data does when a notice is withdrawn from the public log (called by name, ``core/registry.py``).

The bulk files the data page serves are copies of the log: a closed half-year's release is written once, ``latest/``
daily. Withdrawal is the remedy when something private was published, so the releases that may hold the notice are
written again as soon as the withdrawal is committed (a task: a release at a million cases takes a while), and the
daily run writes again any it finds still holding one (``bulk.holds_withdrawn``).

A copy Lumen already stored cannot be withdrawn through Lumen's API: the withdrawal opens, in its own transaction,
the staff's item "ask Lumen to remove it" (``lumen_removals.open_after_withdrawal``).
"""

from __future__ import annotations

from django.db import transaction


def record_withdrawn(record) -> None:
    from . import lumen_removals, tasks

    lumen_removals.open_after_withdrawal(record)
    transaction.on_commit(lambda: tasks.rebuild_after_withdrawal.enqueue())
