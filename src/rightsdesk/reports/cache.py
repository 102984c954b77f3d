"""Keep a computed report for a few minutes, and drop it as soon as anything counted in its period changes.

A half-year of a million cases takes a while to count even from the roll-ups, and the public page, its CSV and
its JSON are asked for far more often than cases change. A period's report is kept under the period's own
fingerprint (``rollup.fingerprint``): the newest refresh of its days' roll-ups and what is pending in it (the newest
case history entry, case and roll-up mark among the cases received in it), so a decision or an edit on one of its
cases yields a new key at once, while a case received in another period leaves it cached. Other figures kept here
(``cached``, no period) use the newest case and history entry of all. ``REPORT_CACHE_SECONDS`` in
``settings.RIGHTSDESK`` bounds how long anything recorded neither in the history nor in the roll-up's marks (e.g. a
notice put on hold) may be stale; 0 turns the cache off.

The trend of the report page (cases per half-year since the first) is kept under the fingerprint of :func:`up_to`
the period's end, so a case received later does not drop it either; the page itself is kept on the same terms by
``reports.views`` (``core.shared_pages``).

Only public renderings are kept: :func:`cached_report` stores the report with
the no-singling-out rule applied (``disclosure``), under a key of its own, and
checks what it reads back; the exact figures staff may ask for are computed
afresh each time and never stored, so neither can be served for the other.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from datetime import timezone as dt_timezone
from typing import Any, Callable

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from rightsdesk.cases.models import Case, CaseHistory

from . import rollup
from .periods import Period
from .disclosure import disclose
from .sections import build_report
from .structure import Report

DEFAULT_SECONDS = 300
#: Where :func:`up_to` begins: before any case a report can count.
_BEGINNING = datetime(1900, 1, 1, tzinfo=dt_timezone.utc)


def seconds() -> int:
    """How long a kept report (or report page) may be served: ``REPORT_CACHE_SECONDS``; 0 keeps nothing."""
    return settings.RIGHTSDESK.get("REPORT_CACHE_SECONDS", DEFAULT_SECONDS)


def up_to(period: Period) -> Period:
    """Every case received before ``period`` ends: what the report page of ``period`` counts with its comparison
    with the half-year before and its trend since the first case. A case received later leaves it unchanged."""
    return Period(slug=f"..{period.slug}", start=_BEGINNING, end=period.end)


def _fingerprint() -> str:
    newest_case = Case.objects.order_by("-pk").values_list("pk", "created_at", "updated_at").first()
    newest_entry = CaseHistory.objects.order_by("-pk").values_list("pk", "at").first()
    return hashlib.sha256(repr((newest_case, newest_entry)).encode()).hexdigest()[:16]


def period_fingerprint(period: Period) -> str:
    return hashlib.sha256(repr((period.start, period.end, rollup.fingerprint(period))).encode()).hexdigest()[:16]


def cached(name: str, compute: Callable[[], Any], period: Period | None = None) -> Any:
    """``compute()``, or its value kept under ``name`` while nothing counted in ``period`` (no period: no case at
    all) has changed."""
    keep = seconds()
    if not keep:
        return compute()
    fingerprint = _fingerprint() if period is None else period_fingerprint(period)
    key = f"rightsdesk:transparency:{name}:{get_language()}:{fingerprint}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, keep)
    return value


def cached_report(period: Period, *, exact: bool = False) -> Report:
    """The report of a period as the public may see it, kept a while; ``exact=True`` (staff): exact, never kept.

    The caller decides who may have ``exact=True`` (``disclosure.may_see_exact``).
    """
    if exact:
        return build_report(period)
    report = cached(f"report:public:{period.slug}", lambda: disclose(build_report(period)), period)
    if not report.disclosure.public:  # whatever is in the cache, the public never gets an exact report
        report = disclose(build_report(period))
    return report
