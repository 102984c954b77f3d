"""Demo data for the response times (clocks.CaseTimes): the demo's acknowledged cases get a first claim and most
of them a first message to the requester, a few hours to a few days after receipt (before any decision), so the
report's "Response times" section has figures. A second run adds nothing."""

from __future__ import annotations

import random
from datetime import timedelta

from rightsdesk.cases.models import Case
from rightsdesk.demo import register

from .models import CaseTimes


@register("case times", order=35)
def build_case_times(rng: random.Random, write) -> None:
    have = set(CaseTimes.objects.values_list("case_id", flat=True))
    rows = []
    for case in Case.objects.filter(acknowledged_at__isnull=False).order_by("received_at", "id"):
        if case.pk in have:
            continue
        claimed = case.acknowledged_at + timedelta(minutes=rng.randint(5, 60 * 36))
        answered = claimed + timedelta(minutes=rng.randint(10, 60 * 72)) if rng.random() < 0.7 else None
        if case.decided_at:
            claimed = min(claimed, case.decided_at)
            answered = min(answered, case.decided_at) if answered else None
        rows.append(CaseTimes(case=case, claimed_at=claimed, first_response_at=answered))
    CaseTimes.objects.bulk_create(rows)
    write(f"  response times: {len(rows)} cases")
