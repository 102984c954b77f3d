"""The JSON shapes of the submission API, derived from the field declarations in :mod:`.kinds`.

Types are checked here (pydantic); sizes, formats and the rules of each kind
are checked by :mod:`.validation`, exactly as for the web forms. The
``maxLength`` and ``maxItems`` published in the schema are the installation's
limits (:func:`.conf.get`, read when the schema is built at start): a site that
raises ``MAX_TEXT_CHARS`` publishes and accepts the same limit its web form does.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal, Optional

import jsonschema_rs
from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import ACCOUNT_NAME_MAX, URL_MAX, reference_example
from rightsdesk.core.apierrors import ErrorOut, ErrorsOut  # noqa: F401  (ErrorsOut: the routers' error shape)

from . import conf
from .kinds import FIELDS

META_FIELDS = ("kind", "client_key", "language")

KindName = Literal[tuple(c.Kind.values)]  # type: ignore[valid-type]
LanguageCode = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]


def _field(name: str):
    fd = FIELDS[name]
    description = str(fd.why or fd.help or fd.label)
    if fd.type == "bool":
        return (Optional[bool], Field(None, description=description))
    if fd.type in ("urls", "lines"):
        limit = conf.get("MAX_URLS") if fd.type == "urls" else conf.get("MAX_ACCOUNTS")
        item = {"format": "uri", "maxLength": URL_MAX} if fd.type == "urls" else {"maxLength": ACCOUNT_NAME_MAX}
        return (Optional[list[str]], Field(None, description=description,
                                           json_schema_extra={"maxItems": limit, "items": {"type": "string", **item}}))
    if fd.type == "choice":
        values = tuple(v for v, _label in fd.choices)
        return (Optional[Literal[values]], Field(None, description=description))  # type: ignore[valid-type]
    extra: dict[str, Any] = {"maxLength": conf.get("MAX_TEXT_CHARS") if name == "description" else fd.max_length}
    if fd.type == "email":
        extra["format"] = "email"
    elif fd.type == "url":
        extra["format"] = "uri"
    elif fd.type == "country":
        extra.update(minLength=2, maxLength=2, description=description + " Two-letter ISO 3166-1 code, or XK for Kosovo.")
    return (Optional[str], Field(None, description=description, json_schema_extra=extra))


class _Base(BaseModel):
    """A plain pydantic model: a request is JSON, never an ORM object, so ninja's Schema (which reads attributes of
    Django objects through a wrapper on every validation) would only add cost: a third of a batch's checks."""

    model_config = ConfigDict(extra="forbid")


CaseIn = create_model(
    "CaseIn",
    __base__=_Base,
    __doc__="One request. Only the fields of its kind may be sent; see docs/api.md for which fields each kind uses.",
    kind=(KindName, Field(..., description="The kind of request.")),
    client_key=(str, Field(..., min_length=1, max_length=200,
                           description="Your unique key for this item. Sending the same key again creates nothing new.")),
    language=(Optional[LanguageCode], Field(None, description="Language of the tracking page link (default en).")),
    **{name: _field(name) for name in FIELDS},
)


@cache
def _item_validator():
    return jsonschema_rs.validator_for(CaseIn.model_json_schema(), validate_formats=True)


#: The error codes of schema problems: the same words the rules of .validation and pydantic use for the same fault.
SCHEMA_CODES = {
    "Format:email": "invalid_email", "Format:uri": "invalid_url", "MaxLength": "too_long", "MinLength": "too_short",
    "MaxItems": "too_many", "MinItems": "too_few", "Required": "required", "AdditionalProperties": "extra_forbidden",
    "Enum": "literal_error", "Constant": "literal_error", "Type": "invalid_type", "AnyOf": "invalid_type",
}
#: A batch whose items break the schema is answered with at most this many of the problems.
MAX_SCHEMA_ERRORS = 100


def schema_errors(item: Any, where: str = "") -> list[dict]:
    """What the published schema of one request refuses in ``item`` (types, required fields, choices, lengths,
    e-mail and URL formats), as API error rows. The schema is the contract: pydantic checks the types, and this
    checks the rest of what the schema says (lengths and formats), with the validator schemathesis checks us with.
    The rules of each kind (which fields it needs, declarations) come after, in .validation."""
    out = []
    for error in _item_validator().iter_errors(item):
        kind = type(error.kind).__name__
        path = [str(p) for p in error.instance_path]
        if kind == "Required":
            path.append(str(error.kind.property).strip('"'))
        elif kind == "AdditionalProperties" and len(error.kind.unexpected) == 1:
            path.append(str(error.kind.unexpected[0]))
        field = where + ".".join(path) if path else where.rstrip(".")
        code = SCHEMA_CODES.get(f"{kind}:{getattr(error.kind, 'format', '')}") or SCHEMA_CODES.get(kind, "invalid")
        out.append({"field": field, "code": code, "message": f"{field or 'the request'}: {error.message[:300]}"})
        if len(out) >= MAX_SCHEMA_ERRORS:
            break
    return out


class _Out(BaseModel):
    """A plain pydantic model for answers: they are built from dicts, and ninja's Schema wraps every nested object of
    a validated answer in its attribute reader (a batch's thousand results cost more to check than to build)."""


class ItemResult(_Out):
    index: int = Field(description="Position of the item in the request (0 for a single submission).")
    client_key: Optional[str] = None
    status: Literal["created", "replayed", "invalid", "conflict"]
    reference: Optional[str] = Field(None, description=f"The case reference, e.g. {reference_example()}.")
    tracking_token: Optional[str] = Field(None, description="Private tracking token; returned only when the case is created.")
    tracking_url: Optional[str] = Field(None, description="The requester's private tracking page.")
    incomplete: bool = False
    missing: list[str] = Field(default_factory=list, description="Elements a complete request still needs.")
    errors: list[ErrorOut] = Field(default_factory=list)
    note: Optional[str] = None


class BatchIn(_Base):
    """A batch: its ``items`` and nothing else. An unknown field beside them is refused like one in an item
    (``_Base``: ``extra_forbidden``), so a client's option that we do not have (``dry_run``) is never ignored."""

    items: list[CaseIn] = Field(  # type: ignore[valid-type]
        ..., min_length=1, max_length=conf.get("MAX_BATCH_ITEMS"),
        description="Up to 1000 requests; each is checked and answered on its own.",
    )

    @field_validator("items", mode="wrap")
    @classmethod
    def _each_item_on_its_own(cls, value, handler):
        """Keep the raw items: intake/api.py refuses the batch when any item breaks the schema (schema_errors),
        and answers each schema-valid item on its own (submissions.check_item)."""
        if not isinstance(value, list):
            raise ValueError("'items' must be a list of request objects.")
        if not value:
            raise ValueError("'items' must contain at least one request.")
        if len(value) > conf.get("MAX_BATCH_ITEMS"):
            raise ValueError(f"A batch has at most {conf.get('MAX_BATCH_ITEMS')} items; this one has {len(value)}.")
        return value


class BatchOut(_Out):
    created: int
    replayed: int
    failed: int
    results: list[ItemResult]
