"""An appeal is handled by someone who took no part in the decision appealed (DSA Art. 20(6)).

The public appeal page promises the appellant "a person who took no part in
the first decision". The rule lives here, once, and holds for every path:

- :func:`independent_reviewer_guard` is a workflow guard (registered in
  ``apps.AppealsConfig.ready`` on :data:`INDEPENDENT_TRANSITIONS`): it refuses
  the appeal's review steps to anyone involved, whoever calls the workflow.
- :func:`refuse_involved_assignee` is called by every service that gives a
  case to someone (the review's claim, take-over, reassignment, and the
  claim implied by working on a case): an involved person is never made the
  appeal's handler.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from rightsdesk.cases import choices as c
from rightsdesk.cases import workflow
from rightsdesk.cases.models import Case
from rightsdesk.core.errors import DomainError, NotPermitted

from .selectors import is_involved

#: Transitions of an appeal that only an uninvolved reviewer may take.
INDEPENDENT_TRANSITIONS = ("start_review", "decide", "submit_for_approval", "approve")


def _not_independent_message(user, appeal: Case) -> str:
    return (_("%(user)s took part in the decision appealed (%(ref)s); an appeal must be handled by a reviewer who did "
              "not. Assign it to someone else.") % {"user": user.get_username(), "ref": appeal.appeal_of.reference})


def independent_reviewer_guard(case: Case, actor, context: dict) -> None:
    """Refuse an appeal step by anyone who took part in the decision appealed."""
    if case.kind != c.Kind.APPEAL or not case.appeal_of_id:
        return
    if not workflow.is_staff_user(actor):
        raise NotPermitted(_("An appeal is decided by a person on the staff, never automatically."))
    if is_involved(case, actor):
        raise NotPermitted(_not_independent_message(actor, case), code="not_independent")


def refuse_involved_assignee(case: Case, assignee) -> None:
    """Refuse to give an appeal (claim, take over, assign) to someone who took part in the decision appealed.

    A refusal the form shows next to its field (the page stays, what was typed is kept), not a 403: the person
    may work on cases, just not on this one.
    """
    if assignee is not None and is_involved(case, assignee):
        raise DomainError(_not_independent_message(assignee, case), code="not_independent", field="assignee")
