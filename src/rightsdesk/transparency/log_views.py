"""Public pages read from the reviewed public record: the notice log, each notice, and placeholders.

Thin: the rules live in log_search and placeholders. This module is on the
public side: it reads PublicRecord and PublicRecordItem only, never the case
models (``.importlinter`` enforces it). The staff redaction editor is in
``redaction_views``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from rightsdesk.core.errors import DomainError

from . import log_search, notice_page, placeholders
from .models import PublicRecord


# --------------------------------------------------------------------------- public


def log_list(request):
    error = first_page = None
    errors = {}
    try:
        filters = log_search.parse_filters(request.GET)
        page = log_search.search(filters, after=request.GET.get("after"), before=request.GET.get("before"))
        query = filters.as_params()  # the search form's values and the page links' parameters
    except DomainError as exc:
        # The search form has a field for each filter; a refusal of anything else (the cursor of an "Older" or
        # "Newer" link, altered by hand) has no field on the page: it links to the first page of the same search.
        # The search is shown as typed.
        page, query = None, log_search.as_typed(request.GET)
        if exc.field in log_search.FILTER_PARAMS:
            errors = exc.field_errors()  # every filter to correct, each linking to its field
        else:
            error, first_page = exc.message, _page_link(query)
    projects = sorted(
        {p for p in PublicRecord.objects.filter(is_public=True).values_list("projects", flat=True)[:2000] for p in (p or [])}
    )
    context = {
        "page": page, "error": error, "errors": errors, "query": query, "first_page": first_page,
        # The page links: the same search, its first page and the pages before and after this one.
        "links": {"first": _page_link(query),
                  "newer": _page_link(query, before=page.previous_cursor) if page and page.previous_cursor else "",
                  "older": _page_link(query, after=page.next_cursor) if page and page.next_cursor else ""},
        "kinds": log_search.kind_choices(), "outcomes": log_search.outcome_choices(), "projects": projects,
    }
    return render(request, "transparency/log_list.html", context, status=400 if error or errors else 200)


def _page_link(query: dict[str, str], **cursor: str) -> str:
    """"?q=…&kind=…&after=…": a page of the same search (its filters that are set, and a cursor), the one way the
    log's links are written: "Older", "Newer", "First page" and a refused cursor's way back."""
    return "?" + urlencode({**{name: value for name, value in query.items() if value}, **cursor})


def notice_detail(request, public_id: str):
    loaded = notice_page.load(public_id)
    if loaded is None:
        raise Http404(_("No published notice has this identifier."))
    return notice_page.respond(request, loaded)


def placeholder_page(request, public_id: str):
    """What the platform shows instead of a removed item; 404 until its public record is approved."""
    item = placeholders.find(public_id)
    if item is None:
        raise Http404(_("No placeholder has this identifier."))
    facts = placeholders.public_facts(item)
    who, name = placeholders.requested_by(item.notice)
    response = render(request, "notices/public/placeholder.html",
                      {"p": facts, "requester": who, "requester_name": name}, status=facts["status"])
    if facts["status"] == 451:
        response["Link"] = placeholders.blocked_by_link()
    return response
