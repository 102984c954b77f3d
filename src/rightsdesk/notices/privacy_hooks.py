"""What the notices app keeps about people, and the legal holds that stop a purge (see privacy/retention.py) and
leave a case out of the data-subject export (privacy/subject_export.py)."""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from rightsdesk.privacy import crypto

from .bookkeeping import hold_over
from .delivery import APPEAL_TOKEN_PURPOSE
from .models import LegalHold, Notice

PURGED = "[removed under the retention policy]"


def purge_blocked(case) -> str:
    """A case under a legal hold keeps its records until the hold ends."""
    if LegalHold.objects.filter(case=case).active().exists():
        return "under an active legal hold"
    return ""


def export_withheld(case, roles) -> bool:
    """Whether the data-subject export leaves this case out for a person with these roles in it: an active legal
    hold (a gag order) covers one of them. What a hold bars the notices from telling, the export does not tell either
    (``bookkeeping.hold_over``, the notices' own rule: an affected user's appeal is covered by a hold on the case
    appealed too).
    """
    return any(hold_over(case, role) for role in roles)


def purge_case(case) -> None:
    Notice.objects.filter(case=case).update(body=PURGED, recipient_account="", appeal_token_sealed="")


def subject_data(cases, parties, *, email: str = "", account: str = "") -> dict:
    """The notices sent to the person: sent ones only (a draft, a held or a queued notice was never told them)."""
    party_ids = [p.pk for p in parties]
    return {"notices_sent_to_you": [
        {"case": n.case.reference, "subject": n.subject, "status": n.status, "language": n.language, "text": n.body}
        for n in Notice.objects.filter(party_id__in=party_ids, status=Notice.Status.SENT).select_related("case")
    ]}


def reseal_texts(*, current_key: str, dry_run: bool, batch_size: int = 500) -> tuple[Counter, int]:
    """Re-seal the appeal tokens kept between delivery attempts (``delivery.appeal_token``) under the current key.

    A notice whose delivery failed keeps its appeal link's token sealed until an attempt succeeds; if the key it was
    sealed with were removed, the next attempt would make a new token and the link in an e-mail that did arrive
    would stop working. Batches of ``batch_size`` rows, each locked in its own transaction (an attempt running
    meanwhile writes the token it read, the same token)."""
    keys_before: Counter = Counter()
    resealed, last_pk = 0, 0
    while True:
        with transaction.atomic():
            rows = Notice.objects.exclude(appeal_token_sealed="").filter(pk__gt=last_pk).order_by("pk")
            batch = list((rows if dry_run else rows.select_for_update()).only("pk", "appeal_token_sealed")[:batch_size])
            if not batch:
                return keys_before, resealed
            last_pk = batch[-1].pk
            stale = []
            for notice in batch:
                key = crypto.sealed_key_id(notice.appeal_token_sealed) or "unreadable"
                keys_before[key] += 1
                if key != current_key:
                    stale.append(notice)
            resealed += len(stale)
            if stale and not dry_run:
                for notice in stale:
                    notice.appeal_token_sealed = crypto.reseal_text(notice.appeal_token_sealed, APPEAL_TOKEN_PURPOSE)
                Notice.objects.bulk_update(stale, ["appeal_token_sealed"])
