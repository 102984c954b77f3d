"""Creating and editing cases: the only way rows of this app are written.

Views, the API, the admin, the importer and the demo all call these functions,
so every write is validated the same way and recorded in the case history.

What other apps do when a case arrives or is edited is called from here by name, not hung on a signal:
:func:`create_case` and :func:`write_cases_bulk` end with ``registry.cases_created`` (review: the first deadline,
the crisis tags, the on-call alert of an open emergency), :func:`update_case` with ``registry.case_changed``
(review: a case re-categorised as an emergency alerts; reports: a case moved to another received day marks the
day it left). ``core/registry.py`` says where each app declares them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, Iterable

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from rightsdesk.core import registry
from rightsdesk.core.bidi import ltr_text
from rightsdesk.core.digests import link_digest, new_link_token
from rightsdesk.core.digests import token_digest  # noqa: F401  (re-exported: callers use it from here)
from rightsdesk.core.dates import western_digits
from rightsdesk.core.errors import DomainError, validated
from rightsdesk.core.sites import own_host

from . import choices as c
from . import policy
from .models import Case, CaseHistory, Party, TargetItem
from .workflow import Actor, actor_label

#: Fields whose values the history records as changed, never what they said: the personal fields (cases.policy)
#: and two more that are secret without being personal (the tracking token's digest, the data disclosed).
PRIVATE_CASE_FIELDS = policy.CASE_PERSONAL_FIELDS | {"tracking_token_digest"}
PRIVATE_PARTY_FIELDS = policy.PARTY_PERSONAL_FIELDS
PRIVATE_ITEM_FIELDS = policy.ITEM_PERSONAL_FIELDS | {"disclosed_fields"}
MASK = "[private]"

#: Fields only the workflow may set.
WORKFLOW_FIELDS = frozenset({"state", "reference", "tracking_token_digest", "created_at", "updated_at", "id"})
# ``subject`` is not in it: a caller's "subject" is taken as the requester's words (see neutral_title).

_REFERENCE_ALPHABET = policy.REFERENCE_ALPHABET


#: References are seven base-30 digits: a uniform number below _REFERENCES, drawn from _DRAW_BYTES random bytes and
#: kept only below _DRAW_LIMIT (the largest multiple of _REFERENCES that the bytes can hold), so every reference is as
#: likely as every other, as with ``secrets.randbelow`` (which rejects the same way, a bit at a time).
_REFERENCES = len(_REFERENCE_ALPHABET) ** 7
_DRAW_BYTES = 5
_DRAW_LIMIT = (256 ** _DRAW_BYTES // _REFERENCES) * _REFERENCES


def _reference_numbers(count: int) -> list[int]:
    """``count`` uniform numbers below _REFERENCES from the operating system's randomness, read at once (bulk intake
    draws one per case: a call each cost more than the digits)."""
    out: list[int] = []
    while len(out) < count:
        need = count - len(out)
        block = secrets.token_bytes(_DRAW_BYTES * (need + need // 64 + 1))  # a few spare for the rejected (0.55 %)
        for at in range(0, len(block), _DRAW_BYTES):
            n = int.from_bytes(block[at:at + _DRAW_BYTES], "big")
            if n < _DRAW_LIMIT:
                out.append(n % _REFERENCES)
                if len(out) == count:
                    break
    return out


def _reference(year: int, n: int) -> str:
    digits = []
    for _ in range(7):
        n, d = divmod(n, len(_REFERENCE_ALPHABET))
        digits.append(_REFERENCE_ALPHABET[d])
    return f"{settings.RIGHTSDESK['REFERENCE_PREFIX']}-{year}-{''.join(digits)}"


def new_references(years: list[int]) -> list[str]:
    """A new random reference for each year in ``years`` (a case's reference names the year it was received)."""
    return [_reference(year, n) for year, n in zip(years, _reference_numbers(len(years)))]


def new_reference(year: int) -> str:
    return new_references([year])[0]


def reference_as_stored(typed: str) -> str:
    """A reference as a person typed it (spaces around it, lower case, the digits of an Arabic or Persian keyboard)
    as it is stored: every reference is upper case (the prefix and :data:`policy.REFERENCE_ALPHABET`) with the digits 0-9,
    so the look-up can ask for it exactly, which the reference's unique index serves (a case-insensitive one reads
    every case)."""
    return western_digits(typed.strip()).upper()


def record(case: Case, event: str, actor: Actor | None, *, changes: dict | None = None, reason: str = "",
           from_state: str = "", to_state: str = "", at=None) -> CaseHistory:
    user, label = actor_label(actor)
    return CaseHistory.objects.create(
        case=case, at=at or timezone.now(), actor=user, actor_label=label, event=event,
        changes=changes or {}, reason=reason, from_state=from_state, to_state=to_state,
    )


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "code"):  # django-countries Country
        return value.code
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


_EMPTY = ("", [])


def _settable(meta, name: str, value: Any):
    """The field ``name`` of a model if a caller may set it to ``value``; DomainError saying why not otherwise.

    The one check of a value given to the services (``_apply``, and ``create_cases_bulk`` on plain dicts)."""
    if name in WORKFLOW_FIELDS:
        raise DomainError(f"'{name}' cannot be set directly.", code="read_only", field=name)
    try:
        field = meta.get_field(name)
    except Exception:
        raise DomainError(f"Unknown field '{name}'.", code="unknown_field", field=name) from None
    if value is None and not field.null:
        raise DomainError(f"{name}: this field cannot be empty (null); leave it out or give a value.",
                          code="invalid", field=name)
    if value in _EMPTY and not isinstance(field, (models.CharField, models.TextField, models.JSONField)) \
            and not getattr(field, "choices", None) and field.get_internal_type() not in ("CharField", "TextField"):
        raise DomainError(f"{name}: give a value of the right type, or leave the field out.", code="invalid",
                          field=name)
    if isinstance(value, (list, dict)) and not isinstance(field, models.JSONField):
        raise DomainError(f"{name}: a list or an object is not a valid value here.", code="invalid", field=name)
    return field


def _apply(instance, data: dict, private: frozenset[str]) -> dict:
    """Set fields on an instance and return the changes for the history."""
    changes = {}
    for name, value in data.items():
        _settable(instance._meta, name, value)
        old = getattr(instance, name)
        if _jsonable(old) == _jsonable(value):
            continue
        setattr(instance, name, value)
        if name in private:
            changes[name] = {"old": MASK, "new": MASK}
        else:
            changes[name] = {"old": _jsonable(old), "new": _jsonable(getattr(instance, name))}
    return changes


TITLE_SEPARATOR = " · "


def neutral_title(kind: str, project: str = "", received_at=None) -> str:
    """A case's title: its kind, the site and the day it arrived, never words a person typed.

    Lists and queues show the title to every staff role, and a title copied
    from the request once carried a victim's name to roles without the
    private-data permission; so nothing typed can reach it. The site is named
    only when the platform runs it: another host is typed by the requester
    (a personal homepage names its owner), and the title is also the public
    notice's when the requester gave none.
    """
    project = own_host(project)
    day = (received_at or timezone.now()).date().isoformat()
    with translation.override(settings.LANGUAGE_CODE):
        label = str(c.Kind(kind).label) if kind in c.Kind.values else str(kind or "Case")
    return TITLE_SEPARATOR.join(filter(None, [label, project, day]))[:300]


def display_title(case) -> str:
    """The case's neutral title in the reader's language (the active one): :func:`display_title_parts` joined."""
    return TITLE_SEPARATOR.join(display_title_parts(case))


def display_title_parts(case) -> list[str]:
    """The parts of the case's title in the reader's language: the kind, then the site and the day.

    The stored title is :func:`neutral_title` in the site's default language ("Kind · project · day"); its kind
    part is put into words again, from the case's kind, when it is shown: for an appeal, "Appeal of" the case
    appealed (:func:`appeal_title`, from the reference stored in ``appeal_of``). A stored title made otherwise is
    one part, shown as it is.
    """
    stored = case.subject or ""
    head, *rest = stored.split(TITLE_SEPARATOR)
    with translation.override(settings.LANGUAGE_CODE):
        neutral_heads = {str(label) for label in c.Kind.labels}
    if head not in neutral_heads or case.kind not in c.Kind.values:
        return [stored]
    if case.kind == c.Kind.APPEAL and case.appeal_of_id:
        return [appeal_title(case.appeal_of.reference), *rest]
    return [str(c.Kind(case.kind).label), *rest]


def appeal_title(reference: str) -> str:
    """What an appeal is called wherever it is shown, in the reader's language (the active one): "Appeal of" the
    reference of the case appealed, kept left to right (``core.bidi.ltr_text``). Composed when shown, never stored:
    an appeal's stored title is neutral (:func:`neutral_title`), and appeals 0003 took the English words filing
    once stored out of ``requester_subject``."""
    return gettext("Appeal of %(ref)s") % {"ref": ltr_text(reference)}


def _typed_subject(fields: dict) -> dict:
    """What a caller gives as ``subject`` is the requester's own words: it goes to the private field."""
    if "subject" not in fields:
        return fields
    fields = dict(fields)
    typed = fields.pop("subject")
    if typed and not fields.get("requester_subject"):
        fields["requester_subject"] = typed
    return fields


def _stage(fields: dict, parties: Iterable[dict], items: Iterable[dict], tracking_token: str | None,
           state: str) -> tuple[Case, list[Party], list[TargetItem]]:
    """Build and validate an unsaved case with its parties and items; the one check both creation paths share."""
    fields = _typed_subject(fields)
    for name in fields:
        if name in WORKFLOW_FIELDS:
            raise DomainError(f"'{name}' cannot be set directly.", code="read_only", field=name)
    case = Case()
    _apply(case, fields, PRIVATE_CASE_FIELDS)
    case.state = state
    items = list(items)
    project = next((str(d.get("project")) for d in items if isinstance(d, dict) and d.get("project")), "")
    case.subject = neutral_title(case.kind, project, case.received_at if hasattr(case.received_at, "date") else None)
    if tracking_token:
        case.tracking_token_digest = link_digest(tracking_token)
    validated(case, exclude=["reference"])  # also turns dates given as text into datetimes
    staged_parties, staged_items = [], []
    for model, rows, private, out in [(Party, parties, PRIVATE_PARTY_FIELDS, staged_parties),
                                      (TargetItem, items, PRIVATE_ITEM_FIELDS, staged_items)]:
        for data in rows:
            row = model()
            _apply(row, data, private)
            validated(row, exclude=["case"])
            out.append(row)
    return case, staged_parties, staged_items


@transaction.atomic
def create_case(*, fields: dict, parties: Iterable[dict] = (), items: Iterable[dict] = (),
                actor: Actor | None = None, reason: str = "", tracking_token: str | None = None,
                initial_state: str = c.State.RECEIVED, at=None) -> Case:
    """Create a case with its parties and items, validated, in one transaction.

    ``initial_state`` other than "received" is only for the historic importer
    and the demo, which bring cases whose life already happened; it is
    recorded in the history as such. ``at`` dates the first history entry (now by default): the demo dates it
    when its request arrived, before the life it makes up, so that the case's timeline reads in order.

    Once the case, its parties, items and first history entry are stored, the other apps' follow-ups of a new
    case run in this transaction (``registry.cases_created``: the first deadline, crisis tags, the on-call alert),
    whoever the caller is: intake, appeals, the importer, a demo, a test.
    """
    case, staged_parties, staged_items = _stage(fields, parties, items, tracking_token, initial_state)
    year = (case.received_at or timezone.now()).year
    case.reference = new_reference(year)
    for attempt in range(5):
        try:
            with transaction.atomic():
                case.save()
            break
        except IntegrityError:
            if attempt == 4 or Case.objects.filter(reference=case.reference).count() == 0:
                raise
            case.reference = new_reference(year)
    for row in staged_parties + staged_items:
        row.case = case
        row.save()
    record(case, CaseHistory.Event.CREATED, actor, reason=reason, to_state=case.state,
           changes={"kind": case.kind, "source": case.source}, at=at)
    registry.cases_created([case])
    return case


@transaction.atomic
def update_case(case: Case, changes: dict, actor: Actor | None, reason: str = "") -> dict:
    """Edit case fields (never the state) and record what changed. Returns the recorded changes.

    The other apps' follow-ups of the edit run in this transaction (``registry.case_changed``): a harm report
    re-categorised as a threat alerts the on-call staff; a received date moved marks the report day it left."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    recorded = _apply(locked, _typed_subject(changes), PRIVATE_CASE_FIELDS)
    if not recorded:
        return {}
    validated(locked)
    locked.save()
    record(locked, CaseHistory.Event.EDIT, actor, changes=recorded, reason=reason)
    registry.case_changed(locked, recorded)
    case.refresh_from_db()
    return recorded


@transaction.atomic
def add_item(case: Case, data: dict, actor: Actor | None, reason: str = "") -> TargetItem:
    item = TargetItem(case=case)
    _apply(item, data, PRIVATE_ITEM_FIELDS)
    validated(item, exclude=["case"])
    item.save()
    # By its number only: its URL is personal data (".../User:Name"), and every staff role reads the history.
    record(case, CaseHistory.Event.ITEM, actor, changes={"added_item": item.pk}, reason=reason)
    return item


@transaction.atomic
def update_item(item: TargetItem, changes: dict, actor: Actor | None, reason: str = "") -> dict:
    locked = TargetItem.objects.select_for_update().get(pk=item.pk)
    recorded = _apply(locked, changes, PRIVATE_ITEM_FIELDS)
    if not recorded:
        return {}
    validated(locked, exclude=["case"])
    locked.save()
    record(locked.case, CaseHistory.Event.ITEM, actor, changes={"item": locked.pk, **recorded}, reason=reason)
    item.refresh_from_db()
    return recorded


@transaction.atomic
def add_party(case: Case, data: dict, actor: Actor | None, reason: str = "") -> Party:
    party = Party(case=case)
    _apply(party, data, PRIVATE_PARTY_FIELDS)
    validated(party, exclude=["case"])
    party.save()
    record(case, CaseHistory.Event.EDIT, actor, changes={"added_party": party.role}, reason=reason)
    return party


@transaction.atomic
def update_party(party: Party, changes: dict, actor: Actor | None, reason: str = "") -> dict:
    locked = Party.objects.select_for_update().get(pk=party.pk)
    recorded = _apply(locked, changes, PRIVATE_PARTY_FIELDS)
    if not recorded:
        return {}
    validated(locked, exclude=["case"])
    locked.save()
    record(locked.case, CaseHistory.Event.EDIT, actor, changes={"party": locked.role, **recorded}, reason=reason)
    party.refresh_from_db()
    return recorded


def outcome_from_items(case: Case) -> str:
    """The case outcome that follows from the actions taken on its items.

    All items actioned: granted. Some: partially granted. None: rejected.
    An item counts as actioned when anything but "no action" was done to it.
    """
    actions = list(case.items.values_list("action", flat=True))
    decided = [a for a in actions if a]
    if not decided:
        return c.Outcome.REJECTED
    acted = [a for a in decided if a != c.Action.NO_ACTION]
    if not acted:
        return c.Outcome.REJECTED
    if len(acted) == len(actions):
        return c.Outcome.GRANTED
    return c.Outcome.PARTIALLY_GRANTED


def issue_tracking_token(case: Case, actor: Actor | None = None, *,
                         reason: str = "A new private tracking link was issued.") -> str:
    """Give the case a new private tracking token and return it (shown once, stored as a digest); the old link
    stops working. ``reason`` is the history's, in English (``review.history_reasons``)."""
    token = new_link_token()
    Case.objects.filter(pk=case.pk).update(tracking_token_digest=link_digest(token))
    case.tracking_token_digest = link_digest(token)
    record(case, CaseHistory.Event.EDIT, actor, changes={"tracking_token": {"old": MASK, "new": MASK}},
           reason=reason)
    return token


def case_for_tracking_token(token: str) -> Case | None:
    if not token or len(token) < 20:
        return None
    return Case.objects.filter(tracking_token_digest=link_digest(token)).first()


def create_cases_bulk(entries: list[dict], *, actor: Actor | None = None, now=None) -> list["Case | DomainError"]:
    """Create many cases at once: the bulk intake path (API batches, the importer's fast path).

    ``entries`` are dicts with the keyword arguments of :func:`create_case`
    (``fields``, ``parties``, ``items``, ``reason``, ``tracking_token``; the
    caller may give ``due_at``, the first deadline by review.deadlines, which
    saves the ``cases_created`` follow-up an UPDATE of every new row; the
    historic importer also gives ``initial_state`` and ``history``, a list of
    further history entries as keyword arguments of CaseHistory: ``event``,
    ``at``, ``changes``, ``reason``, ``from_state``, ``to_state``). Each
    entry is checked on its own exactly as :func:`create_case` checks it (the
    same value checks, then each model field's own validation: :mod:`.bulk`), and
    the result list says, in order, either the created Case or the DomainError
    that refused that entry. The valid entries are then written as prepared
    tuples with one INSERT per table, their history sealed into the hash chain
    in one pass, all in the caller's transaction (this function is atomic:
    either every valid entry is stored or none is). ``now`` (default: the
    moment of the call) is the creation time of every case and history entry.

    The other apps' follow-ups of new cases (``registry.cases_created``: first deadline, crisis tags, emergency
    alerts) are called once with all the new cases, so they happen with a few queries, not a few per case.

    It is :func:`prepare_cases_bulk` (the checks and the rows, before any write) followed by
    :func:`write_cases_bulk`. A caller that writes more rows in the same transaction (intake's batches) calls the two
    itself, adds its rows with :func:`add_dependent_rows` and opens its transaction between them, so several app
    servers can check their batches and build their rows while one of them writes.
    """
    return write_cases_bulk(prepare_cases_bulk(entries, now=now, actor=actor))


@dataclass
class PreparedCases:
    """Checked entries of :func:`prepare_cases_bulk` and their rows, ready for :func:`write_cases_bulk`.

    Every row that needs a case's id holds, in its place, the position of the case's entry in ``results``; the
    writer puts the ids it reserves there (``bulk.Rows``).
    """

    now: Any
    #: One per entry, in order: None for an entry that is staged, the DomainError that refused the others.
    results: list
    #: (position in results, case values, party values, item values, reason, further history) of each valid entry.
    staged: list
    #: The rows to insert, in this order: the cases, then the rows that point at them (parties, items, and the
    #: caller's: add_dependent_rows); the history is sealed and inserted last (``history``, ``history_rows``).
    rows: list
    history: list
    history_rows: Any
    #: The new Case instances (results of the staged entries, in order), without their ids until they are written.
    instances: list
    written: bool = False


def prepare_cases_bulk(entries: list[dict], *, now=None, actor: Actor | None = None) -> PreparedCases:
    """Check each entry of :func:`create_cases_bulk` on its own, as ``create_case`` does, and build the rows of the
    valid ones (sealed, prepared for the database); write nothing.

    Everything that does not need the database's write lock happens here: the checks, the references (drawn and
    compared with the stored ones; the unique constraint still guards the insert), the rows, the history entries
    and the Case instances. :func:`write_cases_bulk` then only reserves ids, puts them in, inserts and seals the
    chain. What it returns is only good for one :func:`write_cases_bulk`.
    """
    from rightsdesk.privacy.crypto import blind_index

    from . import bulk

    now = now or timezone.now()
    plans = {model: bulk.plan(model) for model in (Case, Party, TargetItem, CaseHistory)}
    defaults = {model: p.defaults(now) for model, p in plans.items()}
    titles: dict[tuple, str] = {}

    # _settable's verdict depends on the field, the value's type and whether the value is "" or [] (nothing else):
    # (model, name, type, empty) -> attname, for what it accepted; the commonest, a non-empty str, by (model, name).
    settable: dict[tuple, str] = {}

    def values_of(model, data: dict) -> dict:
        values = {}  # the fields given; the others keep their defaults (bulk.Plan.check, .rows)
        for name, value in data.items():
            key = (model, name) if type(value) is str and value else (model, name, type(value), value in _EMPTY)
            attname = settable.get(key)
            if attname is None:
                attname = settable[key] = _settable(model._meta, name, value).attname
            values[attname] = value
        return values

    def checked(model, values: dict, exclude: frozenset[str]) -> dict:
        try:
            return plans[model].check(values, exclude, defaults[model])
        except bulk.Refused as exc:
            raise DomainError(str(exc), code="invalid", field=exc.field) from None
        except (TypeError, ValueError) as exc:
            raise DomainError(f"A value has the wrong type: {exc}", code="invalid") from exc

    indexes: dict[str, str] = {}  # blind_index is a keyed digest of the value: the same address, the same index

    def indexed(value: str) -> str:
        if value not in indexes:
            indexes[value] = blind_index(value)
        return indexes[value]

    results: list[Case | DomainError | None] = []
    staged = []
    for entry in entries:
        try:
            fields = _typed_subject(entry.get("fields", {}))
            if not WORKFLOW_FIELDS.isdisjoint(fields):
                name = next(name for name in fields if name in WORKFLOW_FIELDS)
                raise DomainError(f"'{name}' cannot be set directly.", code="read_only", field=name)
            case = values_of(Case, fields)
            case["state"] = entry.get("initial_state", c.State.RECEIVED)
            if entry.get("due_at") is not None:
                case["due_at"] = entry["due_at"]  # the caller's first deadline (review.deadlines.due_in_state)
            items = list(entry.get("items", ()))
            project = next((str(d.get("project")) for d in items if isinstance(d, dict) and d.get("project")), "")
            received = case.get("received_at", now)
            received = received if hasattr(received, "date") else None
            kind = case.get("kind", "")
            key = (kind, project, (received or now).date())
            if key not in titles:
                titles[key] = neutral_title(kind, project, received)
            case["subject"] = titles[key]
            token = entry.get("tracking_token")
            if token:
                case["tracking_token_digest"] = link_digest(token)
            checked(Case, case, frozenset({"reference"}))
            parties, rows = [], []
            for model, given, out in [(Party, entry.get("parties", ()), parties), (TargetItem, items, rows)]:
                for data in given:
                    out.append(checked(model, values_of(model, data), frozenset({"case"})))
            for party in parties:
                party["email_index"] = indexed(party.get("email") or "")
                party["account_index"] = indexed(party.get("account_name") or "")
        except DomainError as exc:
            results.append(exc)
            continue
        staged.append((len(results), case, parties, rows, entry.get("reason", ""), entry.get("history", ())))
        results.append(None)

    # The rows. A case's id is not known before the write: each row holds its entry's position instead.
    _draw_references([s[1] for s in staged], now)
    user, label = actor_label(actor)
    actor_id = user.pk if user is not None else None
    history = []
    for index, case, parties, rows, reason, more in staged:
        case["id"] = index
        for row in parties + rows:
            row["case_id"] = index
        history.append(bulk.Link(case_id=index, at=now, actor_id=actor_id, actor_label=label,
                                 event=CaseHistory.Event.CREATED, to_state=case["state"],
                                 changes={"kind": case["kind"], "source": case.get("source", defaults[Case]["source"])},
                                 reason=reason))
        history.extend(bulk.Link(case_id=index, actor_id=actor_id, actor_label=label, **{"at": now, **extra})
                       for extra in more)
    cache: dict = {}

    def rows_of(model, dicts: list[dict], with_pk: bool, key: str = "case_id") -> bulk.Rows:
        p = plans[model]
        return bulk.Rows(model, p.rows(dicts, p.prepared_defaults(defaults[model]), cache, with_pk), with_pk, key)

    prepared_rows = [rows_of(Case, [s[1] for s in staged], True, "id"),
                     rows_of(Party, [p for s in staged for p in s[2]], False),
                     rows_of(TargetItem, [i for s in staged for i in s[3]], False)]
    instances = [plans[Case].instance(s[1], defaults[Case]) for s in staged]
    return PreparedCases(now=now, results=results, staged=staged, rows=prepared_rows, history=history,
                         history_rows=rows_of(CaseHistory, [link.values() for link in history], False),
                         instances=instances)


def _draw_references(cases: list[dict], now) -> None:
    """Give each case dict a new random reference that no stored case and no other case of the list has."""
    pending, taken = cases, set()
    while pending:
        for case, reference in zip(pending, new_references([case.get("received_at", now).year for case in pending])):
            case["reference"] = reference
        clashes = set(Case.objects.filter(reference__in=[p["reference"] for p in pending])
                      .values_list("reference", flat=True))
        retry = []
        for case in pending:
            if case["reference"] in clashes or case["reference"] in taken:
                retry.append(case)
            else:
                taken.add(case["reference"])
        pending = retry


def add_dependent_rows(prepared: PreparedCases, model, dicts: list[dict]) -> None:
    """Rows of another app's ``model`` that point at the prepared cases (intake's Submission and Declaration), to
    be written by :func:`write_cases_bulk` with the cases, before the history is sealed. Each dict names its case by
    the position of the case's entry (``case_id``: that position); the ids are put in when they are known."""
    from . import bulk

    if prepared.written:
        raise RuntimeError("add_dependent_rows: these cases are already written")
    p = bulk.plan(model)
    prepared.rows.append(bulk.Rows(model, p.rows(dicts, p.prepared_defaults(p.defaults(prepared.now)), {},
                                                 with_pk=False), with_pk=False))


def write_cases_bulk(prepared: PreparedCases) -> list["Case | DomainError"]:
    """Store the staged entries of ``prepared`` (:func:`prepare_cases_bulk`) with one INSERT per table, their
    history sealed into the hash chain in one pass, atomically; the result list of :func:`create_cases_bulk`.

    The order keeps the locks short. On SQLite the whole transaction holds the database's write lock, so only ids,
    inserts and the chain happen in it. On PostgreSQL sealing the chain locks its head until the end of the
    transaction, so every other row is inserted first, and the foreign keys of those rows (checked at commit, as
    Django declares them) are checked before the seal (``bulk.check_deferred``), not while the head is locked.
    """
    from rightsdesk.audit.chain import seal_many

    from . import bulk

    results, staged = prepared.results, prepared.staged
    if prepared.written:
        raise RuntimeError("write_cases_bulk: these cases are already written")
    prepared.written = True
    if not staged:
        return results

    with transaction.atomic():
        ids = bulk.allocate_ids(Case, len(staged))
        case_ids: list[int | None] = [None] * len(results)
        for case_id, (index, *_rest) in zip(ids, staged):
            case_ids[index] = case_id
        for rows in prepared.rows:
            rows.insert(case_ids)
        bulk.check_deferred()
        for link in prepared.history:
            link.case_id = case_ids[link.case_id]
        seal_many(prepared.history, "case_history")
        prepared.history_rows.insert(case_ids, prepared.history)
        for instance, (index, *_rest) in zip(prepared.instances, staged):
            instance.id = case_ids[index]
            results[index] = instance
        registry.cases_created(prepared.instances)
    return results
