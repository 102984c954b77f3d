"""Placeholders as JSON for the platform: GET /api/v1/placeholders and GET /api/v1/placeholders/{public_id}.

Public, no token: each placeholder holds only what the public page shows, read
from the reviewed public record (``transparency.placeholders``): a placeholder
is listed once staff approved its record's redaction. This module is on the
public side and must not import the case models (``.importlinter``).
The platform polls this to show the reason in place of a removed item.
"""

from __future__ import annotations

from typing import Optional

from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from rightsdesk.core import languages
from rightsdesk.core.apierrors import NO_NUL, errors

from rightsdesk.transparency import placeholders
from rightsdesk.transparency.models import PublicRecordItem

ROUTER_PREFIX = "/placeholders"
router = Router(tags=["placeholders"])
PAGE_SIZE = 500


class PlaceholderOut(Schema):
    public_id: str
    page: str
    url: str
    project: str
    page_title: str
    revision: Optional[int]
    status: int
    legal_demand: bool
    measure: str
    measure_code: str
    countries: list[str]
    country_codes: list[str]
    since: str
    until: Optional[str]
    ground: str
    requested_by: str
    requested_from: str
    explanation: str
    restored: bool


class PlaceholderPage(Schema):
    count: int
    next_after: Optional[int]
    placeholders: list[PlaceholderOut]




class Filters(Schema):
    language: str = "en"
    project: str = Field("", max_length=200, pattern=NO_NUL, description="A project's domain, e.g. de.wikipedia.org.")
    after: int = Field(0, ge=0, le=2**63 - 1, description="0 for the first page, then the next_after of the page before.")


def _out(item: PublicRecordItem) -> dict:
    facts = placeholders.public_facts(item)
    facts["page"] = placeholders.page_url(item.placeholder_id)
    return facts


@router.get("", response={200: PlaceholderPage, **errors(422)},
            summary="Every placeholder, in pages of 500 (pass next_after as after)")
def list_placeholders(request, filters: Query[Filters]):
    qs = placeholders.public_items().filter(pk__gt=filters.after).order_by("pk")
    if filters.project:
        qs = qs.filter(project=filters.project)
    rows = list(qs[: PAGE_SIZE + 1])
    with translation.override(languages.supported(filters.language)):
        out = [_out(p) for p in rows[:PAGE_SIZE]]
    return {"count": len(out), "next_after": rows[PAGE_SIZE - 1].pk if len(rows) > PAGE_SIZE else None,
            "placeholders": out}


@router.get("/{public_id}", response={200: PlaceholderOut, **errors(404, 422)}, summary="One placeholder")
def get_placeholder(request, public_id: str, language: str = "en"):
    item = placeholders.find(public_id)
    if item is None:
        raise HttpError(404, "No placeholder has this id.")
    with translation.override(languages.supported(language)):
        return _out(item)
