"""Public pages rendered once and served to every anonymous visitor, with the per-request parts filled in.

Two public pages cost far more to render than to look up: a notice (``transparency.notice_page``) and a
transparency report (``reports.views``; ~500 KB of tables). Each keeps its rendering in this process, under a key
that changes whenever what it shows changes, so there is nothing to invalidate and several server processes need
not agree on anything. What differs between two anonymous visitors of the same page is rendered as a *mark* and
filled in per request:

- the visitor's own CSRF token (the language form), never shared;
- the path with its query string (the language form's ``next`` and the "read in English" link), escaped as the
  template would escape it.

The rules live here, once: which requests may get the shared rendering (:func:`same_for_everyone`), how a rendering
is cut at its marks (:func:`split`) and filled in again (:func:`fill`), and the small store both pages keep their
renderings in (:class:`Kept`).
"""

from __future__ import annotations

import re
import threading
import time
import weakref
from collections import OrderedDict

from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.middleware.csrf import get_token
from django.utils.html import escape

from .context_processors import unprefixed_path

#: The marks of the two parts every page has: rendered in place of the visitor's CSRF token and of the path.
CSRF = "shared-page-csrf-mark"
PATH = "shared-page-path-mark"
#: The template context that renders those two parts as their marks (the names the base template reads them by).
MARKED = {"csrf_token": CSRF, "path_unprefixed": PATH}


class Kept:
    """A small least-recently-used store shared by the server's threads; ``seconds`` (optional) bounds an entry's
    age for pages whose key cannot see every change (the report: see ``reports.cache``)."""

    def __init__(self, size: int):
        self.size = size
        self.lock = threading.Lock()
        self.entries: OrderedDict = OrderedDict()
        _every_store.add(self)

    def get(self, key, seconds: float | None = None):
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            stored, value = found
            if seconds is not None and time.monotonic() - stored > seconds:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self.lock:
            self.entries[key] = (time.monotonic(), value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_every_store: weakref.WeakSet[Kept] = weakref.WeakSet()


def clear_all(**_) -> None:
    """Forget every kept rendering: when a setting changes (the pages show the platform's name) and between tests
    (a test's rows are rolled back, and the next test's rows may have the same keys)."""
    for store in list(_every_store):
        store.clear()


setting_changed.connect(clear_all)


def same_for_everyone(request) -> bool:
    """Whether this request gets the page every anonymous visitor gets (else it is rendered for the request): a GET
    or HEAD, nobody signed in (staff see links of their own), no message waiting to be shown."""
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return not len(get_messages(request))


def split(html: str, marks: dict[str, int | None]) -> list[str] | None:
    """``html`` cut at ``marks`` (odd items are marks); None unless each mark occurs as often as ``marks`` says
    (None: at least once). A rendering whose marks are missing or doubled (the template changed) is never kept."""
    parts = re.split("(" + "|".join(re.escape(mark) for mark in marks) + ")", html)
    found = parts[1::2]
    for mark, count in marks.items():
        n = found.count(mark)
        if n == 0 or (count is not None and n != count):
            return None
    return parts


def fill(parts: list[str], values: dict[str, str]) -> str:
    """The page: ``parts`` with each mark replaced by its value (values are inserted as they are: escape first)."""
    return "".join(values[part] if n % 2 else part for n, part in enumerate(parts))


def visitor_parts(request) -> dict[str, str]:
    """The values of :data:`CSRF` and :data:`PATH` for this request."""
    return {CSRF: get_token(request), PATH: escape(unprefixed_path(request))}
