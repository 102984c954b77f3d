"""Read replicas: public pages, search, reports and exports read from a PostgreSQL standby; everything else, every
write, and anything after a write in the same request uses the primary.

Configured by ``DATABASE_REPLICA_URLS`` (comma-separated URLs of streaming replicas of ``DATABASE_URL``). A request
reads from a replica when it is a GET or HEAD of a public page (not the staff area, the admin, a tracking page, nor
anything under ``/api/v1/cases``, nor a form's receipt, which shows what the POST before it just wrote): what the public reads can be a moment behind. Sessions, accounts and the login
lock-out always read from the primary, since a session just created may not have reached the standby. The first
write in a request sends the rest of that request to the primary.

A replica that does not answer is set aside for ``DOWN_SECONDS`` and the request is served again from the primary
(a GET may be repeated), so a standby going away costs no visitor an error page.

No signals and no thread-local magic beyond one context variable, set and reset by :class:`ReplicaMiddleware`.
"""

from __future__ import annotations

import contextvars
import logging
import random
import threading
import time

from django.conf import settings
from django.db import OperationalError, connections

logger = logging.getLogger("rightsdesk.db")

#: The replica this request reads from, or None for the primary.
_reading_from: contextvars.ContextVar[str | None] = contextvars.ContextVar("rightsdesk_replica", default=None)

#: Apps whose rows must be read fresh: sessions, accounts, second factors, sign-in lock-outs, the task queue.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "accounts", "otp_totp", "otp_static", "django_otp", "axes",
                               "contenttypes", "django_tasks_db", "admin"})
#: Paths (after the language prefix) never served from a replica.
PRIMARY_PATHS = ("/staff/", "/track/", "/admin/", "/api/v1/cases", "/i18n/")
#: A form's receipt (``/<lang>/request/<form>/received/``) shows what the POST before it just wrote.
RECEIPT_SUFFIX = "/received/"
DOWN_SECONDS = 15

_down_until: dict[str, float] = {}
_lock = threading.Lock()


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def _healthy(alias: str) -> bool:
    return _down_until.get(alias, 0) <= time.monotonic()


def mark_down(alias: str) -> None:
    with _lock:
        _down_until[alias] = time.monotonic() + DOWN_SECONDS
    logger.warning("database replica %s does not answer; reading from the primary for %d s", alias, DOWN_SECONDS)


def choose_replica() -> str | None:
    candidates = [alias for alias in replica_aliases() if _healthy(alias)]
    return random.choice(candidates) if candidates else None


def may_read_from_replica(method: str, path: str) -> bool:
    if method not in ("GET", "HEAD"):
        return False
    if path.endswith(RECEIPT_SUFFIX):
        return False
    rest = "/" + path.split("/", 2)[2] if path.count("/") >= 2 and len(path.split("/")[1]) <= 7 else path
    return not any(path.startswith(p) or rest.startswith(p) for p in PRIMARY_PATHS)


def reading_from() -> str | None:
    return _reading_from.get()


class ReplicaRouter:
    """Reads go where the request's context says; writes, migrations and fresh-only apps go to the primary."""

    def db_for_read(self, model, **hints):
        alias = _reading_from.get()
        if alias and model._meta.app_label not in PRIMARY_ONLY_APPS:
            return alias
        return "default"

    def db_for_write(self, model, **hints):
        _reading_from.set(None)  # read-your-writes: the rest of this request uses the primary
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # a replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReplicaMiddleware:
    """Sends a public GET's reads to a healthy replica; serves it again from the primary if the replica fails."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        alias = choose_replica() if may_read_from_replica(request.method, request.path) else None
        if alias is None:
            return self.get_response(request)
        token = _reading_from.set(alias)
        try:
            response = self.get_response(request)
            if getattr(request, "_rightsdesk_replica_failed", False):
                _reading_from.set(None)
                response = self.get_response(request)  # a GET: safe to serve again, from the primary
            return response
        finally:
            _reading_from.reset(token)

    def process_exception(self, request, exception):
        alias = _reading_from.get()
        if alias is None or not isinstance(exception, OperationalError):
            return None  # not a replica's failure: Django's error handling as usual
        mark_down(alias)
        connections[alias].close()
        request._rightsdesk_replica_failed = True
        from django.http import HttpResponse

        return HttpResponse(status=503)  # replaced by the answer from the primary in __call__
