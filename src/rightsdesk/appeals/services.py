"""Appeals (internal complaints, DSA Art. 20): filing, adding information, deciding, and what a decision owes.

An appeal is a Case of kind "appeal" with ``appeal_of`` pointing at the
decision it challenges, created through ``cases.services.create_case``. It
can be filed by the requester or by an affected user for at least six months
after they were told (``notices.config.appeal_window_months``); it must be
handled by someone who took no part in the first decision (``guards.py``:
a workflow guard for every step, and a check on every assignment); its
outcome reads per ``policy.APPEAL_OUTCOME_LABELS`` (rejected = upheld,
granted = reversed, partially granted = partly reversed); a reversal restores
the items and is recorded in the original case's history.

``decision_follow_up`` is what every service that decides a case names in
``workflow.transition(after=...)``: an appeal's outcome applied, then the
notices drafted (``notices.services.draft_notices``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.cases import choices as c
from rightsdesk.cases import policy
from rightsdesk.cases import services as case_services
from rightsdesk.cases import workflow
from rightsdesk.cases.models import Case, CaseHistory, Party
from rightsdesk.core.errors import Conflict, DomainError
from rightsdesk.core.lists import or_list
from rightsdesk.core.meanwhile import taken_meanwhile
from rightsdesk.core.moments import day_text
from rightsdesk.intake import attachments as files
from rightsdesk.intake.outcome import decision_withheld
from rightsdesk.notices import rendering
from rightsdesk.notices import services as notice_services
from rightsdesk.notices.models import Notice, Placeholder
from rightsdesk.review import deadlines, history_reasons
from rightsdesk.transparency import publishing

from .models import AppealFiling, AppealMessage
from .selectors import (appeal_deadline, closed_by, eligible_reviewers, filed_by_requester, has_decision_to_appeal,
                        restorable_items)

APPELLANT_ROLES = (c.PartyRole.REQUESTER, c.PartyRole.AFFECTED_USER)
MAX_TEXT = 20000


# --- Filing ---------------------------------------------------------------------------------------

def _appellant_party(original: Case, appellant_role: str, notice: Notice | None) -> dict:
    party: Party | None = notice.party if notice is not None and notice.party_id else None
    if party is None and appellant_role == c.PartyRole.REQUESTER:
        party = original.requester
    if party is None and appellant_role == c.PartyRole.AFFECTED_USER:
        affected = list(original.parties.filter(role=c.PartyRole.AFFECTED_USER)[:2])
        party = affected[0] if len(affected) == 1 else None  # several: only the notice's link says which
    if party is None and notice is not None and notice.recipient_account:
        return {"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.INDIVIDUAL, "account_name": notice.recipient_account}
    if party is None:
        return {}
    fields = ["kind", "name", "organisation", "email", "account_name", "country", "language"]
    return {"role": c.PartyRole.REQUESTER, **{f: getattr(party, f) for f in fields}}


@transaction.atomic
def file_appeal(original_case: Case, appellant_role: str, text: str, language: str, actor,
                *, notice: Notice | None = None, now=None, uploads=()) -> Case:
    """Open an appeal against ``original_case`` and assign it to an uninvolved reviewer.

    ``uploads`` are files already checked by ``intake.attachments.check_uploads`` (the request forms' limits and
    type rules); they are stored encrypted with the appeal, as a request's attachments are with its case.
    """
    now = now or timezone.now()
    original = Case.objects.select_for_update().get(pk=original_case.pk)
    if appellant_role not in APPELLANT_ROLES:
        raise DomainError(_("An appeal can be filed by the requester or by an affected user."), code="invalid",
                          field="appellant_role")
    if original.kind == c.Kind.APPEAL:
        raise DomainError(_("A decision on an appeal cannot be appealed again here; you can still refer it to an "
                            "out-of-court dispute settlement body or a court."), code="not_appealable")
    if not has_decision_to_appeal(original):
        raise DomainError(_("Case %(ref)s has no decision to appeal yet.") % {"ref": original.reference},
                          code="not_appealable")
    text = (text or "").strip()
    if len(text) < 10:
        raise DomainError(_("Explain in a few words why the decision should change (at least 10 characters)."),
                          code="invalid", field="text")
    if len(text) > MAX_TEXT:
        raise DomainError(_("The explanation is longer than %(max)s characters; shorten it or send the rest after "
                            "filing.") % {"max": MAX_TEXT}, code="invalid", field="text")
    deadline = appeal_deadline(original, appellant_role, notice)
    if deadline is not None and now > deadline:
        raise DomainError(_("The time to appeal ended on %(date)s. You can still refer the dispute to an "
                            "out-of-court dispute settlement body or a court.") % {"date": day_text(deadline)},
                          code="appeal_period_over")
    # Read now, under the case's lock, not from ``notice``: two sendings of the link (two tabs sent at once) both
    # read it before either filed, and the second would open a second appeal.
    filed = (Notice.objects.filter(pk=notice.pk, appeal__isnull=False).values_list("appeal__reference", flat=True)
             .first() if notice is not None else None)
    if filed:
        raise Conflict(_("An appeal was already filed with this link (%(ref)s); add information to it instead.")
                       % {"ref": filed})
    party = _appellant_party(original, appellant_role, notice)
    fields = {
        "kind": c.Kind.APPEAL, "appeal_of": original,
        "description": text, "language": rendering.notice_language(language, original.language),
        "requester_type": original.requester_type if appellant_role == c.PartyRole.REQUESTER else c.RequesterType.INDIVIDUAL,
        "requester_organisation": original.requester_organisation if appellant_role == c.PartyRole.REQUESTER else "",
        "country": original.country, "dsa_category": original.dsa_category, "content_ground": original.content_ground,
        "decision_ground": original.decision_ground, "source": c.Source.WEB_FORM, "received_at": now,
    }
    appeal = case_services.create_case(fields=fields, parties=[party] if party else [], actor=actor,
                                       reason=history_reasons.APPEAL_BY[appellant_role])
    AppealFiling.objects.create(appeal=appeal, appellant_role=appellant_role, notice=notice, filed_at=now)
    for checked in uploads:
        files.store(appeal, checked, uploaded_by=str(actor))
    if notice is not None:
        Notice.objects.filter(pk=notice.pk).update(appeal=appeal)
    case_services.record(original, CaseHistory.Event.APPEAL, actor, reason=history_reasons.APPEAL_FILED,
                         changes={"appeal": appeal.reference, "event": "filed", "appellant": appellant_role})
    reviewer = eligible_reviewers(appeal).first()
    if reviewer is not None:
        case_services.update_case(appeal, {"assigned_to_id": reviewer.pk}, "system",
                                  reason=history_reasons.APPEAL_ASSIGNED)
    return appeal


@transaction.atomic
def add_information(appeal: Case, text: str, actor, uploads=()) -> AppealMessage | None:
    """The appellant adds to an open appeal, or one whose decision a gag order keeps from them (text, documents or both); the content is private, the history says
    only that it happened. ``uploads``: files checked by ``intake.attachments.check_uploads``, stored encrypted."""
    text = (text or "").strip()
    if not text and not uploads:
        raise DomainError(_("Write the information you want to add, or attach a document."), code="invalid",
                          field="text")
    if len(text) > MAX_TEXT:
        raise DomainError(_("Keep it under %(max)s characters.") % {"max": MAX_TEXT}, code="invalid", field="text")
    # A decision kept back by a gag order is not told by refusing the words either: they are taken as before it.
    if not appeal.is_open and not decision_withheld(appeal):
        raise Conflict(_("This appeal has been decided; information can no longer be added."))
    message = AppealMessage.objects.create(appeal=appeal, text=text) if text else None
    for checked in uploads:
        files.store(appeal, checked, uploaded_by=str(actor))
    case_services.record(appeal, CaseHistory.Event.MESSAGE, actor, reason=history_reasons.APPELLANT_ADDED_INFORMATION,
                         changes={"appeal_message": message.pk if message else None, "attachments": len(uploads)})
    return message


# --- Deciding -------------------------------------------------------------------------------------

@transaction.atomic
def decide_appeal(appeal: Case, outcome: str, reasons: str, actor, restore_item_ids=None) -> Case:
    """Record the outcome of an appeal with reasons; a reversal restores items (see apply_outcome)."""
    if appeal.kind != c.Kind.APPEAL or not appeal.appeal_of_id:
        raise DomainError(_("%(ref)s is not an appeal.") % {"ref": appeal.reference}, code="invalid")
    # Read under the appeal's lock: a colleague who decided (or closed) it after this page was opened is named, in
    # words, before the workflow would refuse the step with its own (state names, English).
    locked = Case.objects.select_for_update().get(pk=appeal.pk)
    if not locked.is_open:
        step = closed_by(locked)
        raise taken_meanwhile(step.who if step else "", locked.get_state_display(), step.at if step else None)
    if outcome not in policy.APPEAL_OUTCOME_LABELS:
        # The outcomes as the form's choices show them, in the reader's language (never the stored keys).
        raise DomainError(_("Choose the outcome of the appeal: %(labels)s.")
                          % {"labels": or_list(policy.APPEAL_OUTCOME_LABELS.values())}, code="invalid", field="outcome")
    reasons = (reasons or "").strip()
    if not reasons:
        raise DomainError(_("Give the reasons for the outcome; the appellant receives them."), code="invalid",
                          field="reasons")
    restore = [int(i) for i in (restore_item_ids or [])]
    candidates = set(restorable_items(appeal.appeal_of).values_list("pk", flat=True))
    if any(i not in candidates for i in restore):
        raise DomainError(_("Only items of the original case that were removed or restricted can be restored."),
                          code="invalid", field="restore_items")
    by_requester = filed_by_requester(appeal)
    if by_requester:
        candidates = set()
        if restore:
            raise DomainError(_("A requester's appeal does not restore items; a reversal reopens the decision."),
                              code="invalid", field="restore_items")
    if outcome == c.Outcome.PARTIALLY_GRANTED and candidates and not restore:
        raise DomainError(_("A partial reversal restores some items: choose which."), code="invalid",
                          field="restore_items")
    # Independence is the workflow guard's (independent_reviewer_guard): it refuses the first step an involved
    # reviewer takes, and this function is atomic, so nothing written here stays.
    if appeal.state in (c.State.RECEIVED,):
        workflow.transition(appeal, "start_review", actor, reason=history_reasons.APPEAL_REVIEW_STARTED,
                            after=[deadlines.restart_clock])
    case_services.update_case(appeal, {"outcome": outcome, "decision_summary": reasons}, actor,
                              reason=history_reasons.APPEAL_OUTCOME)
    workflow.transition(appeal, "decide", actor, reason=reasons,
                        after=[deadlines.restart_clock, decision_follow_up(actor, restore_items=restore)])
    return appeal


def draft_for_decision(case: Case, actor, restore_items=None) -> list[Notice]:
    """What a decision owes, once it is taken: an appeal's outcome applied, then the notices drafted.

    Named in ``workflow.transition(after=...)`` by every service that decides or approves a case
    (review.services.conclude and approve, decide_appeal here), so it runs in the deciding transaction.
    """
    restored = []
    if case.kind == c.Kind.APPEAL and case.appeal_of_id:
        restored = apply_outcome(case, actor, restore_items)
    items = case.appeal_of.items.filter(pk__in=restored) if restored else ()
    return notice_services.draft_notices(case, actor, appeal_items=items)


def decision_follow_up(actor, restore_items=None):
    """:func:`draft_for_decision` as a ``workflow.transition`` follow-up for ``actor``."""
    return lambda case: draft_for_decision(case, actor, restore_items)


def reopen(case: Case, actor, reason: str) -> Case:
    """Reopen a decision (an appeal granted, or a correction): its unsent notices are cancelled, its public
    notice says it is reopened, and the review's clock restarts, all in the reopening transaction.

    Only with a reason, for every caller: so much is undone that the history must say what for (the case page
    offered the step with an optional reason, and a click reopened a decision with none)."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the decision is reopened (an appeal, a correction); the reason is kept in the "
                            "case history."), code="invalid", field="reason")
    return workflow.transition(case, "reopen", actor, reason=reason, after=[
        lambda locked: notice_services.cancel_unresolved(locked, actor, reason=history_reasons.DECISION_REOPENED),
        lambda locked: publishing.mark_reopened(locked, actor),
        deadlines.restart_clock,
    ])


def apply_outcome(appeal: Case, actor, restore_item_ids=None) -> list[int]:
    """Restore what a reversal restores and record the outcome in the original case; returns restored item ids.

    Runs when an appeal is decided (:func:`draft_for_decision`, whoever took the
    step). For an affected user's appeal, reversed: every removed or
    restricted item is restored; partly reversed: the items chosen. A
    requester's appeal that is reversed (in full or in part) restores
    nothing: it reopens the original case, so it is decided anew.
    """
    original = appeal.appeal_of
    now = timezone.now()
    filing = AppealFiling.objects.filter(appeal=appeal).first()
    by_requester = filing is not None and filing.appellant_role == c.PartyRole.REQUESTER
    if by_requester:
        items = []  # the requester wanted more done, not less: nothing to restore
    elif appeal.outcome == c.Outcome.GRANTED:
        items = list(restorable_items(original))
    elif appeal.outcome == c.Outcome.PARTIALLY_GRANTED:
        items = list(restorable_items(original).filter(pk__in=list(restore_item_ids or [])))
    else:
        items = []
    label = history_reasons.in_english(policy.APPEAL_OUTCOME_LABELS.get(appeal.outcome, appeal.outcome or "pending"))
    for item in items:
        case_services.update_item(item, {"restored_at": now}, actor,
                                  reason=history_reasons.RESTORED_BY_APPEAL[appeal.outcome] % {"ref": appeal.reference})
        Placeholder.objects.filter(item=item, withdrawn_at__isnull=True).update(withdrawn_at=now)
        # The public placeholder says so at once (its record otherwise changes only when staff republish it).
        public_id = Placeholder.objects.filter(item=item).values_list("public_id", flat=True).first()
        publishing.mark_item_restored(public_id or "", now)
    case_services.record(original, CaseHistory.Event.APPEAL, actor, reason=history_reasons.APPEAL_DECIDED, changes={
        "appeal": appeal.reference, "event": "decided", "outcome": appeal.outcome, "outcome_label": label,
        "restored_items": [i.pk for i in items],
    })
    if appeal.outcome in c.GRANTING_OUTCOMES and by_requester and original.state in policy.DECIDED_STATES:
        reopen(original, actor, reason=history_reasons.REOPENED_BY_APPEAL[appeal.outcome] % {"ref": appeal.reference})
    return [i.pk for i in items]
