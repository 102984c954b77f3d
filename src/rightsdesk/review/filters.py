"""Saved personal filters of the queue: a name and the queue's query string, kept per staff member."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from rightsdesk.core.errors import DomainError

from .models import SavedFilter
from .queues import QueueFilters

#: The query parameters a saved filter keeps (the page number is not a filter).
KEYS = ("view", "kind", "state", "language", "q", "sort")


def clean_query(query: str) -> str:
    """The query string reduced to the queue's own filters, as the queue page would read them."""
    filters = QueueFilters.from_query(QueryDict(query.lstrip("?")))
    pairs = [(key, getattr(filters, key)) for key in KEYS if getattr(filters, key)]
    return urlencode(pairs)


def queue_query(data) -> str:
    """The queue's filters and its page (a whole number above 1), as the way back to the list a case was opened from."""
    query = clean_query(data.urlencode())
    page = data.get("page", "")
    if page.isdigit() and int(page) > 1:
        query = "&".join(part for part in (query, urlencode({"page": int(page)})) if part)
    return query


def filters_for(user) -> list[SavedFilter]:
    return list(SavedFilter.objects.filter(user=user))


def save_filter(user, name: str, query: str) -> SavedFilter:
    """Keep the queue's current filter under ``name`` for ``user``; the same name again replaces it."""
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Give the filter a name, e.g. “German takedowns”."), field="name")
    if len(name) > 80:
        raise DomainError(_("Keep the name under 80 characters."), field="name")
    saved, _created = SavedFilter.objects.update_or_create(user=user, name=name,
                                                            defaults={"query": clean_query(query)})
    return saved


def delete_filter(user, filter_id) -> None:
    """Remove one of ``user``'s own filters (someone else's is not found)."""
    deleted, _details = SavedFilter.objects.filter(user=user, pk=filter_id).delete()
    if not deleted:
        raise DomainError(_("That saved filter no longer exists."), field="filter")
