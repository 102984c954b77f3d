"""The rules of account actions, each in one place: the default approval chains, who may do what, what the public
log may name, and how an action counts in the report.

Imports only the vocabulary, ``accounts.roles`` (role names) and ``cases.policy``, so the models, the services,
the public pages and the report can all use it.
"""

from __future__ import annotations

from types import MappingProxyType

from rightsdesk.accounts.roles import EXECUTIVE, LEGAL_APPROVER, TRUST_AND_SAFETY
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA

from .choices import ActionType, Restriction

# --- Permissions (checked through accounts.access) -------------------------------------------------------------
VIEW = "accountactions.view_accountaction"
PROPOSE = "accountactions.add_accountaction"
SIGN = "accountactions.sign_accountaction"
#: Who sees the accounts concerned and the private evidence: staff with private-data access, and the signers
#: (an executive must know whom a ban concerns before signing it). Every look is audited.
SEE_PRIVATE = (ACCESS_PRIVATE_DATA, SIGN)
#: Who reviews and publishes the public entry of an approved action (the legal approver, as for the notice log).
PUBLISH = "transparency.publish_publicofficeaction"

# --- The approval chains shipped by default (migration 0002 writes them; administrators may change them) ---------
#: Each role is one sign-off by a distinct person, none of them the proposer.
DEFAULT_CHAINS = MappingProxyType({
    ActionType.WARNING: (TRUST_AND_SAFETY,),
    ActionType.INTERACTION_BAN: (TRUST_AND_SAFETY,),
    ActionType.LOCK: (TRUST_AND_SAFETY,),
    ActionType.EVENT_BAN: (TRUST_AND_SAFETY, LEGAL_APPROVER),
    ActionType.GLOBAL_BAN: (LEGAL_APPROVER, TRUST_AND_SAFETY, EXECUTIVE),
    ActionType.LIFT: (TRUST_AND_SAFETY, LEGAL_APPROVER),
})

# --- What the public office-actions log may say ------------------------------------------------------------------
#: Action types published with the account name unless staff withhold it (a global ban protects the communities
#: that must recognise the banned person); the lifting of such an action names the account too.
NAMED_BY_DEFAULT = frozenset({ActionType.GLOBAL_BAN})
#: Action types whose entry never names the account (a warning or a lesser ban is not a public sanction).
NEVER_NAMED = frozenset({ActionType.WARNING, ActionType.INTERACTION_BAN, ActionType.EVENT_BAN, ActionType.LOCK})


def may_name_account(action_type: str, lifted_type: str = "") -> bool:
    """Whether the public entry of an action of this type may name the account at all."""
    if action_type == ActionType.LIFT:
        return lifted_type in NAMED_BY_DEFAULT
    return action_type in NAMED_BY_DEFAULT


def restriction_of(action_type: str, ends_on) -> str:
    """The report's category: a global ban without end date terminates the account; a ban or lock with an end date,
    or an event or interaction ban, suspends (part of) its use; a warning or a lifting restricts nothing."""
    if action_type in (ActionType.WARNING, ActionType.LIFT):
        return Restriction.NONE
    if action_type == ActionType.GLOBAL_BAN and ends_on is None:
        return Restriction.TERMINATION
    return Restriction.SUSPENSION


#: Action types that restrict an account (a ban or a lock): while one is in effect, its evidence case keeps its
#: personal data (``selectors.keeping_their_case``: a ban whose accounts were blanked could no longer be enforced).
#: A warning or a lifting restricts nothing and keeps nothing.
RESTRICTING = frozenset(t for t in ActionType.values if restriction_of(t, None) != Restriction.NONE)
