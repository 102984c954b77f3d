"""Figures the transparency report takes from the notices app.

Appeals are not counted here: an appeal is a Case of kind "appeal" whose
``appeal_of`` is the original case and whose outcome reads per
``policy.APPEAL_OUTCOME_LABELS`` (rejected = upheld, granted = reversed,
partially granted = partly reversed); the report counts those Case rows.
"""

from __future__ import annotations

from django.db.models import Q

from .models import Notice


def _barred(case_queryset):
    return Notice.objects.filter(case__in=case_queryset).filter(
        Q(status=Notice.Status.HELD) | Q(status=Notice.Status.CANCELLED, hold__isnull=False)
    )


def legally_barred_notices(case_queryset) -> int:
    """Notices of these cases that a legal hold bars now, or that were never sent because of one.

    "Not notified, legally barred" in the report. A notice held and later
    released and sent is not counted: its recipient was told.
    """
    return _barred(case_queryset).count()


def legally_barred_accounts(case_queryset) -> int:
    """Affected accounts of these cases not told because of a legal hold (one per account, not per notice)."""
    rows = _barred(case_queryset).filter(recipient_role="affected_user").values_list("case_id", "party_id",
                                                                                    "recipient_account")
    return len({(case_id, party_id or 0, (account or "").casefold()) for case_id, party_id, account in rows})


def notices_sent(case_queryset) -> int:
    return Notice.objects.filter(case__in=case_queryset, status=Notice.Status.SENT).count()


def delivery_status_counts(case_queryset=None) -> dict[str, int]:
    from django.db.models import Count

    qs = Notice.objects.all() if case_queryset is None else Notice.objects.filter(case__in=case_queryset)
    counts = {status: 0 for status in Notice.Status.values}
    for row in qs.values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts
