"""Hash chains that make the case history and the audit trail tamper-evident.

Each entry stores the hash of the entry before it in the same chain and its
own hash over (previous hash, its content). Editing, deleting or inserting a
row behind the application's back breaks the chain at that row, and
``rightsdesk audit verify`` reports the first broken link.

The hash is an HMAC-SHA256 under a key that is not in the database:
``RIGHTSDESK_AUDIT_KEY`` (base64, or any string), or else a key derived from
Django's SECRET_KEY (which lives in the environment or in
``RIGHTSDESK_HOME/secret_key``). Someone who can write the database but does
not hold the key cannot re-seal an edited row and the rows after it: the
edited row fails. Deleting the newest rows and adjusting the head row is
caught by the checkpoints (:mod:`rightsdesk.audit.checkpoint`), copies of each
chain's head kept outside the database.

Appending takes a lock on the chain's head row, so entries written at the same
time by different processes still form one line (on SQLite the immediate
transactions already serialise writers; on PostgreSQL ``SELECT ... FOR
UPDATE`` on the head does).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

from django.conf import settings
from django.db import models, transaction
from django.utils.crypto import salted_hmac

GENESIS = "0" * 64
KEY_SALT = "rightsdesk.audit.chain"
KEY_ENV = "RIGHTSDESK_AUDIT_KEY"


@lru_cache(maxsize=8)
def _key_for(configured: str, secret_key: str) -> bytes:
    if configured:
        try:
            decoded = base64.b64decode(configured, validate=True)
        except (binascii.Error, ValueError):
            decoded = b""
        # A base64 value of at least 128 bits is taken as raw key bytes; anything else as a passphrase.
        return decoded if len(decoded) >= 16 else configured.encode()
    return salted_hmac(KEY_SALT, "chain key", secret=secret_key, algorithm="sha256").digest()


def key_from(configured: str | None = None, secret_key: str | None = None) -> bytes:
    """The chain key for a RIGHTSDESK_AUDIT_KEY value, or (when it is empty) the key derived from a SECRET_KEY."""
    return _key_for((configured or "").strip(), settings.SECRET_KEY if secret_key is None else secret_key)


def chain_key() -> bytes:
    """The chains' HMAC key: RIGHTSDESK_AUDIT_KEY, or one derived from SECRET_KEY; never in the database."""
    return key_from(os.environ.get(KEY_ENV, ""))


def using_derived_key() -> bool:
    return not os.environ.get(KEY_ENV, "").strip()


def key_id(key: bytes | None = None) -> str:
    """A short public name of a key, so a checkpoint signed with another key is told apart from a forged one."""
    return hmac.new(key if key is not None else chain_key(), b"rightsdesk.audit.key-id", hashlib.sha256).hexdigest()[:8]


def _canonical_default(value):
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")
    return str(value)


#: json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_canonical_default), with
#: the encoder made once (json.dumps builds one per call with these options; a bulk write hashes thousands).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_canonical_default)


def canonical(values: dict) -> bytes:
    """The bytes of ``values`` that are hashed: sorted keys, no spaces, UTF-8, times in UTC to the microsecond. Frozen:
    every stored hash was made from it."""
    return _CANONICAL.encode(values).encode()


def link_hash(prev_hash: str, content: dict, key: bytes | None = None) -> str:
    """HMAC-SHA256, under the chain key, of the previous entry's hash and this entry's content."""
    message = prev_hash.encode() + b"\n" + canonical(content)
    return hmac.digest(key if key is not None else chain_key(), message, "sha256").hex()  # hmac.new's hexdigest, at once


def _heads():
    """The ChainHead model (audit.models), looked up by label: models import this module, not the other way."""
    from django.apps import apps

    return apps.get_model("audit", "ChainHead")


def seal(instance, chain: str) -> None:
    """Fill ``prev_hash`` and ``entry_hash`` of an unsaved entry; call inside its save's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("seal() must run inside the transaction that saves the entry")
    head, _ = _heads().objects.get_or_create(name=chain)
    head = _heads().objects.select_for_update().get(pk=head.pk)
    instance.prev_hash = head.last_hash
    instance.entry_hash = link_hash(head.last_hash, instance.chain_content(), chain_key())
    _heads().objects.filter(pk=chain).update(last_hash=instance.entry_hash, length=models.F("length") + 1)


def seal_many(instances: list, chain: str) -> None:
    """Seal a list of unsaved entries in order (for bulk_create)."""
    head, _ = _heads().objects.get_or_create(name=chain)
    head = _heads().objects.select_for_update().get(pk=head.pk)
    prev = head.last_hash
    key = chain_key()
    for instance in instances:
        instance.prev_hash = prev
        instance.entry_hash = prev = link_hash(prev, instance.chain_content(), key)
    if instances:
        _heads().objects.filter(pk=chain).update(last_hash=prev, length=models.F("length") + len(instances))


@dataclass
class Break:
    chain: str
    #: The row where the chain breaks; -1 when the break is not at a row (the head row disagrees).
    entry_id: int
    problem: str
    #: The 1-based place in the chain where it breaks, when known.
    position: int | None = None

    def __str__(self) -> str:
        where = f"entry {self.entry_id}" if self.entry_id != -1 else "head"
        if self.position is not None:
            where += f" (position {self.position})"
        return f"{self.chain}: {where}: {self.problem}"


class ChainBroken(Exception):
    def __init__(self, problem: Break):
        super().__init__(str(problem))
        self.problem = problem


def verify(queryset, chain: str, batch: int = 5000, *, checkpoints: Sequence = (), keys: Sequence[bytes] = (),
           since=None, check_head: bool = True) -> Break | None:
    """Walk a chain in insertion order and return its first broken link, or None.

    Each link must be the HMAC of the one before it under the chain key (or one
    of ``keys``: only ``reseal`` passes an old key). Every checkpoint (anything
    with ``length``, ``last_id``, ``last_hash`` and ``at``) must still hold: the
    entry at position ``length`` is ``last_id`` with hash ``last_hash``, and the
    chain is at least that long. ``since``, a checkpoint, starts the walk at its
    entry (after checking it) instead of at the first row.
    """
    keys = tuple(keys) or (chain_key(),)
    expected: dict[int, list] = {}
    for checkpoint in checkpoints:
        expected.setdefault(checkpoint.length, []).append(checkpoint)
    rows = queryset.order_by("id")
    prev, count = GENESIS, 0
    if since is not None and since.length:
        problem = _check_anchor(rows, chain, since)
        if problem:
            return problem
        prev, count = since.last_hash, since.length
        rows = rows.filter(id__gt=since.last_id)
    for entry in _iterate(rows, batch):
        count += 1
        if entry.prev_hash != prev:
            return Break(chain, entry.pk, "does not follow the entry before it (a row was deleted, inserted or "
                                          "reordered)", count)
        content = entry.chain_content()
        stored = entry.entry_hash.encode()  # bytes: compare_digest refuses non-ASCII text, which a forger may write
        if not any(hmac.compare_digest(stored, link_hash(prev, content, key).encode()) for key in keys):
            return Break(chain, entry.pk, "its hash does not match its content under the audit key: the row was "
                                          "changed after it was written (and perhaps re-sealed without the key)", count)
        for checkpoint in expected.get(count, ()):
            if entry.pk != checkpoint.last_id or entry.entry_hash != checkpoint.last_hash:
                return Break(chain, entry.pk, f"the checkpoint of {checkpoint.at} has entry {checkpoint.last_id} "
                                              f"(hash {checkpoint.last_hash[:16]}…) at this position, the chain now "
                                              f"has entry {entry.pk} (hash {entry.entry_hash[:16]}…): rows up to here "
                                              "were deleted, inserted or re-sealed since", count)
        prev = entry.entry_hash
    longest = max(checkpoints, key=lambda checkpoint: checkpoint.length, default=None)
    if longest is not None and count < longest.length:
        return Break(chain, longest.last_id, f"the chain ends after {count} entries but the checkpoint of "
                                             f"{longest.at} recorded {longest.length}, up to this entry: the newest "
                                             "entries were deleted", longest.length)
    if check_head:
        head = _heads().objects.filter(pk=chain).first()
        if head is not None and (head.last_hash != prev or head.length != count):
            return Break(chain, -1, f"the chain ends after {count} entries but {head.length} were written "
                                    "(the newest were deleted)")
    return None


def _check_anchor(rows, chain: str, checkpoint) -> Break | None:
    anchor = rows.filter(pk=checkpoint.last_id).first()
    if anchor is None:
        return Break(chain, checkpoint.last_id, f"this entry, the newest at the checkpoint of {checkpoint.at}, is "
                                                "gone (rows were deleted)", checkpoint.length)
    position = rows.filter(id__lte=checkpoint.last_id).count()
    if position != checkpoint.length or anchor.entry_hash != checkpoint.last_hash:
        return Break(chain, anchor.pk, f"the checkpoint of {checkpoint.at} has this entry at position "
                                       f"{checkpoint.length} with hash {checkpoint.last_hash[:16]}…; it is now at "
                                       f"position {position} with hash {anchor.entry_hash[:16]}…", position)
    return None


def reseal(model, chain: str, old_keys: Sequence[bytes], batch: int = 2000, checkpoints: Sequence = ()) -> int:
    """Re-seal a whole chain under the current key, after checking it under ``old_keys`` or the current key.

    For a change of key (RIGHTSDESK_AUDIT_KEY set, changed, or SECRET_KEY
    changed while it is unset). Holds the head's lock throughout, so writers
    wait; raises :class:`ChainBroken` and changes nothing if the chain does not
    verify (nor against ``checkpoints``, those signed with an old key
    included). Returns the chain's length.
    """
    key = chain_key()
    rows = model._base_manager.all()  # the default managers refuse update(); re-sealing is the one exception
    with transaction.atomic():
        _heads().objects.get_or_create(name=chain)
        _heads().objects.select_for_update().get(pk=chain)
        problem = verify(rows, chain, keys=(*old_keys, key), checkpoints=checkpoints)
        if problem:
            raise ChainBroken(problem)
        prev, count, changed = GENESIS, 0, []
        for entry in _iterate(rows.order_by("id"), batch):
            count += 1
            sealed = link_hash(prev, entry.chain_content(), key)
            if entry.prev_hash != prev or entry.entry_hash != sealed:
                entry.prev_hash, entry.entry_hash = prev, sealed
                changed.append(entry)
            if len(changed) >= batch:
                model._base_manager.bulk_update(changed, ["prev_hash", "entry_hash"])
                changed = []
            prev = sealed
        if changed:
            model._base_manager.bulk_update(changed, ["prev_hash", "entry_hash"])
        _heads().objects.filter(pk=chain).update(last_hash=prev, length=count)
    return count


def _iterate(queryset, batch: int) -> Iterator:
    last = 0
    while True:
        rows = list(queryset.filter(id__gt=last)[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].pk


def chain_models() -> dict[str, type[models.Model]]:
    """The chained models, by label: cases.models and audit.models import this module to seal their rows."""
    from django.apps import apps

    return {"case_history": apps.get_model("cases", "CaseHistory"), "audit": apps.get_model("audit", "AuditEntry")}


def all_chains() -> Iterable[tuple[str, models.QuerySet]]:
    for name, model in chain_models().items():
        yield name, model.objects.all()
