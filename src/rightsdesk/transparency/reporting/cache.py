"""Keep a computed report for a few minutes, and drop it as soon as any case changes.

A half-year of a million cases takes a second or two to count, and the public
page, its CSV and its JSON are asked for far more often than cases change.
The cache key holds a fingerprint of the data that costs two primary-key
look-ups: the newest case and the newest history entry (every write through
the services and the workflow adds one) with their timestamps, so a new case,
a decision or an edit yields a new key at once. ``REPORT_CACHE_SECONDS`` in
``settings.RIGHTSDESK`` bounds how long anything not recorded in the history
(e.g. a notice put on hold) may be stale; 0 turns the cache off.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from rightsdesk.cases.models import Case, CaseHistory

from ..periods import Period
from .sections import build_report
from .structure import Report

DEFAULT_SECONDS = 300


def _fingerprint() -> str:
    newest_case = Case.objects.order_by("-pk").values_list("pk", "created_at", "updated_at").first()
    newest_entry = CaseHistory.objects.order_by("-pk").values_list("pk", "at").first()
    return hashlib.sha256(repr((newest_case, newest_entry)).encode()).hexdigest()[:16]


def cached(name: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, or its value kept under ``name`` while no case has changed."""
    seconds = settings.RIGHTSDESK.get("REPORT_CACHE_SECONDS", DEFAULT_SECONDS)
    if not seconds:
        return compute()
    key = f"rightsdesk:transparency:{name}:{get_language()}:{_fingerprint()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def cached_report(period: Period) -> Report:
    return cached(f"report:{period.slug}", lambda: build_report(period))
