"""API submissions: checking items one by one, and creating them idempotently in chunks.

A batch is handled in three passes so it stays fast for thousands of items:

1. every item is checked on its own (schema, then the same rules as the web
   forms); a bad item gets its errors and does not hold back the others;
2. the client keys of the good items are looked up in one query per chunk, so
   an item already created (a retried batch) is answered from its
   :class:`~.models.Submission` record instead of being created again;
3. the remaining items are created in chunks of ``BATCH_CHUNK``, each chunk in
   one transaction with one INSERT per table (cases, parties, items, history,
   submission records, declarations); each item is validated on its own first,
   so a refused item never undoes its neighbours, and nothing is half-written.

The raw tracking token is returned once, in the response that created the
case; a replay returns the reference and says the token was already issued.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from pydantic import ValidationError as PydanticError

from rightsdesk.cases import choices as c
from rightsdesk.core.errors import DomainError
from rightsdesk.core.warmup import collector_paused

from . import bulk, conf, services
from .kinds import SPECS
from .models import Submission
from .schemas import META_FIELDS, CaseIn
from .validation import Cleaned, clean_submission, text_problem

logger = logging.getLogger("rightsdesk.intake")

#: json.dumps(..., sort_keys=True, default=str) of an item, the encoder made once: what its digest is of (frozen: the
#: stored digests of earlier requests are compared with it).
_CANONICAL = json.JSONEncoder(sort_keys=True, default=str)

REPLAY_NOTE = "Already created by an earlier request with this client_key; the tracking token was issued in that response."


@dataclass
class Item:
    index: int
    client_key: str | None = None
    status: str = "invalid"
    errors: list[dict] = field(default_factory=list)
    digest: str = ""
    spec: Any = None
    cleaned: Cleaned | None = None
    language: str = "en"
    reference: str | None = None
    tracking_token: str | None = None
    tracking_url: str | None = None
    missing: list[str] = field(default_factory=list)
    note: str | None = None
    duplicate_of: Any = None

    def as_dict(self) -> dict:
        return {
            "index": self.index, "client_key": self.client_key, "status": self.status, "reference": self.reference,
            "tracking_token": self.tracking_token, "tracking_url": self.tracking_url,
            "incomplete": bool(self.missing), "missing": self.missing, "errors": self.errors, "note": self.note,
        }


def _pydantic_errors(exc: PydanticError) -> list[dict]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ()))
        out.append({"field": loc, "code": err.get("type", "invalid"), "message": err.get("msg", "")})
    return out


def check_item(index: int, raw: Any) -> Item:
    """Pass 1 for one item: schema, fields allowed for its kind, and the kind's rules."""
    item = Item(index=index)
    if not isinstance(raw, dict):
        item.errors = [{"field": "", "code": "invalid_type", "message": "Each item must be a JSON object."}]
        return item
    key = raw.get("client_key")
    item.client_key = key if isinstance(key, str) and len(key) <= 200 and not text_problem(key) else None
    try:
        parsed = CaseIn.model_validate(raw)
    except PydanticError as exc:
        item.errors = _pydantic_errors(exc)
        return item
    return check_parsed(index, parsed, item)


def check_parsed(index: int, parsed: CaseIn, item: Item | None = None) -> Item:
    item = item or Item(index=index)
    item.client_key = parsed.client_key
    problem = text_problem(parsed.client_key)
    if problem:
        item.client_key = None
        item.errors = [{"field": "client_key", "code": "invalid_text", "message": problem}]
        return item
    spec = SPECS[parsed.kind]
    sent = {name: value for name, value in parsed.model_dump(exclude_none=True).items() if name not in META_FIELDS}
    foreign = sorted(name for name in sent if name not in spec.field_set)
    if foreign:
        item.errors = [{"field": name, "code": "not_for_kind",
                        "message": f"'{name}' is not used in a {parsed.kind} request. Its fields are: "
                                   f"{', '.join(spec.field_names)}."} for name in foreign]
        return item
    cleaned = clean_submission(spec, sent)
    if cleaned.errors:
        item.errors = [e.as_dict() for e in cleaned.errors]
        return item
    item.status = "valid"
    item.spec, item.cleaned = spec, cleaned
    item.language = parsed.language or "en"
    canonical = _CANONICAL.encode({"kind": parsed.kind, "language": parsed.language, **sent})
    item.digest = hashlib.sha256(canonical.encode()).hexdigest()
    return item


def _replay(item: Item, submission: Submission) -> None:
    if submission.payload_digest != item.digest:
        item.status = "conflict"
        item.errors = [{"field": "client_key", "code": "client_key_reused",
                        "message": f"client_key {item.client_key!r} was already used for a different item "
                                   f"(case {submission.case.reference}). Use a new key for a new item."}]
        return
    item.status = "replayed"
    item.reference = submission.case.reference
    item.missing = list(submission.case.missing_fields)
    item.note = REPLAY_NOTE


def _chunks(seq: list, size: int):
    for start in range(0, len(seq), size):
        yield seq[start:start + size]


#: How many client keys one look-up names. PostgreSQL weighs 500 keys of one organisation (its unique index probed
#: 500 times) against reading the whole table, and with one organisation sending most of ~80,000 submissions chose
#: a parallel scan of the table: 12-13 ms a look-up against 0.6 by the index, 26 ms of a 1,000-notice batch. A
#: hundred keys cost a fifth of the probes and keep the index cheaper until the table is small enough for a scan to
#: be as quick (tests/intake/test_lookup_plan.py).
LOOKUP_KEYS = 100


def _lookup(items: list[Item], organisation) -> dict[str, Submission]:
    keys = [it.client_key for it in items]
    found: dict[str, Submission] = {}
    for some in _chunks(keys, LOOKUP_KEYS):
        found.update({s.client_key: s for s in Submission.objects.select_related("case").filter(
            organisation=organisation, client_key__in=some)})
    return found


def _create_chunk(chunk: list[Item], organisation, actor: str) -> None:
    """Create a chunk's cases in one transaction, with one INSERT per table (:func:`.bulk.store`).

    Every item is checked on its own first, so an item the model refuses is reported alone and its neighbours are
    still created. The keys are not looked up first: a key stored before (a batch sent again, or another request
    storing it meanwhile) makes the unique constraint refuse the chunk's records; the whole chunk is then undone, its
    keys looked up, each key found answered from its record (:func:`_replay`), and the rest tried again. A new
    batch, the common case, so asks nothing before its inserts; a batch sent again pays for one undone attempt.
    """
    for attempt in range(4):  # the keys sent before, then a key another request stores meanwhile (twice at most)
        if not chunk:
            return
        try:
            stored = bulk.store(chunk, organisation, actor)
        except IntegrityError:
            if attempt == 3:
                raise
            known = _lookup(chunk, organisation)
            for it in chunk:
                if it.client_key in known:
                    _replay(it, known[it.client_key])
            chunk = [it for it in chunk if it.status == "valid"]
            continue
        break
    for it, result in zip(chunk, stored):
        if result.error is not None:
            it.status = "invalid"
            it.errors = [{"field": result.error.field or "", "code": result.error.code, "message": result.error.message}]
            continue
        it.status = "created"
        it.reference, it.tracking_token, it.tracking_url = result.reference, result.tracking_token, result.tracking_url
        it.missing = result.missing


def _create_one(it: Item, organisation, actor: str) -> None:
    """One item the way a web form's submission is stored (``services.create_from_submission``: ``create_case``),
    with its Submission record, in one transaction; a refused item is answered with the refusal."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                receipt = services.create_from_submission(it.spec, it.cleaned, source=c.Source.API,
                                                          language=it.language, actor=actor, organisation=organisation)
                Submission.objects.create(organisation=organisation, client_key=it.client_key, case=receipt.case,
                                          payload_digest=it.digest)
        except DomainError as exc:
            it.status = "invalid"
            it.errors = [{"field": exc.field or "", "code": exc.code, "message": exc.message}]
            return
        except IntegrityError:
            known = _lookup([it], organisation)
            if attempt == 1 or it.client_key not in known:
                raise
            _replay(it, known[it.client_key])
            return
        break
    it.status = "created"
    it.reference, it.tracking_token = receipt.case.reference, receipt.tracking_token
    it.tracking_url = services.tracking_url(receipt.tracking_token, it.language)
    it.missing = receipt.missing


def process(organisation, raw_items: list, *, checked: list[Item] | None = None, one_by_one: bool = False) -> list[Item]:
    """Check and create a batch of items for ``organisation``; returns one result per item, in order.

    The items are stored by the bulk writer (:mod:`.bulk`), or with ``one_by_one`` each as a web form's
    submission is (``create_case``): both behind the same checks and the same idempotency records. The cyclic
    garbage collector waits while a batch is processed (``core.warmup.collector_paused``).
    """
    with collector_paused():
        return _process(organisation, raw_items, checked, one_by_one)


def _process(organisation, raw_items: list, checked: list[Item] | None, one_by_one: bool) -> list[Item]:
    actor = f"api:{organisation.name}"
    items = checked if checked is not None else [check_item(i, raw) for i, raw in enumerate(raw_items)]
    valid = [it for it in items if it.status == "valid"]

    # Pass 2: keys seen earlier in this batch; and, for one item stored as a web form's, in earlier requests (the
    # bulk writer finds those when their insert is refused: _create_chunk).
    first_in_batch: dict[str, Item] = {}
    fresh: list[Item] = []
    for chunk in _chunks(valid, 500):
        known = _lookup(chunk, organisation) if one_by_one else {}
        for it in chunk:
            if it.client_key in known:
                _replay(it, known[it.client_key])
            elif it.client_key in first_in_batch:
                first = first_in_batch[it.client_key]
                if first.digest == it.digest:
                    it.status, it.note, it.duplicate_of = "pending_duplicate", REPLAY_NOTE, first
                else:
                    it.status = "conflict"
                    it.errors = [{"field": "client_key", "code": "client_key_reused",
                                  "message": f"client_key {it.client_key!r} is used by item {first.index} of this batch "
                                             f"for a different item."}]
            else:
                first_in_batch[it.client_key] = it
                fresh.append(it)

    # Pass 3: create, a chunk per transaction (a single submission: as a web form's).
    if one_by_one:
        for it in fresh:
            _create_one(it, organisation, actor)
    else:
        for chunk in _chunks(fresh, int(conf.get("BATCH_CHUNK"))):
            _create_chunk(chunk, organisation, actor)
    for it in items:
        if it.status == "pending_duplicate":
            first = it.duplicate_of
            it.status = "replayed" if first.reference else first.status
            it.reference, it.missing, it.errors = first.reference, list(first.missing), list(first.errors)
    created = sum(1 for it in items if it.status == "created")
    logger.info("intake.api_batch org_id=%s items=%d created=%d", organisation.pk, len(items), created)
    return items
