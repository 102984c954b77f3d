"""The public page of one notice, rendered once per version of the reviewed public record it shows.

A notice page is read far more often than its record changes, and rendering it (the site frame and
the notice, with their translations) was most of its cost (docs/performance.md §4). So this process
keeps two renderings:

- **the notice** (``notice_content.html``), under a digest of everything it shows: the page's
  language (and time zone) and every stored field of the notice's public record and of each of its public items, as
  just read from the database. A new redaction, a withdrawal, a republication, a reopened decision or
  a restored item changes the key at once: there is nothing to invalidate, no signal to miss (some
  writes are ``QuerySet.update()``), several server processes need not agree on anything, and an old
  version can never be served because its key can no longer be asked for. The look-up runs on every
  request (two indexed queries, their SQL compiled once per thread), so the page is always the
  record as it is now.
- **the site frame** around it (``notice_detail.html`` on the base template), once per language, with
  marks where the per-request parts go: the title, the path (the language switcher's ``next``), the
  visitor's own CSRF token and the notice. They are filled in per request (the title and path
  escaped as the template would), the notice last, so nothing in a notice can reach a mark.

The kept frame is the one an anonymous visitor gets (``core.shared_pages``, which the report page uses
too). Whenever the frame could differ by visitor it is rendered for the request instead: a signed-in user
(the staff links), pending messages, a method other than GET/HEAD. A frame without its marks (the title,
the notice and the token once each, the path at least once: twice where a translation is unreviewed and the
page links to its English original) is never kept.
"""

from __future__ import annotations

import hashlib
import threading

from django.db import connections, router
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from rightsdesk.core import shared_pages

from .models import PublicRecord, PublicRecordItem

TEMPLATE = "transparency/notice_detail.html"
CONTENT_TEMPLATE = "transparency/notice_content.html"
#: How many rendered notices this process keeps (least recently used go first): ~2-10 KB each.
MAX_PAGES = 2000

NOTICE_FIELDS = [f.attname for f in PublicRecord._meta.concrete_fields]
ITEM_FIELDS = [f.attname for f in PublicRecordItem._meta.concrete_fields]
_ID, _IS_PUBLIC, _TITLE_FIELD = (NOTICE_FIELDS.index(name) for name in ("id", "is_public", "title"))


class _Queries(threading.local):
    """The two look-ups, compiled once per thread and database (a compiler belongs to its thread's connection)."""

    def __init__(self):
        self.compiled: dict[tuple[str, str], tuple] = {}


_queries = _Queries()
_ID_MARK = "\x00public-id\x00"
_NOTICE_MARK = -7_654_321


def _compiled(name: str, alias: str):
    """(compiler, its converters, sql, params, where the parameter goes) for the look-up ``name`` on ``alias``."""
    key = (name, alias)
    found = _queries.compiled.get(key)
    if found is None:
        if name == "notice":
            qs = PublicRecord.objects.filter(public_id=_ID_MARK, listed=True).values_list(*NOTICE_FIELDS)[:1]
            mark = _ID_MARK
        else:
            qs, mark = PublicRecordItem.objects.filter(notice_id=_NOTICE_MARK).values_list(*ITEM_FIELDS), _NOTICE_MARK
        compiler = qs.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        params = list(params)
        converters = compiler.get_converters([s[0] for s in compiler.select[:compiler.col_count]])
        found = (compiler, converters, sql, params, params.index(mark))
        _queries.compiled[key] = found
    return found


def _run(name: str, alias: str, value) -> list[tuple]:
    compiler, converters, sql, params, index = _compiled(name, alias)
    params = list(params)
    params[index] = value
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters:
        return [tuple(row) for row in compiler.apply_converters(rows, converters)]
    return [tuple(row) for row in rows]


def load(public_id: str):
    """(database alias, the notice's row, its items' rows) as stored, or None if no listed notice has this id."""
    alias = router.db_for_read(PublicRecord)
    found = _run("notice", alias, public_id)
    if not found:
        return None
    row = found[0]
    items = _run("items", alias, row[_ID])
    return alias, row, items


# --------------------------------------------------------------------------- the rendered pages


#: The notices' content blocks, by digest of (language, the record's row, its items' rows).
contents = shared_pages.Kept(MAX_PAGES)
#: The site frame around them, by language: split at the marks below (title, path, CSRF token, content).
frames = shared_pages.Kept(64)

_TITLE, _CONTENT = (f"notice-page-{name}-mark" for name in ("title", "content"))
#: The frame's marks: the title and the notice once each; the visitor's parts (shared_pages) once or more.
_MARKS = {_TITLE: 1, _CONTENT: 1, shared_pages.CSRF: 1, shared_pages.PATH: None}


def _content(alias: str, row: tuple, items: list[tuple]) -> str:
    language = get_language()
    shown = (language, timezone.get_current_timezone_name(), row, items)  # the dates follow the time zone
    key = hashlib.blake2b(repr(shown).encode("utf-8", "surrogatepass"), digest_size=20).digest()
    html = contents.get(key)
    if html is None:
        notice = _labelled(PublicRecord.from_db(alias, NOTICE_FIELDS, row), _NOTICE_LABELS)
        notice_items = [_labelled(PublicRecordItem.from_db(alias, ITEM_FIELDS, r), _ITEM_LABELS) for r in items]
        html = render_to_string(CONTENT_TEMPLATE, {"notice": notice, "items": notice_items})
        contents.put(key, html)
    return html


_NOTICE_LABELS = ("kind", "content_ground", "requester_type", "outcome")
_ITEM_LABELS = ("action",)
_choices: dict = {}


def _labelled(instance, fields):
    """The instance with ``<field>_label`` for each field: what ``get_<field>_display()`` gives, in this language.

    (Django's ``get_<field>_display`` hashes every label of the field's choices, translating each, on every call:
    a third of the notice's rendering.)
    """
    model = type(instance)
    for name in fields:
        labels = _choices.get((model, name))
        if labels is None:
            labels = _choices[(model, name)] = dict(model._meta.get_field(name).flatchoices)
        value = getattr(instance, name)
        setattr(instance, f"{name}_label", str(labels.get(value, value)))
    return instance


def _frame(request) -> list[str] | None:
    """The frame for this language, as parts between the marks; None if it does not have each mark once."""
    language = get_language()
    parts = frames.get(language)
    if parts is None:
        context = {"notice_title": _TITLE, "notice_content": mark_safe(_CONTENT), **shared_pages.MARKED}
        parts = shared_pages.split(render_to_string(TEMPLATE, context, request), _MARKS)
        if parts is None:
            return None
        frames.put(language, parts)
    return parts


def respond(request, loaded) -> HttpResponse:
    """The notice page (200, or 410 once withdrawn) for the rows :func:`load` read."""
    alias, row, items = loaded
    status = 200 if row[_IS_PUBLIC] else 410
    content = _content(alias, row, items)
    # A withdrawn notice's title is withdrawn too (publishing.unpublish empties it): the page is named as its heading.
    title = row[_TITLE_FIELD] if row[_IS_PUBLIC] else gettext("This notice was withdrawn from the log")
    parts = _frame(request) if shared_pages.same_for_everyone(request) else None
    if parts is None:
        return render(request, TEMPLATE, {"notice_title": title, "notice_content": mark_safe(content)}, status=status)
    values = {_TITLE: escape(title), _CONTENT: content, **shared_pages.visitor_parts(request)}
    return HttpResponse(shared_pages.fill(parts, values), status=status)
