"""The review's rules, as plain functions that views, the API and commands share.

Every write is atomic and goes through the cases app's services or workflow,
so it is validated and recorded in the case history. Functions raise
:class:`DomainError` (with a message saying what to fix), :class:`NotPermitted`
or :class:`Conflict`; nothing is changed when they do.
"""

from __future__ import annotations

from typing import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop  # history reasons: stored in English (review.timeline)

from rightsdesk.accounts.access import has_any, require
from rightsdesk.appeals import guards as appeal_guards
from rightsdesk.appeals import services as appeal_services
from rightsdesk.cases import choices as c
from rightsdesk.cases import policy
from rightsdesk.cases import services as case_services
from rightsdesk.cases import workflow
from rightsdesk.cases.models import Case, CaseHistory, TargetItem
from rightsdesk.cases.policy import is_emergency
from rightsdesk.clocks import times as case_times
from rightsdesk.core import versions
from rightsdesk.core.country_codes import is_country_code
from rightsdesk.core.errors import Conflict, DomainError, NotPermitted, refuse_if_too_long
from rightsdesk.core.examples import fill_examples
from rightsdesk.core.lists import and_list, or_list, quoted
from rightsdesk.crisis import rules as crisis_rules

from . import checklist, deadlines, history_reasons
from .alerts import alert_oncall_soon  # noqa: F401  (callers use it from here)
from .models import Assignment, ChecklistAnswer, DecisionProposal, EmergencyRecord, MessageToRequester, Note
from .vocab import DATA_FIELDS

#: Who may work a case (claim it, answer the checklist, decide its items).
REVIEW_PERMS = policy.REVIEWER_PERMISSIONS
#: Who may pick a case up at all (intake claims cases to triage them).
WORK_PERMS = policy.WORKER_PERMISSIONS
#: States in which the decision on the items may still change.
EDITABLE_STATES = frozenset({c.State.TRIAGE, c.State.UNDER_REVIEW})
#: Fields of an item that make up its decision.
DECISION_FIELDS = ("action", "ground", "reason", "action_countries", "disclosed_fields")


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


# --- Claiming ---------------------------------------------------------------------------------------------------

def _assign(locked: Case, kind: str, assignee, by, reason: str) -> None:
    # An appeal never goes to someone who took part in the decision appealed (claim, take-over, reassignment).
    appeal_guards.refuse_involved_assignee(locked, assignee)
    previous = locked.assigned_to
    Case.objects.filter(pk=locked.pk).update(assigned_to=assignee, updated_at=timezone.now())
    Assignment.objects.create(case=locked, kind=kind, assignee=assignee, previous=previous, by=by, reason=reason)
    if assignee is not None:
        case_times.claimed(locked)  # the first claim or assignment, for the report's SLA figures
    case_services.record(locked, CaseHistory.Event.ASSIGNMENT, by, reason=reason, changes={
        "assignment": kind,
        "assigned_to": {"old": previous.get_username() if previous else "", "new": assignee.get_username() if assignee else ""},
    })


@transaction.atomic
def claim(case: Case, user, takeover_reason: str = "") -> Case:
    """Claim ``case`` for ``user``.

    A case someone else has claimed is only taken over on purpose: the caller
    must give a reason, which is kept in the history so the other reviewer
    learns why. The row is locked, so two people claiming at once do not both win.
    """
    require(user, WORK_PERMS, doing=_("claim a case"))
    locked = _lock(case)
    if locked.assigned_to_id == user.pk:
        case.refresh_from_db()
        return case
    if locked.assigned_to_id is not None:
        if not takeover_reason.strip():
            raise Conflict(_("%(ref)s is already claimed by %(who)s. To take it over, give a reason; "
                             "they will see it in the history.")
                           % {"ref": locked.reference, "who": locked.assigned_to.get_username()}, code="already_claimed")
        _assign(locked, Assignment.Kind.TAKEOVER, user, user, takeover_reason.strip())
    else:
        _assign(locked, Assignment.Kind.CLAIM, user, user, "")
    case.refresh_from_db()
    return case


@transaction.atomic
def release(case: Case, user) -> Case:
    require(user, WORK_PERMS, doing=_("release a case"))
    locked = _lock(case)
    if locked.assigned_to_id != user.pk:
        raise Conflict(_("Only the person who claimed %(ref)s can release it.") % {"ref": locked.reference})
    _assign(locked, Assignment.Kind.RELEASE, None, user, "")
    case.refresh_from_db()
    return case


def assignable_users():
    """Active staff who may work cases."""
    from django.db.models import Q

    User = get_user_model()
    perm_q = Q()
    for perm in WORK_PERMS:
        app, codename = perm.split(".")
        perm_q |= Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app)
        perm_q |= Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app)
    return User.objects.filter(is_active=True, is_staff=True).filter(perm_q | Q(is_superuser=True)).distinct().order_by("username")


@transaction.atomic
def reassign(case: Case, to_user, by, reason: str) -> Case:
    """Give the case to someone else (or to nobody), with a reason recorded in the history."""
    require(by, WORK_PERMS, doing=_("reassign a case"))
    if not reason.strip():
        raise DomainError(_("Say why the case is reassigned."), field="reason")
    if to_user is not None and not has_any(to_user, WORK_PERMS):
        raise DomainError(_("%(who)s cannot work on cases: choose someone with a reviewing role.")
                          % {"who": to_user.get_username()}, field="assignee")
    locked = _lock(case)
    _assign(locked, Assignment.Kind.REASSIGN if to_user else Assignment.Kind.RELEASE, to_user, by, reason.strip())
    case.refresh_from_db()
    return case


def _ensure_working(case: Case, user) -> Case:
    """Acting on a case claims it if nobody has; acting on someone else's claimed case is refused."""
    locked = _lock(case)
    if locked.assigned_to_id is None:
        _assign(locked, Assignment.Kind.CLAIM, user, user, "")
    elif locked.assigned_to_id != user.pk:
        raise Conflict(_("%(ref)s is claimed by %(who)s. Take it over (with a reason) before working on it.")
                       % {"ref": locked.reference, "who": locked.assigned_to.get_username()}, code="claimed_by_other")
    return locked


# --- Someone else changed the case meanwhile --------------------------------------------------------------------

class ChangedSince(versions.ChangedSince):
    """The case changed, by someone else, after the page the form came from was shown; nothing was changed. The
    version of a case is its history mark (:func:`history_mark`), not a fingerprint of one text
    (``core.versions``), so the refusal lists what changed and who changed it."""

    def __init__(self, entries: list[CaseHistory]):
        people = sorted({entry.who for entry in entries})
        super().__init__(_("%(who)s changed this case after you opened it. Nothing was saved: check what changed "
                           "(listed below), then send your form again; what you typed is kept.")
                         % {"who": and_list(people)})
        self.entries = entries
        self.people = people

    def without_the_form(self) -> "ChangedSince":
        """The same refusal, for a form the page no longer offers (it cannot be sent again): what changed, and no
        promise of a second sending."""
        refusal = ChangedSince(self.entries)
        refusal.message = _("%(who)s changed this case after you opened it. Nothing was saved: check what changed "
                            "(listed below).") % {"who": and_list(self.people)}
        return refusal


def history_mark(case: Case) -> int:
    """The version of the case a page shows: the id of its newest history entry (0 before any)."""
    return case.history.order_by("-id").values_list("id", flat=True).first() or 0


def changes_by_others(case: Case, seen: int, user) -> list[CaseHistory]:
    """What other people (staff, the requester, API clients; not background jobs) did to the case since ``seen``."""
    return list(case.history.filter(id__gt=seen).exclude(actor_id=user.pk)
                .exclude(actor__isnull=True, actor_label__in=["", "system"]).select_related("actor").order_by("id"))


def changes_since(case: Case, seen, user) -> list[CaseHistory]:
    """What others did to the case since the page that showed version ``seen`` (none when the form carried none)."""
    try:
        return changes_by_others(case, int(seen), user)
    except (TypeError, ValueError):
        return []


def refuse_if_changed(case: Case, seen, user) -> None:
    """Refuse a change made from a page older than the latest change by someone else (``seen``: history_mark)."""
    if seen is None or str(seen).strip() == "":
        return
    try:
        mark = int(seen)
    except (TypeError, ValueError):
        raise DomainError(_("The form was damaged: reload the case page and try again."), code="invalid") from None
    entries = changes_by_others(case, mark, user)
    if entries:
        raise ChangedSince(entries)


# --- Checklist --------------------------------------------------------------------------------------------------

class ChecklistRefused(DomainError):
    """Some answers cannot be stored; ``errors`` says which and why ({question key: message}). Nothing was stored."""

    def __init__(self, errors: dict[str, str]):
        texts = {q.key: q.text for q in checklist.QUESTIONS}
        super().__init__(" ".join(f"{quoted(texts[key])}: {message}" if key in texts else message
                                  for key, message in errors.items()), field=next(iter(errors)))
        self.errors = errors


def checklist_errors(case: Case, answers: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Every problem of a set of answers at once, {question key: what to fix}, in the order of the questions."""
    applicable = {q.key: q for q in checklist.questions_for(case)}
    errors = {}
    for key, (answer, note) in answers.items():
        question = applicable.get(key)
        if question is None:
            errors[key] = _("'%(key)s' is not a checklist question for this kind of case.") % {"key": key}
            continue
        answer, note = (answer or "").strip(), (note or "").strip()
        if not answer:
            continue
        if answer not in question.values:
            errors[key] = _("'%(answer)s' is not a possible answer: choose one of the options.") % {"answer": answer}
        elif answer in question.explain and not note:
            errors[key] = _("Explain the answer “%(answer)s” in the note.") % {"answer": dict(question.options)[answer]}
    order = list(applicable)
    return dict(sorted(errors.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))


@transaction.atomic
def save_checklist(case: Case, user, answers: dict[str, tuple[str, str]]) -> list:
    """Store answers {question: (answer, note)}; returns the questions still missing.

    Unknown questions and answers are refused with a message naming them;
    blank answers are skipped, so the checklist can be filled in over time.
    """
    require(user, REVIEW_PERMS, doing=_("answer the due-diligence checklist"))
    locked = _ensure_working(case, user)
    if locked.state not in EDITABLE_STATES:
        raise DomainError(_("The checklist can only change while the case is in triage or under review; "
                            "this case is %(state)s.") % {"state": c.State(locked.state).label.lower()})
    errors = checklist_errors(locked, answers)
    if errors:
        raise ChecklistRefused(errors)
    changed = {}
    for key, (answer, note) in answers.items():
        answer, note = (answer or "").strip(), (note or "").strip()
        if not answer:
            continue
        existing = ChecklistAnswer.objects.filter(case=locked, question=key).first()
        if existing and (existing.answer, existing.note) == (answer, note):
            continue
        ChecklistAnswer.objects.update_or_create(case=locked, question=key, defaults={
            "answer": answer, "note": note, "answered_by": user, "answered_at": timezone.now()})
        changed[key] = {"old": existing.answer if existing else "", "new": answer}
    if changed:
        case_services.record(locked, CaseHistory.Event.CHECKLIST, user, changes=changed)
    return checklist.missing(locked)


# --- Decisions --------------------------------------------------------------------------------------------------

def item_label(item: TargetItem) -> str:
    """How messages name an item: its number and title, and its revision, so a page and one of its revisions
    (which share the title) are told apart."""
    # Account items are named by number: their URL and name are personal data, and these
    # messages also reach API clients and logs.
    title = item.page_title or (item.url if item.item_type != c.ItemType.ACCOUNT else "")
    label = f"#{item.pk} {title}" if title else f"#{item.pk}"
    if item.revision_id:
        label = _("%(item)s, revision %(revision)s") % {"item": label, "revision": item.revision_id}
    return label


def item_problems(item: TargetItem) -> list[str]:
    """What is missing or wrong in one item's decision, in words for the reviewer."""
    label = item_label(item)
    if not item.action:
        return [_("Item “%(item)s” has no decision yet.") % {"item": label}]
    problems = []
    if not item.ground.strip():
        problems.append(_("Item “%(item)s” needs the legal or policy ground.") % {"item": label})
    if not item.reason.strip():
        problems.append(_("Item “%(item)s” needs a written reason.") % {"item": label})
    if item.action == c.Action.RESTRICT_COUNTRY and not item.action_countries:
        problems.append(_("Item “%(item)s” is restricted in a country: name the countries.") % {"item": label})
    if item.action == c.Action.DISCLOSE:
        if not item.disclosed_fields:
            problems.append(_("Item “%(item)s” discloses data: list the data fields disclosed.") % {"item": label})
        unknown = set(item.disclosed_fields) - set(DATA_FIELDS)
        if unknown:
            problems.append(_("Item “%(item)s” lists data fields that are not allowed: %(fields)s.")
                            % {"item": label, "fields": and_list(sorted(unknown))})
    return problems


def decision_problems(case: Case) -> list[str]:
    """Everything that stands between the case and a decision: checklist gaps and undecided items."""
    problems = []
    gaps = checklist.missing(case)
    if gaps:
        problems.append(_("The due-diligence checklist is not complete: %(questions)s")
                        % {"questions": " ".join(quoted(q.text) for q in gaps)})
    for item in case.items.all():
        problems.extend(item_problems(item))
    return problems


def needs_approval(case: Case) -> bool:
    """Disclosing data or restricting content needs a second person's approval; refusals do not."""
    return case.items.filter(action__in=list(c.FOUR_EYES_ACTIONS)).exists()


@transaction.atomic
def decide_item(item: TargetItem, user, *, action: str, ground: str, reason: str,
                countries: Iterable[str] = (), fields: Iterable[str] = ()) -> TargetItem:
    """Record the decision on one item; validated here and again by the workflow guards."""
    require(user, REVIEW_PERMS, doing=_("decide on an item"))
    locked = _ensure_working(item.case, user)
    if locked.state not in EDITABLE_STATES:
        raise DomainError(_("Items can only be decided while the case is in triage or under review; "
                            "this case is %(state)s.") % {"state": c.State(locked.state).label.lower()})
    if action not in c.Action.values or not action:
        raise DomainError(_("Choose what to do with the item."), field="action")
    allowed = policy.item_actions_for(locked.kind)
    if action not in allowed:
        raise DomainError(_("“%(action)s” cannot be decided on this kind of case (%(kind)s). Choose one of: "
                            "%(allowed)s.")
                          % {"action": c.Action(action).label, "kind": c.Kind(locked.kind).label,
                             "allowed": or_list(c.Action(a).label for a in allowed)},
                          code="action_not_for_kind", field="action")
    countries = sorted({code.strip().upper() for code in countries if code and code.strip()})
    fields = sorted({f for f in fields if f})
    if action == c.Action.RESTRICT_COUNTRY:
        bad = [code for code in countries if not is_country_code(code)]
        if not countries or bad:
            raise DomainError(_("Name the countries where the item is restricted (two-letter codes such as DE, TR)%(bad)s.")
                              % {"bad": (": " + _("unknown") + " " + and_list(bad, isolated=True)) if bad else ""},
                              field="countries")
    else:
        countries = []
    if action == c.Action.DISCLOSE:
        unknown = [f for f in fields if f not in DATA_FIELDS]
        if not fields or unknown:
            raise DomainError(_("Choose the data fields to disclose from the list; nothing else may be disclosed."),
                              field="fields")
    else:
        fields = []
    if not (ground or "").strip():
        raise DomainError(_("Name the legal or policy ground for the decision."), field="ground")
    if not (reason or "").strip():
        raise DomainError(_("Write the reason for the decision; it is what the people affected will read."),
                          field="reason")
    case_services.update_item(item, {"action": action, "ground": ground.strip(), "reason": reason.strip(),
                                     "action_countries": countries, "disclosed_fields": fields}, user)
    return item


def refuse_all_items(case: Case, user, *, ground: str, reason: str) -> None:
    """Decide every undecided item as "no action" with one ground and reason (the refusal shortcut)."""
    with transaction.atomic():
        for item in case.items.filter(action=""):
            decide_item(item, user, action=c.Action.NO_ACTION, ground=ground, reason=reason)


def snapshot(case: Case) -> list[dict]:
    """The items' decisions as proposed: approval checks that nothing changed since."""
    return [{"id": i.pk, **{f: getattr(i, f) for f in DECISION_FIELDS}} for i in case.items.order_by("id")]


def _outcome(case: Case, chosen: str = "") -> str:
    if case.items.exists():
        return case_services.outcome_from_items(case)
    if chosen not in (c.Outcome.GRANTED, c.Outcome.PARTIALLY_GRANTED, c.Outcome.REJECTED, c.Outcome.INVALID):
        raise DomainError(_("This case has no items; choose its outcome."), field="outcome")
    return chosen


def _data_counts(case: Case) -> dict:
    if case.kind not in c.DATA_KINDS:
        return {}
    return {"accounts_actually_affected": case.items.filter(action=c.Action.DISCLOSE).count()}


@transaction.atomic
def conclude(case: Case, user, summary: str, outcome: str = "") -> str:
    """Finish the review: decide directly, or submit for approval when four-eyes applies.

    Returns the transition taken ("decide" or "submit_for_approval").
    """
    require(user, REVIEW_PERMS, doing=_("decide a case"))
    locked = _ensure_working(case, user)
    if not summary.strip():
        raise DomainError(_("Write the reasons for the decision as a whole."), field="summary")
    # The checklist and the items are the workflow guards' to check (review.guards), for every caller.
    if needs_approval(locked):
        if locked.state == c.State.TRIAGE:
            workflow.transition(locked, "start_review", user,
                                reason=gettext_noop("Review started to submit the decision."),
                                after=[deadlines.restart_clock])
        DecisionProposal.objects.create(case=locked, proposed_by=user, summary=summary.strip(), items=snapshot(locked),
                                        status=DecisionProposal.Status.PENDING)
        # The history is not encrypted: it says what happened; the reasons themselves stay in the encrypted fields.
        workflow.transition(locked, "submit_for_approval", user,
                            reason=gettext_noop("Decision submitted for approval."), after=[deadlines.restart_clock])
        name = "submit_for_approval"
    else:
        case_services.update_case(locked, {"outcome": _outcome(locked, outcome), "decision_summary": summary.strip(),
                                           **_data_counts(locked)}, user)
        workflow.transition(locked, "decide", user, reason=gettext_noop("Decided; the reasons are in the decision."),
                            after=[deadlines.restart_clock, appeal_services.decision_follow_up(user)])
        name = "decide"
    case.refresh_from_db()
    return name


def pending_proposal(case: Case) -> DecisionProposal | None:
    return case.decision_proposals.filter(status=DecisionProposal.Status.PENDING).order_by("-proposed_at", "-id").first()


@transaction.atomic
def approve(case: Case, user, note: str = "") -> Case:
    """The second person approves the pending proposal; the case is decided as proposed."""
    require(user, policy.APPROVER_PERMISSIONS, doing=_("approve a decision"))
    locked = _lock(case)
    proposal = pending_proposal(locked)
    if proposal is not None and crisis_rules.approvers_required(locked) > 1:
        # A declared crisis asks for more than one approver (crisis.rules): every other rule of the guard is
        # checked now; if only the crisis count is missing, this approval is recorded and the case waits.
        try:
            workflow.check(locked, "approve", user)
        except NotPermitted as refused:
            if refused.code != "crisis_second_approver":
                raise
            crisis_rules.record_approval(locked, user, proposal)
            case.refresh_from_db()
            return case
        crisis_rules.record_approval(locked, user, proposal)
    # Four-eyes, a pending proposal and an unchanged decision are the "approve" guard's to check (review.guards);
    # it refuses inside this atomic block, so what is written here first is undone.
    case_services.update_case(locked, {"outcome": _outcome(locked, c.Outcome.GRANTED),
                                       "decision_summary": proposal.summary if proposal else "",
                                       **_data_counts(locked)}, user)
    reason = gettext_noop("Approved with a note.") if note.strip() else gettext_noop("Approved.")
    workflow.transition(locked, "approve", user, reason=reason,
                        after=[deadlines.restart_clock, appeal_services.decision_follow_up(user)])
    DecisionProposal.objects.filter(pk=proposal.pk).update(
        status=DecisionProposal.Status.APPROVED, reviewed_by=user, reviewed_at=timezone.now(), review_note=note.strip())
    case.refresh_from_db()
    return case


@transaction.atomic
def return_for_changes(case: Case, user, note: str) -> Case:
    require(user, policy.APPROVER_PERMISSIONS, doing=_("return a decision"))
    if not note.strip():
        raise DomainError(_("Say what should change before the decision can be approved."), field="note")
    locked = _lock(case)
    workflow.transition(locked, "return_for_changes", user,
                        reason=gettext_noop("Returned for changes; see the approver's note."),
                        after=[deadlines.restart_clock])
    DecisionProposal.objects.filter(case=locked, status=DecisionProposal.Status.PENDING).update(
        status=DecisionProposal.Status.RETURNED, reviewed_by=user, reviewed_at=timezone.now(), review_note=note.strip())
    case.refresh_from_db()
    return case


# --- Plain steps -------------------------------------------------------------------------------------------------

def take_step(case: Case, name: str, user, reason: str = "") -> Case:
    """A plain workflow step from the case page (triage, start review, close, withdraw, reopen...) with its follow-ups.

    Reopening is the notices app's (it cancels unsent notices and flags the public notice); every other step
    restarts the deadline clock for the new state.
    """
    if name == "reopen":
        return appeal_services.reopen(case, user, reason)
    return workflow.transition(case, name, user, reason=reason, after=[deadlines.restart_clock])


# --- Notes and messages -----------------------------------------------------------------------------------------

def add_note(case: Case, user, body: str) -> Note:
    """A note between staff. Its text stays out of the history (it may name people); the history says a note was added."""
    if not has_any(user, ("review.add_note",) + WORK_PERMS):
        raise NotPermitted(_("To add a note you need the permission review.add_note."))
    if not body.strip():
        raise DomainError(_("The note is empty."), field="body")
    with transaction.atomic():
        note = Note.objects.create(case=case, author=user, body=body.strip())
        case_services.record(case, CaseHistory.Event.NOTE, user, changes={"note": note.pk})
    return note


ASKING = frozenset({MessageToRequester.Purpose.CLARIFY, MessageToRequester.Purpose.NARROW,
                    MessageToRequester.Purpose.COMPLETE})


def send_message(case: Case, user, purpose: str, body: str) -> MessageToRequester:
    """Write to the requester; a question puts the case in "awaiting information" (and pauses its deadline)."""
    require(user, WORK_PERMS, doing=_("write to the requester"))
    if purpose not in MessageToRequester.Purpose.values:
        raise DomainError(_("Choose what the message is for."), field="purpose")
    if not body.strip():
        raise DomainError(_("The message is empty."), field="body")
    with transaction.atomic():
        locked = _lock(case)
        message = MessageToRequester.objects.create(case=locked, author=user, purpose=purpose, body=body.strip())
        case_times.responded(locked, message.created_at)  # the first one counts, for the report's SLA figures
        case_services.record(locked, CaseHistory.Event.MESSAGE, user, changes={"message": message.pk, "purpose": purpose})
        if purpose in ASKING and locked.state in (c.State.TRIAGE, c.State.UNDER_REVIEW):
            workflow.transition(locked, "request_information", user,
                                reason=history_reasons.in_english(MessageToRequester.Purpose(purpose).label),
                                after=[deadlines.restart_clock])
        transaction.on_commit(lambda: _enqueue_message(message.pk), robust=True)
    case.refresh_from_db()
    return message


def _enqueue_message(message_id: int) -> None:
    from .tasks import email_requester

    email_requester.enqueue(message_id)


# --- People concerned -------------------------------------------------------------------------------------------

def add_affected_user(case: Case, user, *, account_name: str, name: str = "", email: str = "", language: str = ""):
    """Add the person an action would affect (e.g. the editor who posted a revision), so the decision tells them.

    Their account, name and address are personal data: only staff who may see private data enter them.
    """
    require(user, WORK_PERMS, doing=_("add an affected user"))
    if not user.has_perm(policy.ACCESS_PRIVATE_DATA):
        raise NotPermitted(_("Adding a person means entering private data: you need the permission to see private "
                             "data."))
    if not case.is_open:
        raise DomainError(_("The case is closed: reopen it before adding people to it."))
    account_name, name, email = (account_name or "").strip(), (name or "").strip(), (email or "").strip()
    if not account_name:
        raise DomainError(_("Give the person's account name on the platform (for example the editor who posted "
                            "the revision)."), field="account_name")
    if email:
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(fill_examples(_("Write the e-mail address as %(email)s, or leave it empty.")),
                              field="email") from None
    data = {"role": c.PartyRole.AFFECTED_USER, "account_name": account_name, "name": name, "email": email}
    if language:
        data["language"] = language.strip()[:16]
    return case_services.add_party(case, data, user)


# --- Emergencies ------------------------------------------------------------------------------------------------

@transaction.atomic
def record_emergency(case: Case, user, *, threat_type: str, origin: str, voluntary_disclosure: bool = False,
                     disclosed_to: str = "", note: str = "") -> EmergencyRecord:
    """Record the threat type, whether the platform disclosed on its own initiative, and to whom."""
    require(user, REVIEW_PERMS, doing=_("record an emergency"))
    if threat_type not in c.ThreatType.values:
        raise DomainError(_("Choose the type of threat."), field="threat_type")
    if origin not in c.EmergencyOrigin.values:
        raise DomainError(_("Say whether an authority asked, or the disclosure was voluntary."), field="origin")
    disclosed_to = (disclosed_to or "").strip()
    if voluntary_disclosure and not disclosed_to:
        raise DomainError(_("Name the authority that received the voluntary disclosure."), field="disclosed_to")
    # The record's column is as long as its field says: PostgreSQL refused a longer name with a server error (the
    # form and what was typed lost), SQLite stored it whole.
    refuse_if_too_long(disclosed_to, EmergencyRecord._meta.get_field("disclosed_to").max_length, "disclosed_to")
    locked = _lock(case)
    case_services.update_case(locked, {"threat_type": threat_type, "emergency_origin": origin}, user)
    record, _created = EmergencyRecord.objects.get_or_create(case=locked)
    if voluntary_disclosure and not record.voluntary_disclosure:
        record.disclosed_at = timezone.now()
    record.voluntary_disclosure = voluntary_disclosure
    record.disclosed_to = disclosed_to
    record.disclosure_note = note.strip()
    record.recorded_by = user
    record.save()
    case_services.record(locked, CaseHistory.Event.EDIT, user, changes={
        "voluntary_disclosure": voluntary_disclosure, "disclosed_to": disclosed_to})
    case.refresh_from_db()
    return record


def emergency_queue_filter():
    """The emergency rule as a query (it lives in cases.policy)."""
    return policy.emergency_filter()


__all__ = ["claim", "release", "reassign", "save_checklist", "decide_item", "conclude", "approve",
           "return_for_changes", "add_note", "send_message", "record_emergency", "is_emergency", "take_step"]
