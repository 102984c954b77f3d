"""How staff decide a case, as one plain function the fixtures of every app share.

Through the review's services, as staff do it: start the review, answer the due-diligence checklist,
decide each item, conclude, and, when the decision needs four eyes, a second legal approver approves.
No test goes around these rules (there is no switch that lifts the review's guards): a test that needs
a decided case gets one the way staff make one.
"""

from __future__ import annotations

from typing import Callable

from rightsdesk.cases import choices as c
from rightsdesk.cases import services
from rightsdesk.review import services as review
from rightsdesk.review.vocab import DATA_FIELDS
from tests.review.conftest import full_checklist

DEFAULT_SUMMARY = "The article repeats a court-confirmed falsehood."


def decide_as_staff(case, reviewer, approver, *, actions=None, ground="Defamation law §186", reason=None,
                    summary=DEFAULT_SUMMARY, **case_fields):
    """Decide ``case`` as ``reviewer``; ``approver`` (a user, or a callable returning one) approves if needed.

    ``actions`` maps an item's index (by id order) to ``(action, countries)``; by default the first item is
    removed and the others left. Returns the case, refreshed.
    """
    if case.state == c.State.RECEIVED:
        review.take_step(case, "start_review", reviewer)
    review.save_checklist(case, reviewer, full_checklist(case))
    actions = actions if actions is not None else {0: (c.Action.REMOVE, [])}
    for index, item in enumerate(case.items.order_by("id")):
        action, countries = actions.get(index, (c.Action.NO_ACTION, []))
        review.decide_item(item, reviewer, action=action, ground=ground, reason=reason or f"Item {index} reasoning.",
                           countries=countries, fields=list(DATA_FIELDS)[:1] if action == c.Action.DISCLOSE else ())
    if case_fields:
        services.update_case(case, case_fields, reviewer)
    if review.conclude(case, reviewer, summary) == "submit_for_approval":
        review.approve(case, approver() if isinstance(approver, Callable) else approver)
    case.refresh_from_db()
    return case
