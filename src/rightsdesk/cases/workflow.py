"""The one state machine of a case's life.

    received ──triage──▶ triage ──start_review──▶ under_review ──submit_for_approval──▶ awaiting_approval
        │                  │  ▲                      │   ▲  │                                 │      │
        │                  │  └─information_received─┤   │  │                      return_for_changes approve
        │                  └──request_information──▶ awaiting_information          ▼      ▼
        └──────────start_review (emergencies skip triage)──────▶     decide ──────▶ decided ──mark_notified──▶ notified
                                                                                    │                          │
                                                                                   close ─────▶ closed ◀───── close
    reopen (an appeal, or a correction): decided / notified / closed ──▶ under_review
    withdraw: any open state ──▶ closed, with the outcome "withdrawn"
    close_as_duplicate: any open state ──▶ closed, with no outcome of its own (Case.duplicate_of says where it went)

Every caller (staff views, the API, the admin, commands, background tasks)
changes a case's state through :func:`transition` and nothing else; the model
refuses to save a state that did not come from here. A transition is refused,
with a message saying why and nothing changed, when the case is not in one of
its source states, when the actor lacks its permission, or when a guard that
another app registered (the review app's due-diligence checklist and
four-eyes rules, for example) says no.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Union

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from rightsdesk.accounts import access
from rightsdesk.core.errors import NotPermitted

from .choices import Outcome, State
from .errors import TransitionError
from .models import Case, CaseHistory
from .policy import DECIDED_STATES, OPEN_STATES, REVIEWER_PERMISSIONS, WORKER_PERMISSIONS

__all__ = ["TransitionError", "OPEN_STATES", "transition", "check", "available_transitions", "may_take"]


#: A staff user, or a label for someone without an account: "requester",
#: "system", "api:<organisation>".
Actor = Union[AbstractBaseUser, str]


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    #: The actor needs at least one of these permissions. Empty means staff need none.
    permissions: tuple[str, ...] = ()
    #: Whether someone without a staff account (the requester, the system) may take it.
    allow_non_staff: bool = False
    description: str = ""
    #: Fields set to "now" when the transition happens, unless already set.
    stamps: tuple[str, ...] = field(default=())


#: Kept under its old name for callers of the workflow; the rule lives in cases.policy.
REVIEWERS = REVIEWER_PERMISSIONS

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("triage", frozenset({State.RECEIVED}), State.TRIAGE, WORKER_PERMISSIONS,
                   description="Accept the case into triage and acknowledge it.", stamps=("acknowledged_at",)),
        Transition("start_review", frozenset({State.RECEIVED, State.TRIAGE}), State.UNDER_REVIEW, REVIEWERS,
                   description="Begin the substantive review.", stamps=("acknowledged_at",)),
        Transition("request_information", frozenset({State.TRIAGE, State.UNDER_REVIEW}), State.AWAITING_INFORMATION,
                   WORKER_PERMISSIONS,
                   description="Ask the requester to clarify, complete or narrow the request."),
        Transition("information_received", frozenset({State.AWAITING_INFORMATION}), State.UNDER_REVIEW,
                   WORKER_PERMISSIONS, allow_non_staff=True,
                   description="The requester answered; the review resumes."),
        Transition("submit_for_approval", frozenset({State.UNDER_REVIEW}), State.AWAITING_APPROVAL, REVIEWERS,
                   description="Send a decision that discloses data or restricts content to a legal approver."),
        Transition("return_for_changes", frozenset({State.AWAITING_APPROVAL}), State.UNDER_REVIEW,
                   ("cases.approve_decision",), description="The approver sends the decision back with reasons."),
        Transition("approve", frozenset({State.AWAITING_APPROVAL}), State.DECIDED, ("cases.approve_decision",),
                   description="A second person approves the decision (four-eyes).", stamps=("decided_at",)),
        Transition("decide", frozenset({State.TRIAGE, State.UNDER_REVIEW}), State.DECIDED, REVIEWERS,
                   description="Record a decision that needs no approval (refusals, no action).",
                   stamps=("decided_at",)),
        Transition("mark_notified", frozenset({State.DECIDED}), State.NOTIFIED, REVIEWERS, allow_non_staff=True,
                   description="The notices owed for the decision were sent or lawfully held.",
                   stamps=("notified_at",)),
        Transition("close", frozenset({State.DECIDED, State.NOTIFIED}), State.CLOSED,
                   ("cases.close_case",) + REVIEWERS, allow_non_staff=True,
                   description="Nothing more is owed on the case.", stamps=("closed_at",)),
        Transition("withdraw", OPEN_STATES, State.CLOSED, WORKER_PERMISSIONS, allow_non_staff=True,
                   description="The requester withdrew the request.", stamps=("closed_at",)),
        Transition("close_as_duplicate", OPEN_STATES, State.CLOSED, WORKER_PERMISSIONS,
                   description="The same request is handled under another reference; this one closes with a link.",
                   stamps=("closed_at",)),
        Transition("reopen", DECIDED_STATES, State.UNDER_REVIEW,
                   ("cases.close_case", "cases.review_case"), allow_non_staff=True,
                   description="An appeal or a correction reopens the decision."),
    ]
}

#: Every state a case can be in, and the transitions that leave it.
STATE_EXITS: dict[str, list[str]] = defaultdict(list)
for _t in TRANSITIONS.values():
    for _s in _t.sources:
        STATE_EXITS[_s].append(_t.name)

Guard = Callable[[Case, "Actor | None", dict], None]
_guards: dict[str, list[Guard]] = defaultdict(list)

#: Work that follows a transition, named by the caller: ``after(case)`` runs inside the transition's database
#: transaction once the new state is saved and recorded, so a follow-up that fails undoes the whole transition.
FollowUp = Callable[[Case], None]


def register_guard(transition_name: str, guard: Guard) -> Guard:
    """Add a rule that must pass before ``transition_name`` happens.

    A guard raises :class:`DomainError` (or a subclass) to refuse. Apps
    register guards in ``AppConfig.ready`` so the rule holds for every caller.
    """
    if transition_name not in TRANSITIONS:
        raise KeyError(f"No transition named {transition_name!r}")
    if guard not in _guards[transition_name]:
        _guards[transition_name].append(guard)
    return guard


def unregister_guard(transition_name: str, guard: Guard) -> bool:
    """Remove a guard (tests of the bare state machine lift other apps' rules with it); returns whether it was there."""
    guards = _guards.get(transition_name, [])
    if guard in guards:
        guards.remove(guard)
        return True
    return False


def actor_label(actor: Actor | None) -> tuple[AbstractBaseUser | None, str]:
    if actor is None:
        return None, "system"
    if isinstance(actor, str):
        return None, actor
    return actor, ""


def is_staff_user(actor: Actor | None) -> bool:
    return actor is not None and not isinstance(actor, str) and actor.is_authenticated


def may_take(transition: Transition, actor: Actor | None) -> bool:
    """Actors without an account may take the transitions open to them; staff need one of its permissions."""
    if not is_staff_user(actor):
        return transition.allow_non_staff
    return access.has_any(actor, transition.permissions)


def available_transitions(case: Case, actor: Actor | None) -> list[Transition]:
    """Transitions leaving the case's state that this actor has the permission for (guards not run)."""
    return [TRANSITIONS[n] for n in STATE_EXITS.get(case.state, []) if may_take(TRANSITIONS[n], actor)]


def check(case: Case, name: str, actor: Actor | None, context: dict | None = None) -> Transition:
    """Raise the error that :func:`transition` would raise, without changing anything."""
    try:
        t = TRANSITIONS[name]
    except KeyError:
        raise TransitionError(
            f"There is no transition called {name!r}. Known transitions: {', '.join(sorted(TRANSITIONS))}."
        ) from None
    if case.state not in t.sources:
        allowed = ", ".join(sorted(STATE_EXITS.get(case.state, []))) or "none"
        raise TransitionError(
            f"Case {case.reference} is {State(case.state).label.lower()}; '{name}' is only possible from "
            f"{', '.join(sorted(t.sources))}. From here the possible steps are: {allowed}."
        )
    if not is_staff_user(actor):
        if not t.allow_non_staff:
            raise NotPermitted(f"'{name}' can only be done by signed-in staff.")
    else:
        reason = access.missing(actor, t.permissions)
        if reason:
            raise NotPermitted(f"'{name}': {reason}")
    for guard in _guards.get(name, []):
        guard(case, actor, context or {})
    return t


def transition(case: Case, name: str, actor: Actor | None, reason: str = "", *,
               after: Iterable[FollowUp] = (), **context) -> Case:
    """Move ``case`` along the transition ``name`` and record it; all or nothing.

    The row is locked and re-read first, so two people acting at once cannot
    both move the same case from the same state. Returns the updated case
    (the same object, refreshed).

    The state machine knows nothing of the apps above it: the service that
    calls it names the work that follows in ``after`` (drafting the notices a
    decision owes, restarting the deadline clock, flagging a reopened public
    notice), each called with the locked case inside this transaction.
    Work that must not hold the transaction (e-mails, tasks) is queued by
    those functions with ``transaction.on_commit``.
    """
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        t = check(locked, name, actor, context)
        from_state = locked.state
        now = timezone.now()
        locked.state = t.target
        stamped = {}
        for stamp in t.stamps:
            if getattr(locked, stamp) is None:
                setattr(locked, stamp, now)
                stamped[stamp] = now.isoformat()
        if name == "withdraw":
            stamped["outcome"] = Outcome.WITHDRAWN
            locked.outcome = Outcome.WITHDRAWN
        if name == "reopen":
            # A reopened decision is pending again until it is decided anew;
            # the old outcome stays in the history entry below.
            stamped["outcome"] = ""
            stamped["previous_outcome"] = locked.outcome
            locked.outcome = ""
            locked.decided_at = None
            locked.notified_at = None
            locked.closed_at = None
        locked._state_change_authorised = True
        locked.save()
        user, label = actor_label(actor)
        CaseHistory.objects.create(
            case=locked, at=now, actor=user, actor_label=label, event=CaseHistory.Event.TRANSITION,
            from_state=from_state, to_state=t.target, changes={"transition": name, **stamped}, reason=reason,
        )
        for follow_up in after:
            follow_up(locked)
    case.refresh_from_db()
    return case
