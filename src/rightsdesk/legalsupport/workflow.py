"""The one state machine of a legal-support request.

received ──start──▶ assessing ──support──▶ supported ──close──▶ closed
                        │                                 ▲
                        └────decline──▶ declined ──close──┘
A request still received or being assessed may also be closed (the contributor withdrew, or it was sent in error).

:func:`transition` checks the source state and the permission, moves the state, stamps its date and writes the
request's event log; the services call it inside their transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from rightsdesk.accounts.access import require
from rightsdesk.core.errors import DomainError
from rightsdesk.core.meanwhile import taken_meanwhile

from .models import LegalSupportEvent, LegalSupportRequest, State

#: Every legal-support permission; the role "legal support" holds them all and nobody else holds any.
VIEW = "legalsupport.view_legalsupportrequest"
CHANGE = "legalsupport.change_legalsupportrequest"
DECIDE = "legalsupport.decide_legalsupportrequest"


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset
    target: str
    permission: str
    label: object
    stamp: str = ""


TRANSITIONS = {t.name: t for t in [
    Transition("start", frozenset({State.RECEIVED}), State.ASSESSING, CHANGE, gettext_lazy("Start the assessment")),
    Transition("support", frozenset({State.ASSESSING}), State.SUPPORTED, DECIDE, gettext_lazy("Grant support"),
               stamp="decided_at"),
    Transition("decline", frozenset({State.ASSESSING}), State.DECLINED, DECIDE, gettext_lazy("Decline support"),
               stamp="decided_at"),
    Transition("close", frozenset({State.RECEIVED, State.ASSESSING, State.SUPPORTED, State.DECLINED}), State.CLOSED,
               CHANGE, pgettext_lazy("close a case", "Close"), stamp="closed_at"),
]}


#: How each event of a request's history reads on its page (the transitions read as their labels).
EVENT_LABELS = {
    "received": gettext_lazy("Request received"), "eligibility": gettext_lazy("Eligibility checklist saved"),
    "referral": gettext_lazy("Referral saved"), "budget": gettext_lazy("Budget saved"),
    "message": gettext_lazy("Message to the contributor saved"),
    "tracking_link_renewed": gettext_lazy("New tracking link, asked for through the request's e-mail address"),
}


def event_label(event: LegalSupportEvent) -> str:
    step = TRANSITIONS.get(event.action)
    return str(step.label if step else EVENT_LABELS.get(event.action, event.action))


def available(request: LegalSupportRequest) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if request.state in t.sources]


def log(request: LegalSupportRequest, actor, action: str, *, fields=(), from_state: str = "", to_state: str = ""):
    user = actor if actor is not None and not isinstance(actor, str) and actor.is_authenticated else None
    label = "" if user else (actor if isinstance(actor, str) else "anonymous")
    return LegalSupportEvent.objects.create(request=request, actor=user, actor_label=label[:100], action=action,
                                            fields=sorted(set(fields)), from_state=from_state, to_state=to_state)


def moved_on(request: LegalSupportRequest) -> DomainError | None:
    """Who brought ``request`` to the state it is in, and when, as the refusal of a step that state makes impossible
    (core.meanwhile: a colleague decided or closed it after the page was opened); None when its history does not say.
    """
    event = (request.events.filter(to_state=request.state).exclude(from_state="").select_related("actor")
             .order_by("-at", "-id").first())
    if event is None:
        return None
    who = event.actor.get_username() if event.actor_id else event.actor_label
    return taken_meanwhile(who, request.get_state_display(), event.at)


def refuse_if_moved_on(request: LegalSupportRequest, name: str) -> None:
    """Refuse the step ``name`` when ``request``'s state does not allow it: who moved it on, when (:func:`moved_on`);
    the states' own words only when its history does not say."""
    step = TRANSITIONS[name]
    if request.state not in step.sources:
        raise moved_on(request) or DomainError(_("This request is “%(state)s”: “%(step)s” is not possible now.")
                                               % {"state": request.get_state_display(), "step": step.label},
                                               code="wrong_state")


def transition(request: LegalSupportRequest, name: str, actor, *, fields=()) -> LegalSupportRequest:
    """Move a (locked) request along ``name``; callers hold the transaction and save the other fields."""
    step = TRANSITIONS.get(name)
    if step is None:
        raise DomainError(_("There is no step called “%(name)s”.") % {"name": name}, code="unknown_step")
    require(actor, step.permission, doing=str(step.label).lower())
    refuse_if_moved_on(request, name)
    before = request.state
    request.state = step.target
    if step.stamp:
        setattr(request, step.stamp, timezone.now())
    log(request, actor, name, fields=fields, from_state=before, to_state=step.target)
    return request
