"""Demo notices, legal holds and placeholders, built on the demo cases (deterministic).

Every decided demo case gets the notices its decision owed, rendered from the
real templates: most were sent when the case was notified; notices about
user-data requests the demo counts as "not notified" are held by a gag
order; a few recent deliveries failed, so the outbox has work in it. Demo
appeals get their filing, and reversed ones restore the items of the case
they appeal, recorded in its history, as the real flow does.
"""

from __future__ import annotations

import random
from datetime import timedelta

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.demo import register

from . import rendering, services
from .models import LegalHold, Notice, Placeholder

_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _public_id(rng: random.Random) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(16))


def _notices_for(rng: random.Random, case: Case, hold: LegalHold | None) -> list[Notice]:
    made = []
    sent_at = case.notified_at or (case.decided_at + timedelta(hours=2) if case.decided_at else None)
    for owed in services.owed_notices(case):
        purpose = owed["purpose"]
        subject, body = rendering.render(case, purpose, owed["language"], owed["items"],
                                         appealable=purpose in services.APPEALABLE,
                                         disclosure_wait=purpose == Notice.Purpose.PRIOR_DISCLOSURE)
        notice = Notice(case=case, purpose=purpose, recipient_role=owed["role"], party=owed.get("party"),
                        recipient_account=owed.get("account", ""), language=owed["language"], subject=subject,
                        body=body, created_at=case.decided_at or case.received_at, approved_at=case.decided_at)
        if hold is not None and hold.covers(notice.recipient_role):
            notice.status, notice.hold = Notice.Status.HELD, hold
        elif sent_at is not None:
            notice.status, notice.sent_at, notice.attempts = Notice.Status.SENT, sent_at, 1
        made.append((notice, owed["items"]))
    Notice.objects.bulk_create([n for n, _ in made])
    for notice, items in made:
        if items:
            notice.items.set(items)
    return [n for n, _ in made]


def _placeholders(rng: random.Random, case: Case) -> None:
    legal = services.is_legal_demand(case)
    for item in case.items.filter(action__in=[c.Action.REMOVE, c.Action.HIDE_REVISION, c.Action.RESTRICT_COUNTRY]
                                  ).exclude(item_type=c.ItemType.ACCOUNT).order_by("id"):
        Placeholder.objects.get_or_create(item=item, defaults={
            "public_id": _public_id(rng), "legal_demand": legal, "created_at": case.decided_at or case.received_at})


@register("notices", order=40)
def build_notices(rng: random.Random, write) -> None:
    decided = (Case.objects.filter(state__in=[c.State.NOTIFIED, c.State.CLOSED], decided_at__isnull=False)
               .exclude(outcome=c.Outcome.WITHDRAWN).order_by("received_at", "id"))
    holds = 0
    all_notices = []
    for case in decided:
        hold = None
        if (case.kind == c.Kind.USER_DATA_REQUEST and case.accounts_actually_affected
                and case.accounts_notified < case.accounts_actually_affected):
            hold = LegalHold.objects.create(
                case=case, reason="The order forbids telling the account holder while the investigation lasts.",
                legal_reference=case.legal_basis_reference, created_at=case.decided_at, created_by_label="demo",
                until=None if rng.random() < 0.5 else case.decided_at + timedelta(days=rng.choice([365, 730])))
            holds += 1
        all_notices.extend(_notices_for(rng, case, hold))
        _placeholders(rng, case)

    # A few recent deliveries bounced: the outbox shows them with their error and a retry button.
    recent = [n for n in all_notices if n.status == Notice.Status.SENT][-40:]
    for notice in rng.sample(recent, min(3, len(recent))):
        Notice.objects.filter(pk=notice.pk).update(
            status=Notice.Status.FAILED, sent_at=None, attempts=5,
            last_error=rng.choice(["SMTPRecipientsRefused: {'[address]': (550, b'5.1.1 Mailbox unavailable')}",
                                   "SMTPServerDisconnected: Connection unexpectedly closed"]))

    write(f"  notices: {Notice.objects.count()} ({holds} legal holds), {Placeholder.objects.count()} placeholders")
