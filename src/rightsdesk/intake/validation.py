"""Checking a submission, the same way for the web forms and the API.

:func:`clean_submission` takes the raw values of one request (strings, lists,
booleans) and returns the normalised values, the hard errors (the request is
refused and nothing stored) and what is missing but recoverable (the case is
stored as incomplete). The split per kind is declared in :mod:`.kinds`.

Error codes are stable, for API clients: required, too_long, too_many,
invalid_email, invalid_url, invalid_choice, invalid_country, invalid_text,
invalid_type, not_for_kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import ACCOUNT_NAME_MAX, URL_MAX
from rightsdesk.cases.services import reference_as_stored
from rightsdesk.core import value_checks
from rightsdesk.core.bidi import isolated_text
from rightsdesk.core.country_codes import is_country_code
from rightsdesk.core.errors import needed, too_long
from rightsdesk.core.examples import with_examples

from . import conf
from .kinds import FIELDS, KindSpec

_url_validator = URLValidator(schemes=["http", "https"])

#: What an e-mail address that is not one is told, on every public form (intake's, the lost link's, legal support's):
#: what to fix, with an address to copy the shape of, not Django's "Enter a valid email address.".
INVALID_EMAIL = with_examples(gettext_lazy("Enter a valid e-mail address, like %(email)s."))


@dataclass
class FieldError:
    field: str
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "code": self.code, "message": self.message}


@dataclass
class Cleaned:
    values: dict = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def text_problem(value: str) -> str | None:
    """Text the database could not store: NUL characters (PostgreSQL refuses them) and lone surrogates."""
    if "\x00" in value:
        return _("Remove the invisible NUL character from this text.")
    if value.isascii():  # a flag of the str, no scan: ASCII text holds no surrogates
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("This text contains characters that are not valid Unicode.")
    return None


def as_text(name: str, value: Any, max_length: int, errors: list[FieldError]) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.append(FieldError(name, "invalid_type", _("Send text here.")))
        return ""
    value = value.strip()
    problem = text_problem(value)
    if problem:
        errors.append(FieldError(name, "invalid_text", problem))
        return ""
    if len(value) > max_length:
        errors.append(FieldError(name, "too_long", too_long(max_length, len(value))))
    return value


def _as_lines(name: str, value: Any, max_length: int, limit: int, errors: list[FieldError]) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        errors.append(FieldError(name, "invalid_type", _("Send a list of text lines here.")))
        return []
    lines: list[str] = []
    for raw in value:
        line = as_text(name, raw, max_length, errors)
        if line and line not in lines:
            lines.append(line)
    if len(lines) > limit:
        errors.append(FieldError(name, "too_many", _("List at most %(max)d here (this has %(count)d); "
                                                     "send the rest in another request.") % {"max": limit, "count": len(lines)}))
    return lines


def _check_url(name: str, url: str, errors: list[FieldError]) -> None:
    try:
        value_checks.check(_url_validator, url)  # the model field's check of the same URL is then a look-up
    except ValidationError:
        # What was typed, in any script, keeps its own direction inside a right-to-left sentence.
        errors.append(FieldError(name, "invalid_url", _("'%(url)s' is not a full web address starting with https:// "
                                                        "or http://.") % {"url": isolated_text(url[:100])}))


def _as_bool(name: str, value: Any, errors: list[FieldError]) -> bool:
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"on", "true", "1", "yes"}:
        return True
    if isinstance(value, str) and value.lower() in {"off", "false", "0", "no"}:
        return False
    errors.append(FieldError(name, "invalid_type", _("Send true or false here.")))
    return False


#: id(choices) -> (choices, their values): the choices given to clean_field are fixed tuples (FIELDS, _fields_of).
_choice_values: dict[int, tuple[tuple, list[str]]] = {}


def _values_of(choices: tuple) -> list[str]:
    hit = _choice_values.get(id(choices))
    if hit is None or hit[0] is not choices:
        if len(_choice_values) > 256:
            _choice_values.clear()
        hit = _choice_values[id(choices)] = (choices, [v for v, _label in choices])
    return hit[1]


def clean_field(name: str, value: Any, errors: list[FieldError], *, choices: tuple | None = None) -> Any:
    """Normalise one value by its declared type; append what is wrong to ``errors``."""
    fd = FIELDS[name]
    if value is None:  # not sent: what each type below makes of None, without asking
        return False if fd.type == "bool" else [] if fd.type in ("urls", "lines") else ""
    if fd.type == "bool":
        return _as_bool(name, value, errors)
    if fd.type in ("urls", "lines"):
        is_urls = fd.type == "urls"
        limit = conf.get("MAX_URLS") if is_urls else conf.get("MAX_ACCOUNTS")
        lines = _as_lines(name, value, URL_MAX if is_urls else ACCOUNT_NAME_MAX, limit, errors)
        if is_urls:
            for url in lines:
                _check_url(name, url, errors)
        return lines
    max_length = conf.get("MAX_TEXT_CHARS") if name == "description" else fd.max_length
    text = as_text(name, value, max_length, errors)
    if not text:
        return ""
    if fd.type == "email":
        try:
            value_checks.check(validate_email, text)  # the model field's check of the same address is a look-up
        except ValidationError:
            errors.append(FieldError(name, "invalid_email", str(INVALID_EMAIL)))
    elif fd.type == "url":
        _check_url(name, text, errors)
    elif fd.type == "choice":
        allowed = _values_of(choices if choices is not None else fd.choices)
        if text not in allowed:
            errors.append(FieldError(name, "invalid_choice", _("Choose one of: %(choices)s.") % {"choices": ", ".join(allowed)}))
    elif fd.type == "country":
        text = text.upper()
        if not is_country_code(text):
            errors.append(FieldError(name, "invalid_country", _("Use a two-letter ISO country code, like DE or BR.")))
    elif fd.type == "reference":
        text = reference_as_stored(text)
    return text


def requester_type_choices(spec: KindSpec) -> tuple:
    fd = FIELDS["requester_type"]
    if not spec.requester_types:
        return fd.choices
    return tuple((v, label) for v, label in fd.choices if v in spec.requester_types)


#: id(spec) -> (spec, its fields as (name, the choices clean_field is given)): a kind's fields are fixed.
_spec_fields: dict[int, tuple[KindSpec, tuple]] = {}


def _fields_of(spec: KindSpec) -> tuple:
    hit = _spec_fields.get(id(spec))
    if hit is None or hit[0] is not spec:
        fields = tuple((name, requester_type_choices(spec) if name == "requester_type" else None)
                       for name in spec.field_names)
        hit = _spec_fields[id(spec)] = (spec, fields)
    return hit[1]


#: What an anonymous report does not keep, even if typed.
ANONYMOUS_DROPS = ("name", "email")


def clean_submission(spec: KindSpec, raw: dict) -> Cleaned:
    """Check one request of kind ``spec`` and list its errors and missing elements.

    Only the fields of the kind are read; the caller reports any others.
    """
    result = Cleaned()
    errors = result.errors
    values: dict[str, Any] = {}
    fields = _fields_of(spec)
    for name, choices in fields:
        values[name] = clean_field(name, raw.get(name), errors, choices=choices)
    bad_fields = {e.field for e in errors}

    for name in spec.essential:
        if name not in bad_fields and not values.get(name):
            errors.append(FieldError(name, "required", needed(FIELDS[name].label)))

    if values.get("anonymous"):
        # An anonymous report keeps no contact details even if some were typed, so none of them is checked either:
        # a mistyped address the report will not keep is no reason to refuse it.
        values.update(dict.fromkeys(ANONYMOUS_DROPS, ""))
        errors[:] = [e for e in errors if e.field not in ANONYMOUS_DROPS]
    if "requester_type" not in values:
        # Harm reports, appeals...: an individual, or anonymous without any contact details.
        values["requester_type"] = (spec.default_requester_type if values.get("name") or values.get("email")
                                    else c.RequesterType.ANONYMOUS)
    # An empty subject stays empty: it is never copied from the request text (the case gets a neutral title).
    values["subject"] = values.get("subject") or ""
    result.values = values
    result.missing = missing_elements(spec, values)
    return result


def missing_elements(spec: KindSpec, v: dict) -> list[str]:
    """What a complete request of this kind still lacks (codes of kinds.MISSING_LABELS)."""
    child_safety = v.get("content_ground") == c.ContentGround.CHILD_SAFETY
    missing = []
    for need in spec.needed:
        if need in ("name", "email") and child_safety:
            continue  # DSA Art. 16(2)(c): not required for child sexual abuse reports
        if need == "contact":
            present = v.get("email") or v.get("phone") or v.get("postal_address")
        elif need == "official":
            present = v.get("name")
        elif need == "targets":
            present = v.get("accounts") or v.get("urls")
        elif need == "contact_email_or_phone":
            present = v.get("email") or v.get("phone")
        else:
            present = v.get(need)
        if not present:
            missing.append(need)
    return missing


def _host_path_query(url: str) -> tuple[str, str, str]:
    """urlsplit's (hostname or "", path, query) of ``url``. An ordinary web address (value_checks.PLAIN_WEB_URL: a
    lower-case scheme and host, no user or port, printable ASCII) is cut where urlsplit cuts it, without urlsplit
    (the host ends at the first "/", the fragment at the first "#", then the query at the first "?"); bulk intake
    reads every item URL."""
    plain = value_checks.PLAIN_WEB_URL.fullmatch(url)
    if plain is None:
        parts = urlsplit(url)
        return parts.hostname or "", parts.path, parts.query
    path, _mark, query = url[plain.end(2):].split("#", 1)[0].partition("?")
    return plain.group(2), path, query


def project_and_title(url: str) -> tuple[str, str]:
    """'https://en.wikipedia.org/wiki/Foo_bar' -> ('en.wikipedia.org', 'Foo bar')."""
    host, path, query = _host_path_query(url)
    host = host[:200]
    title = ""
    if path.startswith("/wiki/"):
        title = unquote(path[len("/wiki/"):]).replace("_", " ")
    elif "title=" in query:
        for pair in query.split("&"):
            if pair.startswith("title="):
                title = unquote(pair[len("title="):]).replace("_", " ")
    return host, title[:500]


_REVISION_RE = re.compile(r"[?&]oldid=(\d{1,18})\b")


def revision_of(url: str) -> int | None:
    match = _REVISION_RE.search(url)
    return int(match.group(1)) if match else None


#: The earliest day a request entered by staff can have been received (an earlier year is a typing mistake).
EARLIEST_RECEIVED = date(2000, 1, 1)


def received_at_problem(moment: datetime, now: datetime) -> str | None:
    """Why a date of receipt typed by staff cannot be right (it starts the deadlines), or None."""
    if moment > now:
        return _("The date received cannot be in the future: type the day the letter, fax, call or e-mail arrived.")
    if moment.date() < EARLIEST_RECEIVED:
        return _("The date received cannot be before 1 January 2000: check the year.")
    return None
