"""Hash chains that make the case history and the audit trail tamper-evident.

Each entry stores the hash of the entry before it in the same chain and its
own hash over (previous hash, its content). Editing, deleting or inserting a
row behind the application's back breaks the chain at that row, and
``rightsdesk audit verify`` reports the first broken link.

Appending takes a lock on the chain's head row, so entries written at the same
time by different processes still form one line (on SQLite the immediate
transactions already serialise writers; on PostgreSQL ``SELECT ... FOR
UPDATE`` on the head does).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Iterator

from django.db import models, transaction

GENESIS = "0" * 64


def canonical(values: dict) -> bytes:
    def default(value):
        if isinstance(value, datetime):
            return value.astimezone(timezone.utc).isoformat(timespec="microseconds")
        return str(value)

    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=default).encode()


def link_hash(prev_hash: str, content: dict) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(content)).hexdigest()


class ChainHead(models.Model):
    """The newest hash of each chain; its row is the lock appenders queue on."""

    name = models.CharField(max_length=64, primary_key=True)
    last_hash = models.CharField(max_length=64, default=GENESIS)
    length = models.PositiveBigIntegerField(default=0)

    class Meta:
        app_label = "audit"


def seal(instance, chain: str) -> None:
    """Fill ``prev_hash`` and ``entry_hash`` of an unsaved entry; call inside its save's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("seal() must run inside the transaction that saves the entry")
    head, _ = ChainHead.objects.get_or_create(name=chain)
    head = ChainHead.objects.select_for_update().get(pk=head.pk)
    instance.prev_hash = head.last_hash
    instance.entry_hash = link_hash(head.last_hash, instance.chain_content())
    ChainHead.objects.filter(pk=chain).update(last_hash=instance.entry_hash, length=models.F("length") + 1)


def seal_many(instances: list, chain: str) -> None:
    """Seal a list of unsaved entries in order (for bulk_create)."""
    head, _ = ChainHead.objects.get_or_create(name=chain)
    head = ChainHead.objects.select_for_update().get(pk=head.pk)
    prev = head.last_hash
    for instance in instances:
        instance.prev_hash = prev
        instance.entry_hash = prev = link_hash(prev, instance.chain_content())
    if instances:
        ChainHead.objects.filter(pk=chain).update(last_hash=prev, length=models.F("length") + len(instances))


@dataclass
class Break:
    chain: str
    entry_id: int
    problem: str

    def __str__(self) -> str:
        return f"{self.chain}: entry {self.entry_id}: {self.problem}"


def verify(queryset, chain: str, batch: int = 5000) -> Break | None:
    """Walk a chain in insertion order and return its first broken link, or None."""
    prev = GENESIS
    count = 0
    for entry in _iterate(queryset.order_by("id"), batch):
        count += 1
        if entry.prev_hash != prev:
            return Break(chain, entry.pk, "does not follow the entry before it (a row was deleted, inserted or reordered)")
        expected = link_hash(prev, entry.chain_content())
        if entry.entry_hash != expected:
            return Break(chain, entry.pk, "its content was changed after it was written")
        prev = entry.entry_hash
    head = ChainHead.objects.filter(pk=chain).first()
    if head is not None and (head.last_hash != prev or head.length != count):
        return Break(chain, -1, f"the chain ends after {count} entries but {head.length} were written (the newest were deleted)")
    return None


def _iterate(queryset, batch: int) -> Iterator:
    last = 0
    while True:
        rows = list(queryset.filter(id__gt=last)[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].pk


def all_chains() -> Iterable[tuple[str, models.QuerySet]]:
    from rightsdesk.cases.models import CaseHistory

    from .models import AuditEntry

    yield "case_history", CaseHistory.objects.all()
    yield "audit", AuditEntry.objects.all()
