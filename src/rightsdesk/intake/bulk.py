"""The bulk writer of API batches: checked items to stored cases, a chunk at a time, as tuples.

An item reaches this module checked by the same functions as a single
submission (``submissions.check_item``: the schema, the fields of its kind,
``validation.clean_submission``) and found new by its client key. For a chunk
of them, :func:`store`:

1. builds each case's arguments with the single path's own functions
   (``services.case_payload``, ``creation_reason``, ``declaration_values``);
2. hands them to ``cases.services.prepare_cases_bulk``, which checks each entry
   as ``create_case`` does and builds the rows of the cases, their parties,
   items and history, and adds the chunk's Submission (idempotency) and
   Declaration rows (``add_dependent_rows``), all before the transaction
   begins: on SQLite, whose writers take turns, another app server can write
   meanwhile;
3. in one transaction, ``write_cases_bulk`` reserves the ids, inserts every
   table's rows with one INSERT each (``cases.bulk``) and seals the history into
   the hash chain last: an error anywhere stores nothing of the chunk. The
   first deadline, crisis tags and emergency alerts follow from the one
   call of the chunk's follow-ups (``registry.cases_created``: review.case_followups).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases import services as case_services
from rightsdesk.core.digests import new_link_token
from rightsdesk.core.errors import DomainError
from rightsdesk.review import deadlines

from . import services
from .models import Declaration, Submission

#: Stands for the token in a tracking URL built once per language (tokens are URL-safe: nothing is escaped).
_TOKEN_MARK = "TOKEN0MARK0TOKEN0MARK0TOKEN0MARK0TOKEN0MARK0"


@dataclass
class Stored:
    """What one item of a chunk became: a case (reference, token, link, missing elements) or the refusal."""

    reference: str | None = None
    tracking_token: str | None = None
    tracking_url: str | None = None
    missing: list[str] = field(default_factory=list)
    error: DomainError | None = None


def store(chunk: list, organisation, actor: str) -> list[Stored]:
    """Create the cases of ``chunk`` (checked, new items of ``organisation``) in one transaction; one result each.

    Raises IntegrityError when another request stored one of the client keys meanwhile (nothing of the chunk is
    kept); the caller answers that key from its record and tries the rest again.
    """
    now = timezone.now()
    seconds = now.timestamp()  # the tracking links' time (core.digests.new_link_token), read once a chunk
    rules = deadlines.table()
    dues: dict[tuple, object] = {}  # (kind, harm category) -> the first deadline: the same for the whole chunk
    entries, tokens, missing_lists, declarations = [], [], [], []
    for it in chunk:
        token = new_link_token(seconds)
        missing = list(it.cleaned.missing)
        fields, parties, items = services.case_payload(it.spec, it.cleaned.values, missing, source=c.Source.API,
                                                       language=it.language, organisation=organisation)
        # The first deadline goes in the row: received now, in the first state (review.case_followups would UPDATE it).
        due_key = (fields["kind"], fields.get("harm_category", ""))
        if due_key not in dues:
            dues[due_key] = deadlines.due_in_state(due_key[0], c.State.RECEIVED, due_key[1], now, rules)
        due = dues[due_key]
        entries.append({"fields": fields, "parties": parties, "items": items, "tracking_token": token,
                        "reason": services.creation_reason(c.Source.API, it.cleaned.values, organisation),
                        "due_at": due})
        tokens.append(token)
        missing_lists.append(missing)
        declarations.append(services.declaration_values(it.cleaned.values))

    # Everything but the ids is done before the transaction: the checks, the rows of the cases, of their
    # Submission (idempotency) and Declaration records; only the inserts and the history chain wait for the lock.
    prepared = case_services.prepare_cases_bulk(entries, now=now, actor=actor)
    submissions, stated = [], []
    for index, (it, declaration, result) in enumerate(zip(chunk, declarations, prepared.results)):
        if result is not None:
            continue  # refused: it gets no records
        submissions.append({"organisation_id": organisation.pk, "client_key": it.client_key, "case_id": index,
                            "payload_digest": it.digest, "created_at": now})
        if declaration is not None:
            stated.append({**declaration, "case_id": index, "created_at": now})
    case_services.add_dependent_rows(prepared, Submission, submissions)
    case_services.add_dependent_rows(prepared, Declaration, stated)
    with transaction.atomic():
        results = case_services.write_cases_bulk(prepared)
    out: list[Stored] = []
    links: dict[str, str] = {}
    for it, token, missing, result in zip(chunk, tokens, missing_lists, results):
        if isinstance(result, DomainError):
            out.append(Stored(error=result))
            continue
        if it.language not in links:
            links[it.language] = services.tracking_url(_TOKEN_MARK, it.language)
        out.append(Stored(reference=result.reference, tracking_token=token, missing=missing,
                          tracking_url=links[it.language].replace(_TOKEN_MARK, token)))
    return out
