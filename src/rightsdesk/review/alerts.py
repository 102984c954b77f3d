"""The on-call alert for emergencies: queued once the case is committed, sent by a background task."""

from __future__ import annotations

from django.db import transaction

from .models import EmergencyRecord


def alert_oncall_soon(case, retry: bool = False) -> None:
    """Queue the on-call alert once the case is committed (at once, with the highest priority).

    The first time a case is seen to be an emergency the alert is queued;
    ``retry`` (each transition) queues it again while nobody has been alerted,
    e.g. after the mail server was down. The task itself sends at most once.
    """
    record, created = EmergencyRecord.objects.get_or_create(case=case)
    if record.alerted_at or not (created or retry):
        return
    case_id = case.pk

    def enqueue():
        from .tasks import alert_oncall

        alert_oncall.enqueue(case_id)

    transaction.on_commit(enqueue, robust=True)
