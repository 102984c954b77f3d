"""The crisis rules, in one place: which cases a crisis covers, and the stricter defaults while it runs.

Other apps call these by name (no signals):

- ``review.case_followups.cases_created`` (called by ``cases.services`` for every new case) →
  ``crisis.services.tag_new_case`` (a new case is tagged on arrival);
- ``review.queues`` → :func:`in_running_crisis_q` (tagged cases come first after emergencies);
- ``review.guards.approve_guard`` → :func:`check_approvals` and ``review.services.approve`` →
  :func:`record_approval` (two distinct legal approvers for a user-data request from an affected country);
- ``notices.services.send_notice`` → :func:`require_safety_review` (a notice to an affected user waits for a
  recorded review of the recipient's safety);
- ``review.oncall`` → :func:`crisis_contacts` (the crisis coordinators and every on-call person hear of each
  emergency of a crisis).

This module imports no other app than ``cases`` and ``accounts`` (review and notices import it).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import cases_behind, speaks_to_affected_user
from rightsdesk.core.errors import DomainError, NotPermitted

from .models import Crisis, CrisisApproval, CrisisCase, SafetyReview

#: The permission to see crises and their pages (the list, a crisis, the case page's crisis panel and badges).
VIEW = "crisis.view_crisis"

#: Legal approvers a user-data request from an affected country needs while a crisis runs.
CRISIS_APPROVERS = 2


# --- Which cases a crisis covers ------------------------------------------------------------------------------

def case_projects(case) -> set[str]:
    return {p.strip().casefold() for p in case.items.values_list("project", flat=True) if p and p.strip()}


def case_countries(case) -> set[str]:
    return {str(code).upper() for code in (case.country, case.authority_country) if code}


def matches(crisis: Crisis, case) -> bool:
    """A crisis covers a case received within its dates, from one of its countries or about one of its projects."""
    received = timezone.localdate(case.received_at) if case.received_at else timezone.localdate()
    if not crisis.covers_day(received):
        return False
    countries = {code.upper() for code in crisis.countries}
    projects = {p.casefold() for p in crisis.projects}
    return bool(case_countries(case) & countries) or bool(case_projects(case) & projects)


def running_crises_of(case) -> list[Crisis]:
    """The running crises this case is tagged with."""
    return list(Crisis.objects.running().filter(tags__case=case).order_by("starts_on", "id"))


def crises_of(case) -> list[Crisis]:
    """Every crisis this case is tagged with, running or past."""
    return list(Crisis.objects.filter(tags__case=case).order_by("-starts_on", "id"))


def in_running_crisis_q() -> Exists:
    """A queryset expression on cases: tagged with a crisis that runs today."""
    return Exists(CrisisCase.objects.filter(case=OuterRef("pk"), crisis__in=Crisis.objects.running()))


# --- Two legal approvers --------------------------------------------------------------------------------------

def approvers_required(case) -> int:
    """Two for a user-data request from a country of a running crisis it is tagged with; otherwise one."""
    if case.kind not in c.DATA_KINDS:
        return 1
    countries = case_countries(case)
    for crisis in running_crises_of(case):
        if countries & {code.upper() for code in crisis.countries}:
            return CRISIS_APPROVERS
    return 1


def _approver_ids(proposal) -> set[int]:
    return set(CrisisApproval.objects.filter(proposal=proposal).values_list("approver_id", flat=True))


def approvals_so_far(case, proposal) -> int:
    return len(_approver_ids(proposal)) if proposal is not None else 0


def record_approval(case, user, proposal) -> bool:
    """Record ``user``'s approval under the crisis rule; True when the approvers it needs are now all there.

    Called by ``review.services.approve`` before it moves the case; when this returns False the case stays
    awaiting approval for a second, different legal approver. Approving twice is refused.
    """
    needed = approvers_required(case)
    if needed <= 1 or proposal is None:
        return True
    if user.pk in _approver_ids(proposal):
        raise NotPermitted(_("You have already approved this decision. During the crisis a user-data request from "
                             "an affected country needs %(n)s different legal approvers: another approver must "
                             "approve it.") % {"n": needed}, code="crisis_same_approver")
    CrisisApproval.objects.create(case=case, proposal=proposal, approver=user)
    return len(_approver_ids(proposal)) >= needed


def check_approvals(case, actor, proposal) -> None:
    """The approval guard's crisis part: refuse to decide before the approvers the crisis needs have approved."""
    needed = approvers_required(case)
    if needed <= 1 or proposal is None:
        return
    ids = _approver_ids(proposal) | ({actor.pk} if getattr(actor, "pk", None) else set())
    if len(ids) < needed:
        raise NotPermitted(_("During a declared crisis a user-data request from an affected country needs "
                             "%(n)s different legal approvers; %(have)s has approved so far.")
                           % {"n": needed, "have": len(ids)}, code="crisis_second_approver")


# --- Safety of the recipient -----------------------------------------------------------------------------------

def needs_safety_review(notice) -> bool:
    """A notice to an affected user (or the decision on the appeal they filed) on a case of a running crisis (or on
    the appeal of one)."""
    return (speaks_to_affected_user(notice.case, notice.recipient_role)
            and CrisisCase.objects.filter(case_id__in=cases_behind(notice.case),
                                          crisis__in=Crisis.objects.running()).exists())


def safety_reviewed(notice, version: str) -> bool:
    return SafetyReview.objects.filter(notice=notice, version=version).exists()


def require_safety_review(notice, version: str) -> None:
    """Refuse to send a crisis case's notice to an affected user until its wording was reviewed for safety."""
    if needs_safety_review(notice) and not safety_reviewed(notice, version):
        raise DomainError(_("This case is part of a declared crisis: a notice to an affected user is held until "
                            "someone records that sending this wording is safe for the recipient (the crisis panel "
                            "on the case page). Nothing was sent."), code="crisis_safety_review")


# --- On call ------------------------------------------------------------------------------------------------------

def crisis_contacts(case) -> list[str]:
    """The e-mail addresses of the coordinators of the running crises this case is tagged with."""
    return sorted({crisis.coordinator.email for crisis in running_crises_of(case) if crisis.coordinator.email})
