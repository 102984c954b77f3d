"""Drafting, reviewing, holding and releasing notices: the only way this app's notices change.

Views, commands, tasks and the services that decide or reopen a case (by
name, in ``workflow.transition(after=...)``) call these functions, so
every change is validated the same way and recorded in the case history (as
event "notice", without private data: ids, purposes, roles and statuses only).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.cases import choices as c
from rightsdesk.cases import services as case_services
from rightsdesk.cases import workflow
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.cases.policy import PLACEHOLDER_ACTIONS, speaks_to_affected_user
from rightsdesk.core import versions
from rightsdesk.core.errors import Conflict, DomainError, refuse_if_too_long
from rightsdesk.core.lists import or_list
from rightsdesk.crisis import rules as crisis_rules
from rightsdesk.review import history_reasons

from . import bookkeeping, config, rendering, tasks
from .bookkeeping import (  # noqa: F401  (the services' callers use these names here)
    APPEALABLE, SENDABLE, TO_ACCOUNT_HOLDER, UNRESOLVED, active_hold_for, check_case_notified, hold_notice,
    record_event, update_accounts_notified,
)
from .models import LegalHold, Notice, Placeholder

# --- Who is owed what -----------------------------------------------------------------------------

def _same_account(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a.strip().casefold() == b.strip().casefold()


def owed_notices(case: Case, appeal_items=()) -> list[dict]:
    """The notices a decision owes: one to the requester, one per affected account holder.

    Affected users are the case's parties with the role "affected user" and
    the account holders named on items that were restricted or whose data is
    disclosed. Items on which nothing was done owe their holders nothing.
    """
    items = list(case.items.all())
    owed = []
    requester = case.requester
    if case.kind == c.Kind.APPEAL:
        if requester:
            owed.append({"purpose": Notice.Purpose.APPEAL_DECISION, "role": c.PartyRole.REQUESTER, "party": requester,
                         "items": list(appeal_items), "language": rendering.notice_language(requester.language, case.language)})
        return owed
    if requester:
        owed.append({"purpose": Notice.Purpose.DECISION, "role": c.PartyRole.REQUESTER, "party": requester,
                     "items": items, "language": rendering.notice_language(requester.language, case.language)})

    acted = [i for i in items if i.action in c.RESTRICTING_ACTIONS or i.action == c.Action.DISCLOSE]
    if not acted:
        return owed
    holders: list[dict] = []
    for party in case.parties.filter(role=c.PartyRole.AFFECTED_USER).order_by("id"):
        # Their own account's items, and items that name no account (a page or revision: staff added the person
        # who posted it as the affected user).
        mine = [i for i in acted if not i.account_name or _same_account(i.account_name, party.account_name)] \
            if party.account_name else acted
        if mine:
            holders.append({"party": party, "account": "", "items": mine,
                            "language": rendering.notice_language(party.language, case.language)})
    covered = [h["party"].account_name for h in holders if h["party"].account_name]
    for item in acted:
        if not item.account_name or any(_same_account(item.account_name, a) for a in covered):
            continue
        holder = next((h for h in holders if not h["party"] and _same_account(h["account"], item.account_name)), None)
        if holder:
            holder["items"].append(item)
        else:
            holders.append({"party": None, "account": item.account_name, "items": [item],
                            "language": rendering.notice_language(case.language)})
    for holder in holders:
        restricting = [i for i in holder["items"] if i.action in c.RESTRICTING_ACTIONS]
        disclosing = [i for i in holder["items"] if i.action == c.Action.DISCLOSE]
        if restricting:
            owed.append({"purpose": Notice.Purpose.STATEMENT_OF_REASONS, "role": c.PartyRole.AFFECTED_USER,
                         **holder, "items": restricting})
        if disclosing:
            # Before the disclosure where the law allows; an emergency is told afterwards.
            purpose = (Notice.Purpose.DISCLOSURE if case.kind == c.Kind.EMERGENCY_DISCLOSURE
                       else Notice.Purpose.PRIOR_DISCLOSURE)
            owed.append({"purpose": purpose, "role": c.PartyRole.AFFECTED_USER, **holder, "items": disclosing})
    return owed


@transaction.atomic
def draft_notices(case: Case, actor=None, *, appeal_items=()) -> list[Notice]:
    """Draft the notices a decision owes, replacing unsent drafts of an earlier decision."""
    now = timezone.now()
    for old in case.notices.filter(status__in=UNRESOLVED | {Notice.Status.HELD}):
        old.status = Notice.Status.CANCELLED
        old.cancel_reason = history_reasons.NOTICE_SUPERSEDED
        old.save()
        record_event(old, actor, "superseded")
    drafted = []
    for owed in owed_notices(case, appeal_items):
        purpose = owed["purpose"]
        subject, body = rendering.render(
            case, purpose, owed["language"], owed["items"], appealable=purpose in APPEALABLE,
            disclosure_wait=purpose == Notice.Purpose.PRIOR_DISCLOSURE,
        )
        notice = Notice.objects.create(
            case=case, purpose=purpose, recipient_role=owed["role"], party=owed.get("party"),
            recipient_account=owed.get("account", ""), language=owed["language"], subject=subject, body=body,
            created_at=now,
        )
        notice.items.set(owed["items"])
        record_event(notice, actor, "drafted")
        hold = active_hold_for(notice, now)
        if hold:
            hold_notice(notice, hold, actor)
        drafted.append(notice)
    create_placeholders(case)
    return drafted


def disclosure_allowed_from(case: Case):
    """The earliest moment data may be handed over: the waiting period after the last prior notice was sent.

    None while a prior notice is unsent (and not lawfully held). A held notice
    does not delay the disclosure: the law that bars the notice allows it.
    """
    prior = list(case.notices.filter(purpose=Notice.Purpose.PRIOR_DISCLOSURE).exclude(status=Notice.Status.CANCELLED))
    if any(n.status not in (Notice.Status.SENT, Notice.Status.HELD) for n in prior):
        return None
    sent = [n.sent_at for n in prior if n.sent_at]
    if not sent:
        return case.decided_at or timezone.now()
    return max(sent) + timedelta(days=int(config.get("DISCLOSURE_WAIT_DAYS")))


# --- Staff review and send ------------------------------------------------------------------------

def _locked(notice: Notice) -> Notice:
    return Notice.objects.select_for_update().get(pk=notice.pk)


@transaction.atomic
def edit_notice(notice: Notice, actor, *, subject: str, body: str, version: str | None = None) -> Notice:
    """Change a notice's wording before it is sent; an approved notice needs approving again.

    ``version`` (from :func:`text_version`) is the wording the editor's page showed: when a colleague changed the
    text since, nothing is saved (core.versions), rather than their change being overwritten by an older page."""
    locked = _locked(notice)
    if locked.status not in Notice.EDITABLE:
        raise Conflict(_("This notice is %(status)s; only a draft, approved, held or failed notice can be edited.")
                       % {"status": locked.get_status_display().lower()})
    versions.refuse_if_changed(version, text_version(locked), _(
        "The notice's text changed after you opened the page. Nothing was saved or sent: compare your text with "
        "the text as it is now, then save again."), code="text_changed")
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject:
        raise DomainError(_("Write a subject for the notice."), code="invalid", field="subject")
    if len(subject) > 300:
        raise DomainError(_("The subject is longer than 300 characters; shorten it."), code="invalid",
                          field="subject")
    if not body:
        raise DomainError(_("Write the message of the notice."), code="invalid", field="body")
    if locked.purpose in APPEALABLE and rendering.APPEAL_LINK_MARKER not in body:
        raise DomainError(_("Keep %(marker)s in the message: it is replaced by the recipient's private appeal link "
                            "when the notice is sent.") % {"marker": rendering.APPEAL_LINK_MARKER},
                          code="invalid", field="body")
    locked.subject, locked.body = subject, body + "\n"
    if locked.status == Notice.Status.APPROVED:
        locked.status, locked.approved_at, locked.approved_by = Notice.Status.DRAFT, None, None
    locked.save()
    record_event(locked, actor, "edited")
    notice.refresh_from_db()
    return notice


def change_language(notice: Notice, actor, language: str) -> Notice:
    """Staff's choice of language: draft the notice again, from the case, in ``language`` (one of the shipped
    languages); the wording typed into it before is replaced, and an approved notice needs approving again."""
    from django.conf import settings

    locked = _locked(notice)
    if locked.status not in Notice.EDITABLE:
        raise Conflict(_("This notice is %(status)s; only a draft, approved, held or failed notice can be edited.")
                       % {"status": locked.get_status_display().lower()})
    offered = [code for code, _name in settings.LANGUAGES]
    if language not in offered:
        raise DomainError(_("Choose one of: %(choices)s.") % {"choices": or_list(offered, isolated=True)},
                          code="invalid", field="language")
    subject, body = rendering.render(
        locked.case, locked.purpose, language, list(locked.items.all()), appealable=locked.purpose in APPEALABLE,
        disclosure_wait=locked.purpose == Notice.Purpose.PRIOR_DISCLOSURE)
    locked.language, locked.subject, locked.body = language, subject, body
    if locked.status == Notice.Status.APPROVED:
        locked.status, locked.approved_at, locked.approved_by = Notice.Status.DRAFT, None, None
    locked.save()
    record_event(locked, actor, "edited", language=language)
    notice.refresh_from_db()
    return notice


def text_version(notice: Notice) -> str:
    """A short fingerprint of the notice's wording (core.versions): the approval form carries the version the
    approver read, a crisis's safety review the version the reviewer read."""
    return versions.text_version(notice.subject, notice.body)


@transaction.atomic
def send_notice(notice: Notice, actor, *, version: str | None = None) -> Notice:
    """Approve a notice and queue it for delivery.

    ``version`` (from :func:`text_version`) is the wording the approver read: when the text changed since,
    nothing is approved or sent. A notice a legal hold bars stays held, approved: it is sent by itself when
    the hold ends.
    """
    locked = _locked(notice)
    if locked.status not in SENDABLE:
        raise Conflict(_("This notice is %(status)s; only a draft, approved, held or failed notice can be sent.")
                       % {"status": locked.get_status_display().lower()})
    versions.refuse_if_changed(version, text_version(locked), _(
        "The notice's text changed after you opened the page. Nothing was sent: read the text as it is now, then "
        "approve it."), code="text_changed")
    _refuse_if_it_names_the_requester(locked)
    # A case of a running crisis: a notice to an affected user waits for a recorded safety review of this wording.
    crisis_rules.require_safety_review(locked, text_version(locked))
    now = timezone.now()
    locked.status = Notice.Status.APPROVED
    locked.approved_at = now
    locked.approved_by = actor if workflow.is_staff_user(actor) else None
    locked.save()
    record_event(locked, actor, "approved")
    _queue(locked, actor, now)
    notice.refresh_from_db()
    return notice


def deliver_now(notice: Notice) -> str:
    """Make the first delivery attempt at once, after the approval is stored, so staff see "sent" (or why not)
    instead of a queued notice that invites a second send. The queued task then finds nothing to do."""
    from .delivery import deliver

    if Notice.objects.filter(pk=notice.pk, status=Notice.Status.QUEUED, attempts=0).exists():
        deliver(notice.pk, enqueue=tasks.enqueue_delivery)
    notice.refresh_from_db()
    return notice.status


@transaction.atomic
def retry_notice(notice: Notice, actor) -> Notice:
    """Try a failed (or waiting) delivery again now."""
    locked = _locked(notice)
    if locked.status not in (Notice.Status.FAILED, Notice.Status.QUEUED):
        raise Conflict(_("This notice is %(status)s; only a failed or queued notice can be retried.")
                       % {"status": locked.get_status_display().lower()})
    _queue(locked, actor, timezone.now(), event="retry")
    notice.refresh_from_db()
    return notice


def _refuse_if_it_names_the_requester(notice: Notice) -> None:
    """An affected user is never told who a private requester is (the reasons are written by staff).

    Nor when they appealed: the decision on the appeal goes to the appellant, the appeal case's requester, and
    the private person is then the requester (or principal) of the case appealed, who is no party of the appeal.
    So a notice on an appeal is checked against the case appealed unless the appellant was its requester (an
    appeal no filing explains is checked too: the safe side).
    """
    case = notice.case
    if not speaks_to_affected_user(case, notice.recipient_role):
        return
    if notice.recipient_role != c.PartyRole.AFFECTED_USER:  # the appellant: the private person is the case appealed's
        case = case.appeal_of
    text = f"{notice.subject}\n{notice.body}".casefold()
    for party in case.parties.filter(role__in=[c.PartyRole.REQUESTER, c.PartyRole.PRINCIPAL]):
        if not party.is_private_person:
            continue
        for value in (party.name, party.email, party.phone):
            if value and len(value.strip()) >= 3 and value.strip().casefold() in text:
                raise DomainError(_("This message to an affected user names or reaches the requester, a private "
                                    "person. Edit the reasons so they describe the notice in general terms, then "
                                    "send it."), code="names_requester", field="body")


def _queue(notice: Notice, actor, now, event: str = "queued") -> None:
    release_due_holds(now=now, case=notice.case)
    hold = active_hold_for(notice, now)
    if hold:
        hold_notice(notice, hold, actor)
        return
    notice.status = Notice.Status.QUEUED
    notice.next_attempt_at = None
    notice.save()
    record_event(notice, actor, event)
    tasks.enqueue_delivery(notice.pk)


@transaction.atomic
def cancel_notice(notice: Notice, actor, reason: str) -> Notice:
    """Decide that a notice will not be sent, with the reason (e.g. the person cannot be reached)."""
    locked = _locked(notice)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why this notice will not be sent."), code="invalid", field="reason")
    if locked.status in (Notice.Status.SENT, Notice.Status.CANCELLED, Notice.Status.SENDING):
        raise Conflict(_("This notice is %(status)s and cannot be cancelled.")
                       % {"status": locked.get_status_display().lower()})
    locked.status = Notice.Status.CANCELLED
    locked.cancel_reason = reason
    locked.appeal_token_sealed = ""  # never sent again: a link an earlier attempt carried keeps working by its digest
    locked.save()
    record_event(locked, actor, "cancelled", reason=reason)
    check_case_notified(locked.case)
    notice.refresh_from_db()
    return notice


def cancel_unresolved(case: Case, actor, reason: str) -> int:
    """Cancel the notices of a decision that was reopened and are not sent yet; returns how many."""
    count = 0
    for notice in case.notices.filter(status__in=UNRESOLVED):
        notice.status = Notice.Status.CANCELLED
        notice.cancel_reason = reason
        notice.appeal_token_sealed = ""
        notice.save()
        record_event(notice, actor, "cancelled", reason=reason)
        count += 1
    return count


# --- Legal holds (gag orders) ----------------------------------------------------------------------

@transaction.atomic
def place_hold(case: Case, actor, *, reason: str, until=None, legal_reference: str = "",
               scope: str = LegalHold.Scope.AFFECTED_USERS, now=None) -> LegalHold:
    """Record a legal bar on notice and hold every unsent notice it covers."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason notice is barred, e.g. the court's non-disclosure order."),
                          code="invalid", field="reason")
    if until is not None and until <= now:
        raise DomainError(_("The end of the hold must be in the future; leave it empty to hold until lifted."),
                          code="invalid", field="until")
    legal_reference = (legal_reference or "").strip()
    refuse_if_too_long(legal_reference, LegalHold._meta.get_field("legal_reference").max_length, "legal_reference")
    if scope not in LegalHold.Scope.values:
        raise DomainError(_("Choose what the hold applies to: %(scopes)s.")
                          % {"scopes": or_list(LegalHold.Scope.values, isolated=True)}, code="invalid", field="scope")
    user, label = workflow.actor_label(actor)
    hold = LegalHold.objects.create(case=case, reason=reason, until=until, legal_reference=legal_reference,
                                    scope=scope, created_by=user, created_by_label=label, created_at=now)
    case_services.record(case, CaseHistory.Event.NOTICE, actor, reason=reason, changes={
        "legal_hold": hold.pk, "event": "hold_placed", "until": until.isoformat() if until else "until lifted"})
    for notice in case.notices.select_for_update().filter(status__in=UNRESOLVED - {Notice.Status.SENDING}):
        if hold.covers(notice.recipient_role):
            hold_notice(notice, hold, actor)
    if until is not None:
            tasks.schedule_release(until)
    check_case_notified(case)
    return hold


@transaction.atomic
def lift_hold(hold: LegalHold, actor, reason: str, now=None) -> LegalHold:
    """End a hold (the order was lifted or expired) and release the notices it held, queueing their delivery."""
    return bookkeeping.lift_hold(hold, actor, reason, now, enqueue=tasks.enqueue_delivery)


def release_due_holds(now=None, case: Case | None = None) -> int:
    """Lift the holds whose date has passed and release their notices; returns how many holds ended."""
    return bookkeeping.release_due_holds(now, case, enqueue=tasks.enqueue_delivery)


# --- Placeholders ---------------------------------------------------------------------------------

def is_legal_demand(case: Case) -> bool:
    return (case.decision_ground == c.DecisionGround.ILLEGAL_CONTENT or case.is_government
            or case.kind in (c.Kind.COPYRIGHT_NOTICE, c.Kind.TRADEMARK_NOTICE)
            or case.content_ground == c.ContentGround.GOVERNMENT_ORDER)


def create_placeholders(case: Case) -> list[Placeholder]:
    """A placeholder for each removed, hidden or restricted item (accounts have none: they would name someone)."""
    import secrets

    made = []
    for item in case.items.filter(action__in=PLACEHOLDER_ACTIONS,
                                  restored_at__isnull=True).exclude(item_type=c.ItemType.ACCOUNT):
        placeholder, created = Placeholder.objects.get_or_create(
            item=item, defaults={"public_id": secrets.token_urlsafe(12), "legal_demand": is_legal_demand(case)})
        if not created and placeholder.withdrawn_at:
            placeholder.withdrawn_at = None
            placeholder.save()
        made.append(placeholder)
    return made
