"""When a case was first claimed and first answered (clocks.models.CaseTimes): recorded once, when it happens.

Called by review.services inside their transactions: claiming or assigning a case, writing to the requester.
A later claim or message changes nothing (the first one counts).
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from .models import CaseTimes


def _first(case_id: int, field: str, at: datetime | None) -> None:
    at = at or timezone.now()
    times, _created = CaseTimes.objects.get_or_create(case_id=case_id)
    if getattr(times, field) is None:
        CaseTimes.objects.filter(pk=case_id, **{f"{field}__isnull": True}).update(**{field: at})


def claimed(case, at: datetime | None = None) -> None:
    """The case was claimed or assigned to someone (the first time counts)."""
    _first(case.pk, "claimed_at", at)


def responded(case, at: datetime | None = None) -> None:
    """Staff wrote to the requester (the first message counts)."""
    _first(case.pk, "first_response_at", at)
