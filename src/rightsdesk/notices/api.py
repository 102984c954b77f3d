"""Placeholders as JSON for the platform: GET /api/v1/placeholders and GET /api/v1/placeholders/{public_id}.

Public, no token: each placeholder holds only what the public page shows (the
item's location, the measure, dates, the ground, who asked in general terms).
The platform polls this to show the reason in place of a removed item.
"""

from __future__ import annotations

from typing import Optional

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from . import placeholders
from .models import Placeholder
from .rendering import supported_language

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
    project: str = ""
    after: int = 0


def _out(placeholder: Placeholder) -> dict:
    facts = placeholders.public_facts(placeholder)
    facts["page"] = settings.RIGHTSDESK["PUBLIC_BASE_URL"].rstrip("/") + reverse(
        "notices:placeholder", kwargs={"public_id": placeholder.public_id})
    return facts


@router.get("", response=PlaceholderPage, summary="Every placeholder, in pages of 500 (pass next_after as after)")
def list_placeholders(request, filters: Query[Filters]):
    if filters.after < 0:
        raise HttpError(422, "'after' must be zero or a placeholder position returned as next_after.")
    qs = Placeholder.objects.select_related("item", "item__case").filter(pk__gt=filters.after).order_by("pk")
    if filters.project:
        qs = qs.filter(item__project=filters.project)
    rows = list(qs[: PAGE_SIZE + 1])
    with translation.override(supported_language(filters.language)):
        out = [_out(p) for p in rows[:PAGE_SIZE]]
    return {"count": len(out), "next_after": rows[PAGE_SIZE - 1].pk if len(rows) > PAGE_SIZE else None,
            "placeholders": out}


@router.get("/{public_id}", response=PlaceholderOut, summary="One placeholder")
def get_placeholder(request, public_id: str, language: str = "en"):
    placeholder = Placeholder.objects.select_related("item", "item__case").filter(public_id=public_id).first()
    if placeholder is None:
        raise HttpError(404, "No placeholder has this id.")
    with translation.override(supported_language(language)):
        return _out(placeholder)
