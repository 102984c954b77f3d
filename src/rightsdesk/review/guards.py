"""Workflow guards: the due-diligence and four-eyes rules, for every caller.

Registered in :class:`ReviewConfig.ready`, they run inside
``workflow.transition`` whoever calls it (the staff pages, the API, the
admin, a command), and read only the stored models, never the request.
"""

from __future__ import annotations


from django.utils.translation import gettext as _

from rightsdesk.accounts.access import refuse_own_work
from rightsdesk.cases import choices as c
from rightsdesk.cases import workflow
from rightsdesk.cases.models import CaseHistory
from rightsdesk.core.errors import Conflict, DomainError
from rightsdesk.core.lists import and_list
from rightsdesk.crisis import rules as crisis_rules

from . import services


#: The code of a decision refused for an unfinished checklist or an undecided item: both are mended on the case page.
DECISION_INCOMPLETE = "decision_incomplete"


def _require_complete_decision(case, actor, context) -> None:
    problems = services.decision_problems(case)
    if problems:
        raise DomainError(" ".join(problems), code=DECISION_INCOMPLETE)


def decide_guard(case, actor, context) -> None:
    """A direct decision needs the checklist and every item decided, and may not disclose or restrict content."""
    _require_complete_decision(case, actor, context)
    if services.needs_approval(case):
        actions = sorted({str(c.Action(a).label) for a in case.items.filter(action__in=list(c.FOUR_EYES_ACTIONS))
                          .values_list("action", flat=True)})
        raise DomainError(
            _("This decision (%(actions)s) needs a second person's approval: submit it for approval instead.")
            % {"actions": and_list(actions)}, code="needs_approval")


def submit_guard(case, actor, context) -> None:
    _require_complete_decision(case, actor, context)


def _reviewers(case) -> set[int]:
    """Everyone who shaped the decision: whoever submitted it, and whoever set an item's decision since the last reopening."""
    ids = set()
    proposal = services.pending_proposal(case)
    if proposal and proposal.proposed_by_id:
        ids.add(proposal.proposed_by_id)
    history = CaseHistory.objects.filter(case=case).order_by("at", "id")
    last_reopen = history.filter(event=CaseHistory.Event.TRANSITION, changes__transition="reopen").last()
    if last_reopen:
        history = history.filter(id__gt=last_reopen.id)
    for entry in history.filter(event__in=[CaseHistory.Event.TRANSITION, CaseHistory.Event.ITEM]).exclude(actor=None):
        changes = entry.changes or {}
        if entry.event == CaseHistory.Event.TRANSITION and changes.get("transition") == "submit_for_approval":
            ids.add(entry.actor_id)
        if entry.event == CaseHistory.Event.ITEM and "action" in changes:
            ids.add(entry.actor_id)
    return ids


def shaped_decision(case, actor) -> bool:
    """Did this person propose or shape the decision awaiting approval? Then the four-eyes rule bars them from
    approving it."""
    return getattr(actor, "pk", None) in _reviewers(case)


def approve_guard(case, actor, context) -> None:
    """Four-eyes: the approver is not the proposer, and approves exactly what was proposed."""
    proposal = services.pending_proposal(case)
    if proposal is None:
        raise DomainError(_("There is no decision awaiting approval on this case."), code="no_proposal")
    refuse_own_work(actor, _reviewers(case),
                    _("Four-eyes rule: you proposed or shaped this decision, so someone else must approve it."))
    if services.snapshot(case) != proposal.items:
        raise Conflict(_("The items changed after the decision was submitted; it must be submitted again."),
                       code="proposal_stale")
    _require_complete_decision(case, actor, context)
    # Last, so that review.services.approve can tell "only the crisis's second approver is missing" apart:
    # during a declared crisis a user-data request from an affected country needs two distinct approvers.
    crisis_rules.check_approvals(case, actor, proposal)


GUARDS = {"decide": decide_guard, "submit_for_approval": submit_guard, "approve": approve_guard}


def register() -> None:
    for name, guard in GUARDS.items():
        workflow.register_guard(name, guard)
