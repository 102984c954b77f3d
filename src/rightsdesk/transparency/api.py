"""The public notice log as JSON: GET /api/v1/notices and GET /api/v1/notices/{public_id}.

No token is needed: everything here is public, redacted data. The schemas
below list every field that leaves the server, and none of them is (or can
be) an original text: they are filled from PublicRecord, which only holds
redacted copies.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, Optional

from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field, field_validator

from rightsdesk.cases import choices as c
from rightsdesk.core import dates
from rightsdesk.core.apierrors import NO_NUL, errors
from rightsdesk.core.public_urls import public_url
from rightsdesk.opendata import researchers

from . import log_search
from .models import PublicRecord

ROUTER_PREFIX = "/notices"
router = Router(tags=["public notice log"])


def _get(path: str, **options):
    """``router.get``, and HEAD answered by the same function: the GET's status and headers (the server sends no body
    for HEAD), as the site's pages and the bulk files answer it; link checkers and ``curl -I`` ask it first. ninja
    answered 405, having no HEAD operation. HEAD is left out of the OpenAPI schema: ninja would list it under the
    GET's operationId, which must be unique in a schema; nothing needs HEAD described to send it."""
    def register(view):
        router.api_operation(["HEAD"], path, include_in_schema=False, **options)(view)
        return router.get(path, **options)(view)

    return register


class SenderOut(Schema):
    name: str
    kind: str


class ItemOut(Schema):
    url: str
    project: str
    page_title: str
    item_type: str
    content_type: str
    action: str
    action_countries: list[str]
    reason: str
    copyrighted_work: str
    copyrighted_url: str


class NoticeOut(Schema):
    public_id: str
    permalink: str
    kind: str
    content_ground: str
    country: str
    outcome: str
    requester_type: str
    trusted_flagger: bool
    sender: SenderOut
    principal: str
    projects: list[str]
    title: str
    body: str
    summary: str
    law_invoked: str
    language: str
    received_on: date
    decided_on: date
    published_at: datetime
    #: Set while the decision is being made anew (an appeal or a correction reopened it); the notice shows the
    #: earlier decision until the new one is published.
    reopened_at: Optional[datetime] = None
    items: list[ItemOut]


class NoticePage(Schema):
    results: list[NoticeOut]
    count: int
    count_exact: bool
    next_cursor: Optional[str]
    previous_cursor: Optional[str]
    next: Optional[str]
    previous: Optional[str]


#: A page cursor is a position in the log (next_cursor / previous_cursor of an earlier page).
CURSOR = Field(None, ge=0, le=log_search.MAX_CURSOR, description="A next_cursor or previous_cursor of an earlier page.")


class NoticeFilters(Schema):
    """The filters, typed as tightly as the published schema can say them (the cross-field rule, that the start date
    is not after the end date, and that ``q`` holds a letter or digit to search for, are checked by
    log_search.parse_filters and answered with 400)."""

    q: str = Field("", max_length=log_search.MAX_QUERY_LENGTH, pattern=NO_NUL)
    kind: Literal[("",) + tuple(c.Kind.values)] = ""  # type: ignore[valid-type]
    country: str = Field("", pattern=r"^([A-Za-z]{2})?$", description="ISO 3166 alpha-2, e.g. DE.")
    outcome: Literal[("",) + tuple(o for o in c.Outcome.values if o)] = ""  # type: ignore[valid-type]
    project: str = Field("", max_length=log_search.MAX_PROJECT_LENGTH, pattern=NO_NUL)
    date_from: Optional[date] = None
    date_to: Optional[date] = None
    after: Optional[int] = CURSOR
    before: Optional[int] = CURSOR
    limit: int = Field(log_search.PAGE_SIZE, ge=1, le=log_search.MAX_PAGE_SIZE)

    @field_validator("date_from", "date_to", mode="before")
    @classmethod
    def _a_day_as_the_log_reads_it(cls, value):
        """YYYY-MM-DD, read by the log's one date rule (core.dates.iso_day), as the page reads it: pydantic would
        also read a number as a Unix time (1970-01-01), and refuse a day in Arabic-Indic digits the page takes."""
        if isinstance(value, str) and value:
            day = dates.iso_day(value)
            if day is None:
                raise ValueError(f"'{value[:40]}' is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01")
            return day
        return value


def permalink(notice: PublicRecord) -> str:
    path = reverse("transparency:notice-detail", kwargs={"public_id": notice.public_id})
    return public_url(path)


def notice_out(notice: PublicRecord) -> dict:
    """The public representation of a notice, shared by the API and the Lumen export's tests."""
    return {
        "public_id": notice.public_id, "permalink": permalink(notice), "kind": notice.kind,
        "content_ground": notice.content_ground, "country": notice.country, "outcome": notice.outcome,
        "requester_type": notice.requester_type, "trusted_flagger": notice.trusted_flagger,
        "sender": {"name": notice.sender_name or "", "kind": notice.sender_kind},
        "principal": notice.principal_name, "projects": list(notice.projects or []), "title": notice.title,
        "body": notice.body, "summary": notice.summary, "law_invoked": notice.law_invoked,
        "language": notice.language, "received_on": notice.received_on, "decided_on": notice.decided_on,
        "published_at": notice.published_at, "reopened_at": notice.reopened_at,
        "items": [{
            "url": i.url, "project": i.project, "page_title": i.page_title, "item_type": i.item_type,
            "content_type": i.content_type, "action": i.action, "action_countries": list(i.action_countries or []),
            "reason": i.reason, "copyrighted_work": i.copyrighted_work, "copyrighted_url": i.copyrighted_url,
        } for i in notice.items.all()],
    }


def _page_link(request, filters: log_search.Filters, limit: int, **cursor) -> str:
    from urllib.parse import urlencode

    params = {**filters.as_params(), "limit": limit, **cursor}
    return public_url(request.path, request) + "?" + urlencode(params)


def _admit(request) -> researchers.Client:
    """The caller (a researcher token or anyone) within its rate limit; 401 for a bad token, 429 over the limit."""
    try:
        client = researchers.client_for(request)
    except researchers.BadToken:
        raise HttpError(401, "This researcher token is unknown, expired or revoked. Send none to read as anyone, "
                             "or ask the legal team for a new one.") from None
    wait = researchers.hit(request, client)
    if wait is not None:
        refused = HttpError(429, f"Too many requests: at most {client.per_minute} a minute. Try again in {wait} "
                                 "seconds, download the bulk files (/data/), or ask for a researcher token.")
        refused.retry_after = wait  # sent as Retry-After (rightsdesk.api)
        raise refused
    return client


def _refuse_past_cap(parsed: log_search.Filters, after: str | None, cap: int | None) -> None:
    """Without a researcher token one search is paged at most ``cap`` notices deep (403 past it)."""
    if cap is None or after is None:
        return
    plan = log_search.plan_for(parsed)
    seen = log_search.capped_count(log_search.filtered(parsed, lower=int(after), plan=plan), plan, cap)
    if seen >= cap:
        raise HttpError(403, f"Paging stops after {cap} notices without a researcher token. Narrow the search "
                             "(dates, kind, country), download the bulk files (/data/), or ask for a researcher token.")


@_get("", response={200: NoticePage, **errors(400, 401, 403, 422, 429)}, auth=None,
            summary="Search the public notice log",
            description=(
                "Full-text search (`q`, every word must match) with filters by kind "
                f"({', '.join(c.Kind.values)}), country (ISO 3166 alpha-2), outcome, project and decision date "
                "(`date_from`, `date_to`, YYYY-MM-DD). Newest decision first. Pages are keyset-paginated: follow "
                "`next` / `previous` (or pass `after` / `before` with a cursor); `limit` is 1 to 100. `count` is exact "
                f"up to {log_search.COUNT_CAP}; above that `count_exact` is false and `count` is {log_search.COUNT_CAP}. "
                "Without a token one search can be paged 10,000 notices deep (403 past it) at 300 requests a "
                "minute per address (429); a researcher token (`Authorization: Bearer rdr_...`, docs/open-data.md) "
                "has no depth cap and a higher limit, and reads exactly the same public record."
            ))
def list_notices(request, filters: Query[NoticeFilters]):
    client = _admit(request)
    given = filters.dict()
    parsed = log_search.parse_filters({**given, "date_from": str(given["date_from"] or ""),
                                       "date_to": str(given["date_to"] or "")})
    _refuse_past_cap(parsed, _cursor(filters.after), client.depth_cap)
    page = log_search.search(parsed, after=_cursor(filters.after), before=_cursor(filters.before), limit=filters.limit)
    notices = PublicRecord.objects.filter(pk__in=[n.pk for n in page.results]).prefetch_related("items")
    by_pk = {n.pk: n for n in notices}
    return {
        "results": [notice_out(by_pk[n.pk]) for n in page.results],
        "count": page.count, "count_exact": page.count_exact,
        "next_cursor": page.next_cursor, "previous_cursor": page.previous_cursor,
        "next": _page_link(request, parsed, filters.limit, after=page.next_cursor) if page.next_cursor else None,
        "previous": _page_link(request, parsed, filters.limit, before=page.previous_cursor) if page.previous_cursor else None,
    }


def _cursor(value: int | None) -> str | None:
    return None if value is None else str(value)


@_get("/{public_id}", response={200: NoticeOut, **errors(401, 404, 422, 429)}, auth=None,
            summary="One published notice")
def get_notice(request, public_id: str):
    _admit(request)
    notice = PublicRecord.objects.filter(public_id=public_id, is_public=True).prefetch_related("items").first()
    if notice is None:
        raise HttpError(404, "No published notice has this identifier.")
    return notice_out(notice)
