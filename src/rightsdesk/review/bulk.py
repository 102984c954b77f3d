"""Work on several cases at once from a queue, and close a case as a duplicate of another.

A bulk action is the same service call made once per case, each in its own
transaction: the permissions, the claim rules, the due-diligence and four-eyes
guards of the workflow apply to every case as they do on the case page. One
case refused does not stop the others; the result says, case by case, what
happened and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightsdesk.accounts.access import require
from rightsdesk.cases import choices as c
from rightsdesk.cases import services as case_services
from rightsdesk.cases import workflow
from rightsdesk.cases.models import Case
from rightsdesk.core.errors import DomainError

from . import deadlines, history_reasons, services
from .models import MessageToRequester

#: The actions a queue offers on the selected cases.
ACTIONS = {
    # Translators: a button (verb): take the selected cases to work on them yourself. Not a legal claim or demand.
    "claim": gettext_lazy("Claim"),
    "assign": gettext_lazy("Assign to someone"),
    "refuse": gettext_lazy("Refuse, with a reason"),
    "duplicate": gettext_lazy("Close as a duplicate"),
}
#: At most this many cases in one bulk action (a queue page shows 25).
MAX_CASES = 100


@dataclass
class BulkResult:
    done: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (reference, why)

    def summary(self, action: str) -> str:
        """'3 claimed, 1 refused' in words for the person who asked."""
        verb = {
            "claim": _("%(n)d claimed"), "assign": _("%(n)d assigned"), "refuse": _("%(n)d refused"),
            "duplicate": _("%(n)d closed as duplicate"),
        }[action] % {"n": len(self.done)}
        if not self.refused:
            return verb + "."
        return _("%(done)s; %(n)d not changed.") % {"done": verb, "n": len(self.refused)}


# --- Duplicates ---------------------------------------------------------------------------------------------------

def _requester_notice(case: Case, original: Case) -> str:
    """The message that tells the requester, in the language of their request."""
    with translation.override(case.language or None):
        return _("We found that your request %(ref)s asks for the same as a request we are already handling "
                 "(%(original)s). We have closed %(ref)s and continue under %(original)s; you do not need to do "
                 "anything. Nothing you sent is lost: it stays with %(ref)s.") % {
            "ref": case.reference, "original": original.reference}


def close_as_duplicate(case: Case, original: Case, user, note: str = "") -> Case:
    """Close ``case`` as a duplicate of ``original``: linked, its history kept, its requester told.

    The link points at the case that stays open to the end: when ``original`` is itself a duplicate, at the
    one it was merged into. All or nothing: the message, the link and the closing happen together.
    """
    require(user, services.WORK_PERMS, doing=_("close a case as a duplicate"))
    while original.duplicate_of_id:
        original = original.duplicate_of
    if original.pk == case.pk:
        raise DomainError(_("A case cannot be a duplicate of itself: give the reference of the other case."),
                          field="original")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if not locked.is_open:
            raise DomainError(_("%(ref)s is already closed or decided; only an open case can be closed as a "
                                "duplicate.") % {"ref": locked.reference}, field="original")
        workflow.check(locked, "close_as_duplicate", user)
        case_services.update_case(
            locked, {"duplicate_of_id": original.pk}, user,
            reason=note.strip() or history_reasons.DUPLICATE_OF % {"ref": original.reference})
        services.send_message(locked, user, MessageToRequester.Purpose.UPDATE, _requester_notice(locked, original))
        workflow.transition(locked, "close_as_duplicate", user,
                            reason=history_reasons.CLOSED_AS_DUPLICATE % {"ref": original.reference},
                            after=[deadlines.restart_clock])
    case.refresh_from_db()
    return case


# --- Bulk actions -------------------------------------------------------------------------------------------------

def _one(action: str, case: Case, user, *, assignee, reason: str, ground: str, original: Case | None) -> None:
    if action == "claim":
        if case.assigned_to_id and case.assigned_to_id != user.pk:
            raise DomainError(_("claimed by %(who)s; open the case to take it over with a reason.")
                              % {"who": case.assigned_to.get_username()})
        services.claim(case, user)
    elif action == "assign":
        services.reassign(case, assignee, user, reason)
    elif action == "refuse":
        with transaction.atomic():
            services.refuse_all_items(case, user, ground=ground, reason=reason)
            services.conclude(case, user, reason, c.Outcome.REJECTED)
    elif action == "duplicate":
        close_as_duplicate(case, original, user, reason)


def run(action: str, references: list[str], user, *, assignee_id: str = "", reason: str = "", ground: str = "",
        original_reference: str = "") -> BulkResult:
    """Apply ``action`` to each case named in ``references`` and say what happened to each.

    What the whole action lacks (no case chosen, no reason for a refusal...) is refused at once with a
    DomainError naming the field to fix; what one case refuses is reported for that case.
    """
    if action not in ACTIONS:
        raise DomainError(_("Choose what to do with the selected cases."), field="action")
    references = list(dict.fromkeys(r.strip() for r in references if r.strip()))
    if not references:
        raise DomainError(_("Select at least one case (tick the boxes in the first column)."), field="cases")
    if len(references) > MAX_CASES:
        raise DomainError(_("Select at most %(n)d cases at once.") % {"n": MAX_CASES}, field="cases")
    reason, ground = reason.strip(), ground.strip()
    assignee = original = None
    if action == "assign":
        if assignee_id:
            assignee = get_user_model().objects.filter(pk=assignee_id).first() if assignee_id.isdigit() else None
            if assignee is None:
                raise DomainError(_("Choose someone from the list."), field="assignee")
        if not reason:
            raise DomainError(_("Say why the cases are reassigned."), field="reason")
    if action == "refuse":
        if not reason:
            raise DomainError(_("Write the reasons for the refusal: the requester reads them."), field="reason")
        if not ground:
            raise DomainError(_("Give the legal or policy ground of the refusal."), field="ground")
    if action == "duplicate":
        original = Case.objects.filter(reference=case_services.reference_as_stored(original_reference)).first() \
            if original_reference.strip() else None
        if original is None:
            raise DomainError(_("Give the reference of the case they duplicate, e.g. %(example)s.")
                              % {"example": references[0]}, field="original")
    found = {case.reference: case for case in Case.objects.select_related("assigned_to").filter(reference__in=references)}
    result = BulkResult()
    for reference in references:
        case = found.get(reference)
        if case is None:
            result.refused.append((reference, _("there is no case with this reference.")))
            continue
        try:
            _one(action, case, user, assignee=assignee, reason=reason, ground=ground, original=original)
        except DomainError as exc:
            result.refused.append((reference, exc.message))
        else:
            result.done.append(reference)
    return result
