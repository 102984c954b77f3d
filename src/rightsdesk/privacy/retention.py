"""Retention: personal data is removed once it is no longer needed; the figures stay.

Each kind of case keeps its personal data for a configurable time after the
case closed (``settings.RIGHTSDESK_RETENTION_DAYS``, kind -> days, merged over
the defaults below). When the time has passed, :func:`purge_case` blanks every
field that identifies a person — on the case, its parties, its items, and
whatever other apps keep (their ``privacy_hooks.purge_case``) — and keeps the
categorical facts (kind, country, requester type, legal process, outcome,
actions, projects, counts, dates) that the transparency report is computed
from, so past reports come out the same after a purge.

A case under a legal hold (an app's ``privacy_hooks.purge_blocked(case)``
returning a reason), or still open, is never purged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from rightsdesk.audit.models import AuditEntry
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases import policy
from rightsdesk.cases.models import Case, CaseHistory, Party, TargetItem
from rightsdesk.cases.services import record

from .hooks import app_label, hook_modules

log = logging.getLogger("rightsdesk.privacy")

DEFAULT_RETENTION_DAYS = {
    c.Kind.CONTENT_TAKEDOWN: 3 * 365,
    c.Kind.COPYRIGHT_NOTICE: 3 * 365,
    c.Kind.COPYRIGHT_COUNTER_NOTICE: 3 * 365,
    c.Kind.TRADEMARK_NOTICE: 3 * 365,
    c.Kind.USER_DATA_REQUEST: 2 * 365,
    c.Kind.PRESERVATION_REQUEST: 2 * 365,
    c.Kind.EMERGENCY_DISCLOSURE: 365,
    c.Kind.HARM_REPORT: 365,
    c.Kind.APPEAL: 3 * 365,
    c.Kind.GRIEVANCE: 3 * 365,
}
PURGED_TEXT = "[personal data removed under the retention policy]"


def retention_days() -> dict[str, int]:
    configured = getattr(settings, "RIGHTSDESK_RETENTION_DAYS", {}) or {}
    unknown = set(configured) - set(c.Kind.values)
    if unknown:
        raise ValueError(f"RIGHTSDESK_RETENTION_DAYS names unknown kinds: {', '.join(sorted(unknown))}")
    return {**DEFAULT_RETENTION_DAYS, **configured}


def due_for_purge(now=None):
    """Closed cases whose retention time has passed and whose personal data is still there."""
    now = now or timezone.now()
    cases = Case.objects.none()
    for kind, days in retention_days().items():
        cases |= Case.objects.filter(kind=kind, closed_at__lte=now - timedelta(days=days))
    return cases.filter(state=c.State.CLOSED, personal_data_purged_at__isnull=True)


def purge_blocked(case: Case) -> str:
    for module in hook_modules():
        fn = getattr(module, "purge_blocked", None)
        reason = fn(case) if fn else ""
        if reason:
            return reason
    return ""


@transaction.atomic
def purge_case(case: Case, actor="system", now=None) -> bool:
    """Remove the personal data of one closed case. Returns False if it was not purged (and why is logged)."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.state != c.State.CLOSED or case.personal_data_purged_at:
        return False
    reason = purge_blocked(case)
    if reason:
        log.info("retention: %s kept: %s", case.reference, reason)
        return False
    # Which fields are personal data is decided once, in cases.policy; every one of them goes.
    Party.objects.filter(case=case).update(
        **{name: "" for name in policy.PARTY_PERSONAL_FIELDS}, email_index="", account_index="",
    )
    TargetItem.objects.filter(case=case).update(**{name: "" for name in policy.ITEM_PERSONAL_FIELDS})
    Case.objects.filter(pk=case.pk).update(
        **{name: "" for name in policy.CASE_PERSONAL_FIELDS - {"description"}},
        description=PURGED_TEXT if case.description else "", tracking_token_digest="", personal_data_purged_at=now,
    )
    for module in hook_modules():
        fn = getattr(module, "purge_case", None)
        if fn:
            fn(case)
    record(case, CaseHistory.Event.EDIT, actor,
           reason=gettext_noop("Personal data removed under the retention policy."),  # stored in English (the record)
           changes={"personal_data": {"old": "[private]", "new": "[removed]"}})
    record_access(actor, AuditEntry.Action.PURGE, case=case, purpose="retention policy")
    return True


@dataclass
class PurgeResult:
    purged: list[str] = field(default_factory=list)
    kept: dict[str, str] = field(default_factory=dict)
    #: app -> how many records not tied to any case it purged (e.g. received e-mail never filed into a case).
    unattached: dict[str, int] = field(default_factory=dict)
    #: app -> how many kept records it masked (e.g. a failed task's traceback kept before masking).
    masked: dict[str, int] = field(default_factory=dict)


def run_retention(now=None, dry_run: bool = False) -> PurgeResult:
    result = PurgeResult()
    for case in due_for_purge(now).order_by("closed_at"):
        blocked = purge_blocked(case)
        if blocked:
            result.kept[case.reference] = blocked
            continue
        if dry_run or purge_case(case, now=now):
            result.purged.append(case.reference)
    # What apps keep about people outside any case has its own clock (each app's privacy_hooks.purge_unattached).
    for module in hook_modules():
        purge_unattached = getattr(module, "purge_unattached", None)
        if purge_unattached is not None:
            result.unattached[app_label(module)] = purge_unattached(now=now, dry_run=dry_run)
    # What apps keep masked (a failed task's traceback) is masked again by today's rule (privacy_hooks.mask_kept).
    for module in hook_modules():
        mask_kept = getattr(module, "mask_kept", None)
        if mask_kept is not None:
            result.masked[app_label(module)] = mask_kept(dry_run=dry_run)
    return result
