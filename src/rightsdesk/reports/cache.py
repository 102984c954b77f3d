"""Keep a computed report for a few minutes, and drop it as soon as any case changes.

A half-year of a million cases takes a second or two to count, and the public
page, its CSV and its JSON are asked for far more often than cases change.
The cache key holds a fingerprint of the data that costs two primary-key
look-ups: the newest case and the newest history entry (every write through
the services and the workflow adds one) with their timestamps, so a new case,
a decision or an edit yields a new key at once. ``REPORT_CACHE_SECONDS`` in
``settings.RIGHTSDESK`` bounds how long anything not recorded in the history
(e.g. a notice put on hold) may be stale; 0 turns the cache off.

Only public renderings are kept: :func:`cached_report` stores the report with
the no-singling-out rule applied (``disclosure``), under a key of its own, and
checks what it reads back; the exact figures staff may ask for are computed
afresh each time and never stored, so neither can be served for the other.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from rightsdesk.cases.models import Case, CaseHistory

from .periods import Period
from .disclosure import disclose
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


def cached_report(period: Period, *, exact: bool = False) -> Report:
    """The report of a period as the public may see it, kept a while; ``exact=True`` (staff): exact, never kept.

    The caller decides who may have ``exact=True`` (``disclosure.may_see_exact``).
    """
    if exact:
        return build_report(period)
    report = cached(f"report:public:{period.slug}", lambda: disclose(build_report(period)))
    if not report.disclosure.public:  # whatever is in the cache, the public never gets an exact report
        report = disclose(build_report(period))
    return report
