"""The historic import: cases decided before rightsdesk, one JSON object per line.

A platform adopting rightsdesk brings its earlier years so its transparency
reports cover them. Each line is one case in the schema below (documented
with an example in docs/data-model.md, "Historic import"). Every line is
validated in full before anything is written; a line that fails is reported
with its number and the field at fault, and nothing of it is stored (one
transaction per line). Lines that pass are stored through
``services.create_case`` with the state their life ended in (closed, notified
or decided), their own dates, and a history saying they were imported.

Historic data is often less complete than rightsdesk's own (docs/data-model.md,
"Historic import"): a date without a time is read as 12:00 UTC that day; the
requester type may be "unknown"; the decision date may be left out (the case is
decided, its date is not known: the report's medians and "decided" counts skip
it rather than invent one). A stated outcome must agree with the actions on the
items (granted: every item with an action was acted on; rejected, invalid,
withdrawn, challenged: none was), and each action must be one the case's kind
allows (cases.policy.item_actions_for).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import timezone as dt_timezone
from typing import Annotated, Iterable, Literal, Optional

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
import contextlib

from django.db import DatabaseError, transaction
from pydantic import (AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, WrapValidator,
                      model_validator)

from rightsdesk.core.country_codes import InvalidCountry, country_code
from rightsdesk.core.errors import DomainError

from . import choices as c
from .policy import ACCOUNT_NAME_MAX, URL_MAX, item_actions_for
from .models import Case, CaseHistory
from .services import create_case, create_cases_bulk, outcome_from_items, record, update_case

IMPORT_ACTOR = "import"


def _choice(choices, *, blank: bool = False):
    """A Literal of the enumeration's stored values (so a wrong value's error lists the right ones)."""
    values = tuple(v for v in choices.values if v != "")
    return Literal[values + ("",)] if blank else Literal[values]


def _country(value: str) -> str:
    """The one country rule (core.country_codes): ISO 3166-1 alpha-2 and the user-assigned codes in use (XK)."""
    try:
        return country_code(value)
    except InvalidCountry as exc:
        raise ValueError(str(exc)) from None


DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The hour a date without a time is read at (UTC): midday, so the date stays the same in every time zone from
#: UTC-12 to UTC+11 and a case is never moved into the previous or next day, half-year or year.
DATE_ONLY_HOUR = 12
TIME_FORMS = ("a date and time with its timezone (2019-03-02T10:00:00Z, 2019-03-02T11:00:00+01:00) "
              "or a date alone (2019-03-02, read as 12:00 UTC)")


def _historic_time(value, handler):
    """A timestamp with its zone, or a date alone read as noon UTC that day."""
    if isinstance(value, date) and not isinstance(value, datetime):
        value = value.isoformat()
    if isinstance(value, str) and DATE_ONLY.match(value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"is not a calendar date; write {TIME_FORMS}") from None
        return datetime(day.year, day.month, day.day, DATE_ONLY_HOUR, tzinfo=dt_timezone.utc)
    try:
        return handler(value)
    except ValidationError:
        raise ValueError(f"must be {TIME_FORMS}; a time without a timezone is ambiguous") from None


def _url(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError:
            raise ValueError("must be a full http(s) URL, e.g. https://en.wikipedia.org/wiki/Example") from None
    return value


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError("is not an e-mail address") from None
    return value


Country = Annotated[str, AfterValidator(_country)]
When = Annotated[AwareDatetime, WrapValidator(_historic_time)]
Url = Annotated[str, Field(max_length=URL_MAX), AfterValidator(_url)]
Email = Annotated[str, Field(max_length=320), AfterValidator(_email)]
Text = Annotated[str, Field(max_length=500)]
DECIDED_OUTCOMES = tuple(v for v in c.Outcome.values if v != c.Outcome.PENDING)


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ItemIn(Schema):
    """One targeted page, revision, file or account, and what was done to it."""

    url: Url = ""
    project: Annotated[str, Field(max_length=200)] = ""
    page_title: Text = ""
    revision_id: Optional[Annotated[int, Field(ge=1)]] = None
    item_type: _choice(c.ItemType) = c.ItemType.PAGE.value
    content_type: _choice(c.ContentType) = c.ContentType.TEXT.value
    account_name: Annotated[str, Field(max_length=ACCOUNT_NAME_MAX)] = ""
    copyrighted_work: Annotated[str, Field(max_length=1000)] = ""
    copyrighted_url: Url = ""
    action: _choice(c.Action, blank=True) = ""
    action_countries: list[Country] = []
    action_end_date: Optional[date] = None
    ground: Text = ""
    reason: str = ""
    disclosed_fields: list[Annotated[str, Field(max_length=100)]] = []
    restored_at: Optional[When] = None


class RequesterIn(Schema):
    """Who sent the request: the categorical facts the report counts, and (private) contact details."""

    #: "unknown" when the historic record does not say (docs/data-model.md).
    type: Literal[tuple(c.RequesterType.values)]
    organisation: Annotated[str, Field(max_length=300)] = ""
    authority_country: Country = ""
    authority_level: _choice(c.AuthorityLevel, blank=True) = ""
    trusted_flagger: bool = False
    kind: _choice(c.EntityKind) = c.EntityKind.INDIVIDUAL.value
    name: Annotated[str, Field(max_length=300)] = ""
    email: Email = ""
    phone: Annotated[str, Field(max_length=64)] = ""
    postal_address: str = ""
    country: Country = ""
    language: Annotated[str, Field(max_length=16)] = ""


class PartyIn(Schema):
    """Another party: an affected user, a principal, an issuing court."""

    role: Literal["principal", "affected_user", "issuing_court"]
    kind: _choice(c.EntityKind) = c.EntityKind.INDIVIDUAL.value
    name: Annotated[str, Field(max_length=300)] = ""
    organisation: Annotated[str, Field(max_length=300)] = ""
    email: Email = ""
    account_name: Annotated[str, Field(max_length=ACCOUNT_NAME_MAX)] = ""
    country: Country = ""
    language: Annotated[str, Field(max_length=16)] = ""


class DecisionIn(Schema):
    #: Omitted or null: decided, on a date not known (not invented; the report's medians leave the case out).
    decided_at: Optional[When] = None
    #: Omitted: follows from the items' actions (all acted on: granted; some: partially granted; none: rejected).
    outcome: Optional[Literal[DECIDED_OUTCOMES]] = None
    ground: _choice(c.DecisionGround, blank=True) = ""
    summary: str = ""
    automated_detection: bool = False
    automated_decision: _choice(c.AutomatedDecision) = c.AutomatedDecision.NOT_AUTOMATED.value


class NoticesIn(Schema):
    """What the people affected were told."""

    notified_at: Optional[When] = None
    accounts_notified: Annotated[int, Field(ge=0)] = 0


class CaseIn(Schema):
    """One historic case: one line of the import file."""

    id: Annotated[str, Field(min_length=1, max_length=200)]
    kind: _choice(c.Kind)
    received_at: When
    acknowledged_at: Optional[When] = None
    closed_at: Optional[When] = None
    subject: Annotated[str, Field(min_length=1, max_length=300)]
    description: str = ""
    language: Annotated[str, Field(max_length=16)] = "en"
    source: _choice(c.Source) = c.Source.IMPORT.value
    country: Country = ""
    content_ground: _choice(c.ContentGround, blank=True) = ""
    harm_category: _choice(c.HarmCategory, blank=True) = ""
    dsa_category: _choice(c.DsaCategory, blank=True) = ""
    legal_process: _choice(c.LegalProcess, blank=True) = ""
    law_invoked: Text = ""
    legal_basis_reference: Annotated[str, Field(max_length=300)] = ""
    content_data_requested: bool = False
    non_content_data_requested: bool = False
    accounts_potentially_affected: Annotated[int, Field(ge=0)] = 0
    accounts_actually_affected: Annotated[int, Field(ge=0)] = 0
    threat_type: _choice(c.ThreatType, blank=True) = ""
    emergency_origin: _choice(c.EmergencyOrigin, blank=True) = ""
    appeal_of: Optional[str] = None
    requester: RequesterIn
    parties: list[PartyIn] = []
    items: list[ItemIn] = []
    decision: DecisionIn
    notices: NoticesIn = NoticesIn()

    @model_validator(mode="after")
    def _consistent(self) -> "CaseIn":
        # Dates in the order a case lives them.
        decided = self.decision.decided_at
        if self.acknowledged_at and self.acknowledged_at < self.received_at:
            raise FieldError("acknowledged_at", "is before received_at")
        if decided and decided < self.received_at:
            raise FieldError("decision.decided_at", "is before received_at")
        if decided and self.notices.notified_at and self.notices.notified_at < decided:
            raise FieldError("notices.notified_at", "is before decision.decided_at")
        if decided and self.closed_at and self.closed_at < decided:
            raise FieldError("closed_at", "is before decision.decided_at")
        for later in ("notices.notified_at", "closed_at"):
            value = self.notices.notified_at if later == "notices.notified_at" else self.closed_at
            if value and value < self.received_at:
                raise FieldError(later, "is before received_at")
        # The facts each kind's part of the report needs.
        needed = {
            c.Kind.USER_DATA_REQUEST: ["legal_process"],
            c.Kind.EMERGENCY_DISCLOSURE: ["threat_type", "emergency_origin"],
            c.Kind.HARM_REPORT: ["harm_category"],
        }.get(self.kind, [])
        for name in needed:
            if not getattr(self, name):
                raise FieldError(name, f"is required for a case of kind {self.kind}")
        if self.decision.outcome is None and not self.items:
            raise FieldError("decision.outcome", "is required when the case has no items to derive it from")
        self._actions_agree()
        return self

    def _actions_agree(self) -> None:
        """Each item's action is one this kind allows, and a stated outcome agrees with the items' actions."""
        allowed = [str(a) for a in item_actions_for(self.kind)]
        for n, item in enumerate(self.items):
            if item.action and item.action not in allowed:
                raise FieldError(f"items.{n}.action", f"{item.action!r} cannot be done on a case of kind {self.kind}; "
                                                      f"one of: {', '.join(allowed)}")
        outcome = self.decision.outcome
        decided = [(n, item.action) for n, item in enumerate(self.items) if item.action]
        if outcome is None or not decided:
            return  # derived from the items, or items without recorded actions: nothing to disagree with
        acted = [f"items.{n} ({action})" for n, action in decided if action != c.Action.NO_ACTION]
        refused = [f"items.{n} (no_action)" for n, action in decided if action == c.Action.NO_ACTION]
        problem = ""
        if outcome == c.Outcome.GRANTED and refused:
            problem = f"is granted, but nothing was done to {', '.join(refused)}; write partially_granted, or the actions done"
        elif outcome == c.Outcome.PARTIALLY_GRANTED and not acted:
            problem = "is partially_granted, but no item was acted on (every action is no_action); write rejected"
        elif outcome == c.Outcome.PARTIALLY_GRANTED and not refused and len(decided) == len(self.items):
            problem = "is partially_granted, but every item was acted on; write granted"
        elif outcome not in c.GRANTING_OUTCOMES and acted:
            problem = (f"is {outcome}, but {', '.join(acted)} {'was' if len(acted) == 1 else 'were'} acted on; "
                       f"write granted or partially_granted, or no_action on the items")
        if problem:
            raise FieldError("decision.outcome", problem)


class FieldError(ValueError):
    """A rule across fields failed; ``field`` names the one to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass
class LineError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", field {self.field}" if self.field else "")
        return f"{where}: {self.message}"


@dataclass
class ImportSummary:
    lines: int = 0
    imported: list[str] = field(default_factory=list)  # references of the cases stored
    skipped: list[LineError] = field(default_factory=list)  # already imported
    errors: list[LineError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def failed_lines(self) -> int:
        return len({e.line for e in self.errors})


class LineRefused(Exception):
    def __init__(self, errors: list[LineError]):
        self.errors = errors


def _pydantic_errors(line: int, exc: ValidationError) -> list[LineError]:
    errors = []
    for err in exc.errors(include_url=False, include_input=False):
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, FieldError):
            errors.append(LineError(line, cause.field, cause.message))
            continue
        loc = ".".join(str(part) for part in err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        errors.append(LineError(line, loc, message))
    return errors


def decoded(line_number: int, raw: str | bytes) -> str:
    """A line as text. Bytes are read as UTF-8 line by line, so a line in another encoding is refused with its number
    like any other bad line, and the lines before it are not left stored behind an error about the whole file. A
    byte-order mark before the first line (as some editors save UTF-8) is dropped."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
            if "\x00" in text:  # UTF-16 or UTF-32 (or binary): JSON text never holds a NUL byte
                raise UnicodeDecodeError("utf-8", raw, raw.index(b"\x00"), raw.index(b"\x00") + 1, "NUL byte")
            raw = text
        except UnicodeDecodeError as exc:
            raise LineRefused([LineError(line_number, "", f"is not UTF-8 text (byte {exc.start + 1} of the line); "
                                                          "save the file as UTF-8 and import it again")]) from None
    return raw.removeprefix("\ufeff") if line_number == 1 else raw


def _spread_over_lines(text: str) -> str:
    """What to do when a line is the opening of a JSON document written over several lines (a pretty-printed list
    or object): the file holds one case a line."""
    line = text.strip()
    if line in ("[", "{") or (line.startswith(("[{", "{")) and not line.endswith(("]", "}"))):
        return ("; this looks like the start of a JSON document written over several lines, but the file must hold "
                "one case per line (JSON Lines): write each case on one line, e.g. with jq -c '.[]' cases.json")
    return ""


def parse_line(line_number: int, text: str) -> CaseIn:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LineRefused([LineError(line_number, "", f"not valid JSON ({exc.msg} at column {exc.colno})"
                                     + _spread_over_lines(text))]) from None
    except (ValueError, RecursionError):
        raise LineRefused([LineError(line_number, "", "not valid JSON: a number is too long or the nesting too deep")]) from None
    if not isinstance(data, dict):
        raise LineRefused([LineError(line_number, "", "must be one JSON object (a case), not a list or a value")])
    try:
        return CaseIn.model_validate(data)
    except ValidationError as exc:
        raise LineRefused(_pydantic_errors(line_number, exc)) from None


def previous_imports() -> dict[str, int]:
    """import id -> case id of every case imported before (read once, not per line)."""
    rows = (CaseHistory.objects.filter(event=CaseHistory.Event.NOTE, changes__has_key="import_id")
            .values_list("changes__import_id", "case_id"))
    return {str(import_id): case_id for import_id, case_id in rows}


class Importer:
    """Imports lines one at a time; remembers the ids seen so appeals can name an earlier line."""

    def __init__(self, *, source_name: str = "import", actor: str = IMPORT_ACTOR):
        self.source_name = source_name
        self.actor = actor
        self.seen: dict[str, Case] = {}
        self.earlier = previous_imports()

    def already_imported(self, import_id: str) -> Case | None:
        if import_id in self.seen:
            return self.seen[import_id]
        if import_id in self.earlier:
            return Case.objects.filter(pk=self.earlier[import_id]).first()
        return None

    def _appealed(self, record_in: CaseIn, line: int) -> Case | None:
        if not record_in.appeal_of:
            return None
        target = (self.already_imported(record_in.appeal_of)
                  or Case.objects.filter(reference=record_in.appeal_of).first())
        if target is None:
            raise LineRefused([LineError(line, "appeal_of", f"no case with the id or reference {record_in.appeal_of!r}; "
                                                            f"the appealed case must come earlier in the file or be stored already")])
        return target

    def _case_data(self, record_in: CaseIn, line: int, appealed: Case | None) -> dict:
        """What create_case (or create_cases_bulk) stores for one line, and the history of its earlier life."""
        decision, notices, req = record_in.decision, record_in.notices, record_in.requester
        fields = {
            "kind": record_in.kind, "received_at": record_in.received_at, "acknowledged_at": record_in.acknowledged_at,
            "decided_at": decision.decided_at, "notified_at": notices.notified_at, "closed_at": record_in.closed_at,
            "subject": record_in.subject, "description": record_in.description, "language": record_in.language,
            "source": record_in.source, "country": record_in.country, "content_ground": record_in.content_ground,
            "harm_category": record_in.harm_category, "dsa_category": record_in.dsa_category,
            "legal_process": record_in.legal_process, "law_invoked": record_in.law_invoked,
            "legal_basis_reference": record_in.legal_basis_reference,
            "content_data_requested": record_in.content_data_requested,
            "non_content_data_requested": record_in.non_content_data_requested,
            "accounts_potentially_affected": record_in.accounts_potentially_affected,
            "accounts_actually_affected": record_in.accounts_actually_affected,
            "accounts_notified": notices.accounts_notified,
            "threat_type": record_in.threat_type, "emergency_origin": record_in.emergency_origin,
            "requester_type": req.type, "requester_organisation": req.organisation,
            "authority_country": req.authority_country, "authority_level": req.authority_level,
            "trusted_flagger": req.trusted_flagger, "automated_detection": decision.automated_detection,
            "automated_decision": decision.automated_decision, "decision_ground": decision.ground,
            "decision_summary": decision.summary, "outcome": decision.outcome or "", "appeal_of": appealed,
        }
        requester_party = {"role": c.PartyRole.REQUESTER, "kind": req.kind, "name": req.name, "organisation": req.organisation,
                           "email": req.email, "phone": req.phone, "postal_address": req.postal_address,
                           "country": req.country, "language": req.language}
        parties = [requester_party] if req.type != c.RequesterType.ANONYMOUS else []
        parties += [p.model_dump() for p in record_in.parties]
        note = {"import_id": record_in.id, "import_file": self.source_name, "import_line": line}
        if decision.decided_at is None:
            note["decided_at"] = "unknown"
        reason = f"Historic import from {self.source_name}, line {line}."
        # The earlier life, after the import's own note (and, for a derived outcome, the edit that sets it).
        decided = {"event": CaseHistory.Event.DECISION, "reason": "Decided before rightsdesk (historic import)."
                   if decision.decided_at else "Decided before rightsdesk (historic import), on a date not known."}
        if decision.decided_at:
            decided["at"] = decision.decided_at
        life = [decided]
        if notices.notified_at:
            life.append({"event": CaseHistory.Event.NOTICE, "at": notices.notified_at,
                         "changes": {"accounts_notified": notices.accounts_notified},
                         "reason": "Notices sent before rightsdesk (historic import)."})
        if record_in.closed_at:
            life.append({"event": CaseHistory.Event.TRANSITION, "at": record_in.closed_at,
                         "from_state": c.State.NOTIFIED if notices.notified_at else c.State.DECIDED,
                         "to_state": c.State.CLOSED, "changes": {"transition": "close"},
                         "reason": "Closed before rightsdesk (historic import)."})
        state = c.State.CLOSED if record_in.closed_at else c.State.NOTIFIED if notices.notified_at else c.State.DECIDED
        return {"fields": fields, "parties": parties, "items": [item.model_dump() for item in record_in.items],
                "reason": reason, "initial_state": state, "note": note, "life": life}

    def import_case(self, record_in: CaseIn, line: int) -> Case:
        """Store one validated case with its parties, items and history, all or nothing."""
        data = self._case_data(record_in, line, self._appealed(record_in, line))
        try:
            with transaction.atomic():
                case = create_case(fields=data["fields"], parties=data["parties"], items=data["items"],
                                   actor=self.actor, reason=data["reason"], initial_state=data["initial_state"])
                record(case, CaseHistory.Event.NOTE, self.actor, reason=data["reason"], changes=data["note"])
                if record_in.decision.outcome is None:
                    update_case(case, {"outcome": outcome_from_items(case)}, self.actor,
                                reason="Outcome derived from the actions on the imported items.")
                for entry in data["life"]:
                    if entry["event"] == CaseHistory.Event.DECISION:
                        entry = {**entry, "changes": {"outcome": case.outcome}}
                    record(case, entry.pop("event"), self.actor, **entry)
        except DomainError as exc:
            raise LineRefused([LineError(line, exc.field or "", exc.message)]) from None
        except DatabaseError as exc:
            # The message of a database error can quote the values; name only its kind.
            raise LineRefused([LineError(line, "", f"the database refused the case ({type(exc).__name__})")]) from None
        self.seen[record_in.id] = case
        return case

    def import_many(self, records: list[tuple[int, CaseIn]]) -> tuple[list[Case], list[LineError]]:
        """The fast path: lines that stand alone (a stated outcome, no appeal of an earlier line) stored together with
        one INSERT per table (services.create_cases_bulk), validated one by one exactly as :meth:`import_case` does."""
        entries = []
        for line, record_in in records:
            data = self._case_data(record_in, line, None)
            history = [{"event": CaseHistory.Event.NOTE, "changes": data["note"], "reason": data["reason"]}]
            for entry in data["life"]:
                if entry["event"] == CaseHistory.Event.DECISION:
                    entry = {**entry, "changes": {"outcome": record_in.decision.outcome}}
                history.append(entry)
            entries.append({**{k: data[k] for k in ("fields", "parties", "items", "reason", "initial_state")},
                            "history": history})
        cases, errors = [], []
        try:
            results = create_cases_bulk(entries, actor=self.actor)
        except DatabaseError as exc:  # the chunk is one transaction: none of it was stored
            return [], [LineError(line, "", f"the database refused the chunk of lines this line was stored with "
                                            f"({type(exc).__name__}); import without --bulk to find the line")
                        for line, _record in records]
        for (line, record_in), result in zip(records, results):
            if isinstance(result, DomainError):
                errors.append(LineError(line, result.field or "", result.message))
            else:
                self.seen[record_in.id] = result
                cases.append(result)
        return cases, errors


#: Lines stored together by the bulk path (one transaction and one INSERT per table for each chunk).
BULK_CHUNK = 500


def import_lines(lines: Iterable[str | bytes], *, source_name: str = "import", dry_run: bool = False,
                 actor: str = IMPORT_ACTOR, bulk: bool = False) -> ImportSummary:
    """Import JSON lines (text, or bytes read as UTF-8 line by line); returns what was stored, skipped and refused.
    ``dry_run`` stores nothing.

    ``bulk`` (``rightsdesk import --bulk``): lines that stand alone (their outcome stated, no ``appeal_of``) are
    stored BULK_CHUNK at a time with one INSERT per table, about ten times faster; each is still validated on its
    own and a refused line is reported with its number, but a chunk is one transaction. The other lines are stored
    one by one as without ``bulk``, in file order (the pending chunk is stored first, so an appeal finds its case).
    """
    summary = ImportSummary(dry_run=dry_run)
    pending: list[tuple[int, CaseIn]] = []
    pending_ids: set[str] = set()

    def flush() -> None:
        if pending:
            cases, errors = importer.import_many(list(pending))
            summary.imported.extend(case.reference for case in cases)
            summary.errors.extend(errors)
            pending.clear()
            pending_ids.clear()

    # Each line commits on its own; a dry run wraps them all in one transaction rolled back at the end.
    with transaction.atomic() if dry_run else contextlib.nullcontext():
        importer = Importer(source_name=source_name, actor=actor)
        for number, raw in enumerate(lines, start=1):
            try:
                text = decoded(number, raw)
            except LineRefused as refused:
                summary.lines += 1
                summary.errors.extend(refused.errors)
                continue
            if not text.strip():
                continue
            summary.lines += 1
            try:
                record_in = parse_line(number, text)
                earlier = importer.already_imported(record_in.id)
                if earlier is not None or record_in.id in pending_ids:
                    where = earlier.reference if earlier is not None else "an earlier line of this file"
                    summary.skipped.append(LineError(number, "id", f"{record_in.id!r} was already imported as "
                                                                   f"{where}; line skipped"))
                    continue
                if bulk and record_in.appeal_of is None and record_in.decision.outcome is not None:
                    pending.append((number, record_in))
                    pending_ids.add(record_in.id)
                    if len(pending) >= BULK_CHUNK:
                        flush()
                    continue
                flush()
                case = importer.import_case(record_in, number)
            except LineRefused as refused:
                summary.errors.extend(refused.errors)
                continue
            summary.imported.append(case.reference)
        flush()
        if dry_run:
            transaction.set_rollback(True)
    return summary
