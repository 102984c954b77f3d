"""Staff roles, as Django groups with permissions.

The roles follow who does what in a legal and trust-and-safety team:

- intake: sorts what arrives, asks requesters for missing information.
- reviewer: reviews cases, fills in the due-diligence checklist, proposes decisions.
- legal approver: the second pair of eyes; approves disclosures and removals.
- trust and safety: handles emergencies and harm reports around the clock.
- administrator: manages staff accounts, API tokens and settings.
- auditor: reads everything that is not personal data, changes nothing.
- legal support: handles contributors' requests for legal support (legalsupport); the only role with any
  ``legalsupport`` permission: no other role, administrator and auditor included, sees those requests.
- executive: signs off the gravest account actions (a global ban), as the approval chains require.

Permissions are named ``app_label.codename``; a trailing ``*`` matches by
prefix so that permissions other apps add later (``view_*``) are included.
:func:`sync_roles` runs after every ``migrate`` and from ``rightsdesk roles``.
"""

from __future__ import annotations

from fnmatch import fnmatch

from django.contrib.auth.models import Group, Permission
from django.utils.translation import pgettext_lazy

INTAKE = "intake"
REVIEWER = "reviewer"
LEGAL_APPROVER = "legal approver"
TRUST_AND_SAFETY = "trust and safety"
ADMINISTRATOR = "administrator"
AUDITOR = "auditor"
LEGAL_SUPPORT = "legal support"
EXECUTIVE = "executive"

_READ = ["cases.view_*", "review.view_*", "notices.view_*", "transparency.view_*", "diligence.view_*",
         "accountactions.view_*"]
#: Account actions (docs/account-actions.md): who proposes them, who signs in the approval chains.
_PROPOSE_ACTIONS, _SIGN_ACTIONS = ["accountactions.add_accountaction"], ["accountactions.sign_accountaction"]
#: Crisis response (docs/crisis-response.md): legal approvers and trust and safety declare, change and end crises
#: and record safety reviews of notices; legal approvers and administrators approve the human-rights report's
#: public wording.
_CRISIS_VIEW = ["crisis.view_crisis"]
_CRISIS_DECLARE = ["crisis.declare_crisis", "crisis.add_crisis", "crisis.change_crisis", "crisis.review_safety"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    INTAKE: _READ + ["cases.add_case", "cases.change_case", "cases.triage_case", "cases.add_*", "review.add_note"],
    REVIEWER: _READ + [
        "cases.change_*", "cases.add_*", "cases.review_case", "cases.access_private_data", "cases.close_case",
        "review.add_*", "review.change_*", "notices.add_*", "notices.change_*", "transparency.change_*",
        "diligence.add_*", "diligence.change_*", "crisis.review_safety", "laws.manage_registry",
    ] + _PROPOSE_ACTIONS + _CRISIS_VIEW,
    LEGAL_APPROVER: _READ + [
        "cases.change_*", "cases.review_case", "cases.approve_decision", "cases.access_private_data",
        "cases.close_case", "review.add_*", "review.change_*", "notices.add_*", "notices.change_*",
        "notices.release_*", "transparency.change_*", "transparency.publish_*", "diligence.add_*",
        "diligence.change_*", "crisis.review_public_wording", "laws.manage_registry",
        "reports.change_periodfigures",  # the EU templates' staff-entered figures (reports.staff_figures)
        # Out-of-court disputes and Art. 23 suspensions of processing (appeals admin; the EU template's part 7).
        *[f"appeals.{verb}_{model}" for verb in ("view", "add", "change")
          for model in ("outofcourtdispute", "processingsuspension")],
    ] + _PROPOSE_ACTIONS + _SIGN_ACTIONS + _CRISIS_VIEW + _CRISIS_DECLARE,
    TRUST_AND_SAFETY: _READ + [
        "cases.change_*", "cases.add_*", "cases.handle_emergency", "cases.access_private_data", "cases.close_case",
        "review.add_*", "review.change_*", "notices.add_*", "notices.change_*",
    ] + _PROPOSE_ACTIONS + _SIGN_ACTIONS + _CRISIS_VIEW + _CRISIS_DECLARE,
    ADMINISTRATOR: _READ + [
        "auth.*", "accounts.*", "audit.view_*", "cases.view_*", "cases.close_case", "diligence.*", "clocks.*",
        # The legal inboxes and their IMAP settings; the received messages' bookkeeping read-only (no personal part).
        "mail.*_inbox", "mail.view_imapcursor", "mail.view_inboundmessage",
        # The approval chains of account actions are configuration.
        "accountactions.*_approvalstep",
        "crisis.view_crisis", "crisis.review_public_wording",
        "laws.manage_registry",  # the registry of laws and authorities (laws app)
        "opendata.*_researchertoken", "opendata.view_lumensubmission",  # researcher tokens (opendata app)
    ],
    AUDITOR: _READ + ["audit.view_*", "accounts.view_*", "auth.view_*"] + _CRISIS_VIEW,
    # Confidential: nothing of cases, nothing of any other app; and no other role holds any of these.
    LEGAL_SUPPORT: ["legalsupport.*"],
    EXECUTIVE: _READ + _SIGN_ACTIONS,
}

ROLES = list(ROLE_PERMISSIONS)

#: The roles in words of the reader's language. A role is stored by its name (a group's name, a sign-off's role);
#: pages show it through :func:`label` (the ``role_label`` template filter).
LABELS = {
    INTAKE: pgettext_lazy("staff role", "intake"),
    REVIEWER: pgettext_lazy("staff role", "reviewer"),
    LEGAL_APPROVER: pgettext_lazy("staff role", "legal approver"),
    TRUST_AND_SAFETY: pgettext_lazy("staff role", "trust and safety"),
    ADMINISTRATOR: pgettext_lazy("staff role", "administrator"),
    AUDITOR: pgettext_lazy("staff role", "auditor"),
    LEGAL_SUPPORT: pgettext_lazy("staff role", "legal support"),
    EXECUTIVE: pgettext_lazy("staff role", "executive"),
}


def label(role: str) -> str:
    """A role's name in the active language; a name that is no role here (a group added by hand) as it is."""
    return str(LABELS.get(role, role))


def permissions_for(patterns: list[str]) -> list[Permission]:
    perms = Permission.objects.select_related("content_type").all()
    chosen = []
    for perm in perms:
        name = f"{perm.content_type.app_label}.{perm.codename}"
        if any(fnmatch(name, pattern) for pattern in patterns):
            chosen.append(perm)
    return chosen


def sync_roles() -> dict[str, int]:
    """Create the role groups and set their permissions exactly; returns counts per role."""
    counts = {}
    for role, patterns in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        perms = permissions_for(patterns)
        group.permissions.set(perms)
        counts[role] = len(perms)
    return counts
