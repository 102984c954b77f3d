"""The lower layer of the notices: history entries, legal holds and their release, the case's "notified" step.

The services (drafting, staff review, sending) and the delivery code both
build on this module; it imports neither. Releasing a hold queues the
approved notices it held: the caller passes ``enqueue`` (the services and the
delivery task pass ``tasks.enqueue_delivery``); without it they stay queued
for the next ``send_due`` run.
"""

from __future__ import annotations

import logging
from typing import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.cases import choices as c
from rightsdesk.cases import services as case_services
from rightsdesk.cases import workflow
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.cases.policy import cases_behind, speaks_to_affected_user
from rightsdesk.core.errors import Conflict, DomainError
from rightsdesk.review import deadlines, history_reasons

from .models import LegalHold, Notice

logger = logging.getLogger("rightsdesk.notices")

#: Queues one delivery attempt of a notice (``tasks.enqueue_delivery``).
Enqueue = Callable[..., None]

#: Purposes whose message offers the internal appeal (DSA Art. 20).
APPEALABLE = frozenset({Notice.Purpose.DECISION, Notice.Purpose.STATEMENT_OF_REASONS,
                        Notice.Purpose.PRIOR_DISCLOSURE, Notice.Purpose.DISCLOSURE})
#: Purposes that tell an affected user; sending one counts towards Case.accounts_notified.
TO_ACCOUNT_HOLDER = frozenset({Notice.Purpose.STATEMENT_OF_REASONS, Notice.Purpose.PRIOR_DISCLOSURE,
                               Notice.Purpose.DISCLOSURE})
SENDABLE = frozenset({Notice.Status.DRAFT, Notice.Status.APPROVED, Notice.Status.FAILED, Notice.Status.HELD})
UNRESOLVED = frozenset({Notice.Status.DRAFT, Notice.Status.APPROVED, Notice.Status.QUEUED, Notice.Status.SENDING,
                        Notice.Status.FAILED})


def record_event(notice: Notice, actor, what: str, reason: str = "", **extra) -> None:
    case_services.record(notice.case, CaseHistory.Event.NOTICE, actor, reason=reason, changes={
        "notice": notice.pk, "purpose": notice.purpose, "recipient": notice.recipient_role,
        "event": what, "status": notice.status, **extra,
    })


def active_hold_for(notice: Notice, now=None) -> LegalHold | None:
    """The hold that bars this notice now: one on its case, or on the case appealed (a gag order on the original
    case covering affected users holds the decision on the appeal an affected user filed), else None."""
    return hold_over(notice.case, notice.recipient_role, now)


def hold_over(case: Case, recipient_role: str, now=None) -> LegalHold | None:
    """The hold that bars telling the case's party in ``recipient_role`` anything now, else None: the one rule
    behind a held notice and behind the private pages that must not say what a held notice would (the tracking
    and appeal pages' outcome, ``intake.outcome.decision_withheld``)."""
    role = c.PartyRole.AFFECTED_USER if speaks_to_affected_user(case, recipient_role) else recipient_role
    for hold in LegalHold.objects.filter(case_id__in=cases_behind(case)).active(now).order_by("id"):
        if hold.covers(role):
            return hold
    return None


def hold_notice(notice: Notice, hold: LegalHold, actor) -> None:
    notice.status = Notice.Status.HELD
    notice.hold = hold
    notice.next_attempt_at = None
    notice.save()
    record_event(notice, actor, "held", hold=hold.pk)


@transaction.atomic
def lift_hold(hold: LegalHold, actor, reason: str, now=None, *, enqueue: Enqueue | None = None) -> LegalHold:
    """End a hold (the order was lifted or expired) and release the notices it held."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the hold ends (e.g. the court lifted its order)."), code="invalid",
                          field="reason")
    locked = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if locked.lifted_at:
        raise Conflict(_("This hold was already lifted."))
    user, label = workflow.actor_label(actor)
    locked.lifted_at, locked.lifted_by, locked.lifted_by_label, locked.lift_reason = now, user, label, reason
    locked.save()
    case_services.record(locked.case, CaseHistory.Event.NOTICE, actor, reason=reason,
                         changes={"legal_hold": locked.pk, "event": "hold_lifted"})
    release_held(locked, actor, now, enqueue=enqueue)
    hold.refresh_from_db()
    return hold


def release_held(hold: LegalHold, actor, now, *, enqueue: Enqueue | None = None) -> None:
    """Release the notices ``hold`` held: approved ones are queued (and handed to ``enqueue``), drafts go back to review."""
    for notice in hold.notices.select_for_update().filter(status=Notice.Status.HELD):
        other = active_hold_for(notice, now)
        if other:
            hold_notice(notice, other, actor)
            continue
        if notice.approved_at:
            notice.status = Notice.Status.QUEUED
            notice.next_attempt_at = None
            notice.save()
            record_event(notice, actor, "released", hold=hold.pk)
            if enqueue is not None:
                enqueue(notice.pk)
        else:
            notice.status = Notice.Status.DRAFT
            notice.save()
            record_event(notice, actor, "released", hold=hold.pk, reason=history_reasons.RELEASED_UNAPPROVED)


def release_due_holds(now=None, case: Case | None = None, *, enqueue: Enqueue | None = None) -> int:
    """Lift the holds whose date has passed and release their notices; returns how many holds ended."""
    now = now or timezone.now()
    expired = LegalHold.objects.expired(now)
    if case is not None:
        expired = expired.filter(case=case)
    count = 0
    for hold in expired:
        with transaction.atomic():
            lift_hold(hold, "system", history_reasons.HOLD_ENDED % {"date": hold.until.isoformat()}, now=now,
                      enqueue=enqueue)
        count += 1
    return count


# --- After delivery -------------------------------------------------------------------------------

def update_accounts_notified(case: Case) -> None:
    sent = case.notices.filter(status=Notice.Status.SENT, purpose__in=TO_ACCOUNT_HOLDER)
    recipients = {(n.party_id or 0, n.recipient_account.casefold()) for n in sent}
    if len(recipients) != case.accounts_notified:
        case_services.update_case(case, {"accounts_notified": len(recipients)}, "system",
                                  reason=history_reasons.ACCOUNTS_NOTIFIED)


def check_case_notified(case: Case) -> bool:
    """Take "mark_notified" once every notice owed is sent or lawfully held (cancelled ones are not owed)."""
    case.refresh_from_db()
    if case.state != c.State.DECIDED:
        return False
    statuses = list(case.notices.values_list("status", flat=True))
    if not statuses or any(s not in Notice.RESOLVED for s in statuses):
        return False
    if not any(s in (Notice.Status.SENT, Notice.Status.HELD) for s in statuses):
        return False
    held = statuses.count(Notice.Status.HELD)
    reason = "All notices owed were sent." if not held else (
        f"All notices owed were sent or are lawfully held ({held} held).")
    try:
        with transaction.atomic():
            workflow.transition(case, "mark_notified", "system", reason=reason, after=[deadlines.restart_clock])
    except DomainError as exc:
        # Another app's rule may hold the case back; the notices stay sent and staff can mark it later.
        logger.warning("case not marked notified case=%s code=%s", case.reference, exc.code)
        return False
    return True
