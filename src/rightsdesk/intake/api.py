"""POST /api/v1/cases and /api/v1/cases/batch: submissions from organisations with an API token.

Documented in docs/api.md. Every answer to bad input is a 4xx JSON body
naming the field and the rule; the body size is checked before it is read.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import HttpBearer

from rightsdesk.accounts.models import ApiToken
from rightsdesk.core.errors import DomainError

from . import conf
from .schemas import MAX_SCHEMA_ERRORS, BatchIn, BatchOut, CaseIn, ErrorsOut, ItemResult, schema_errors
from .submissions import Item, check_parsed, process

ROUTER_PREFIX = "/cases"


class PayloadTooLarge(DomainError):
    code = "too_large"
    http_status = 413


class TokenAuth(HttpBearer):
    """Bearer token of a submitting organisation; refuses oversized bodies before they are read."""

    def __call__(self, request: HttpRequest):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = conf.max_body_bytes()
        if length > limit:
            raise PayloadTooLarge(f"The request body is {length} bytes; at most {limit} bytes are accepted. "
                                  f"Send fewer items per batch.", field="body")
        return super().__call__(request)

    def authenticate(self, request, token):
        if not token or len(token) > 200:
            return None
        return ApiToken.authenticate(token)


router = Router(tags=["submissions"], auth=TokenAuth())

ERRORS = {400: ErrorsOut, 401: ErrorsOut, 409: ErrorsOut, 413: ErrorsOut, 422: ErrorsOut}


@router.post("", response={201: ItemResult, 200: ItemResult, **ERRORS}, summary="Submit one request",
             url_name="cases_create")
def create_case(request, payload: CaseIn):
    """Create one case. 201 when created; 200 when the client_key was already used for the same item."""
    organisation = request.auth.organisation
    item = check_parsed(0, payload)
    if item.status == "valid":
        # What the rules of the kind let through must also fit the published schema (its lengths and formats).
        problems = schema_errors(payload.model_dump(exclude_none=True, mode="json"))
        if problems:
            return Status(422, {"detail": problems})
    if item.status == "valid":
        item = process(organisation, [], checked=[item], one_by_one=True)[0]
    if item.status == "invalid":
        return Status(422, {"detail": item.errors})
    if item.status == "conflict":
        return Status(409, {"detail": item.errors})
    return Status(201 if item.status == "created" else 200, item.as_dict())


@router.post("/batch", response={200: BatchOut, **ERRORS}, summary="Submit up to 1000 requests",
             url_name="cases_batch")
def create_batch(request, payload: BatchIn):
    """Create many cases; each item is answered on its own in ``results``, in order.

    A batch in which any item breaks the published schema (not an object, an unknown field, a wrong type, a bad
    e-mail or URL format, too long) is refused whole with 422, every bad item named by its index, and nothing is
    created. Items that fit the schema are checked against the rules of their kind one by one: a refused item is
    answered as ``invalid`` in ``results`` and does not hold back the others.
    """
    limit = int(conf.get("MAX_BATCH_ITEMS"))
    if len(payload.items) > limit:
        raise PayloadTooLarge(f"A batch has at most {limit} items; this one has {len(payload.items)}.", field="items")
    problems = []
    for index, raw in enumerate(payload.items):
        problems += schema_errors(raw, f"items.{index}.")
        if len(problems) >= MAX_SCHEMA_ERRORS:
            break
    if problems:
        return Status(422, {"detail": problems[:MAX_SCHEMA_ERRORS]})
    items: list[Item] = process(request.auth.organisation, payload.items)
    results = [it.as_dict() for it in items]
    return Status(200, {
        "created": sum(1 for it in items if it.status == "created"),
        "replayed": sum(1 for it in items if it.status == "replayed"),
        "failed": sum(1 for it in items if it.status in ("invalid", "conflict")),
        "results": results,
    })
