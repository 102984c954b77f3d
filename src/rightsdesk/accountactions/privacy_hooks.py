"""What account actions keep about people, for the retention run and the data-subject export
(privacy/retention.py, privacy/subject_export.py; key rotation finds the encrypted fields like every other
EncryptedTextField).

- purge_blocked: an action recorded against the case that is still in effect (approved, a ban or a lock, not lifted,
  no end date or one not yet past) keeps the case from the purge: a ban whose accounts were blanked could no longer be
  enforced. So does a ban or lock still awaiting sign-off (it may yet take effect). A warning or a lifting keeps
  nothing. The case is purged by a later run, once the action has ended or been lifted.
- purge_case: the personal fields of the case's actions (cases.policy.ACCOUNT_ACTION_PERSONAL_FIELDS: the accounts,
  the notes, the draft's account name, why the entry was withdrawn) and of their sign-offs
  (cases.policy.SIGNOFF_PERSONAL_FIELDS: the signers' reasons) are blanked. The row stays with its type, ground,
  dates, projects, status and chain, so the report's counts and the public log (transparency.PublicOfficeAction, the
  reviewed public copy) do not change. The evidence files are the case's attachments and go with them (intake).
- subject_data: the actions are found by account name only (the accounts are encrypted text, matched after
  decryption like the targeted items' account names): the account searched and the account names of the person's
  parties. Only approved actions are given, and only their facts (reference, type, ground, projects, dates): what
  was done to the person's account, which they were told when it was done. Not the notes nor the sign-offs' reasons
  (they quote the people who reported the account and staff's deliberation: other people's data, GDPR Art. 15(4)),
  not the other accounts of the same action, and not a proposal still pending or refused (telling of a ban before it
  is decided can put those who reported the account at risk; staff answer for those, as for a preservation). An
  action whose evidence case is under a legal hold covering an affected user is left out (subject_export.withheld).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.cases.choices import PartyRole
from rightsdesk.cases.policy import ACCOUNT_ACTION_PERSONAL_FIELDS, SIGNOFF_PERSONAL_FIELDS
from rightsdesk.core.lists import and_list

from . import selectors
from .choices import Status
from .models import AccountAction, SignOff


def purge_blocked(case) -> str:
    effective, pending = selectors.keeping_their_case(case, timezone.localdate())
    if effective:
        return str(_("account action %(refs)s is still in effect (a ban must stay enforceable)")
                   % {"refs": and_list((a.reference for a in effective), isolated=True)})
    if pending:
        return str(_("account action %(refs)s is awaiting sign-off")
                   % {"refs": and_list((a.reference for a in pending), isolated=True)})
    return ""


def purge_case(case) -> None:
    actions = AccountAction.objects.filter(case=case)
    SignOff.objects.filter(action__in=actions).update(**{name: "" for name in SIGNOFF_PERSONAL_FIELDS})
    actions.update(**{name: "" for name in ACCOUNT_ACTION_PERSONAL_FIELDS})


def subject_data(cases, parties, *, email: str = "", account: str = "") -> dict:
    from rightsdesk.privacy.subject_export import withheld  # at call time: privacy calls this module

    wanted = {name.strip().casefold() for name in {account, *(getattr(p, "account_name", "") for p in parties)}
              if name and name.strip()}
    if not wanted:
        return {}
    found = []
    # The accounts are encrypted and cannot be filtered: compare after decryption (approved actions only).
    for action in AccountAction.objects.filter(status=Status.APPROVED).select_related("case").order_by("starts_on", "pk"):
        if not wanted & {name.casefold() for name in action.account_list}:
            continue
        if withheld(action.case, {PartyRole.AFFECTED_USER}):
            continue
        found.append({
            "reference": action.reference, "action": action.action_type, "ground": action.ground,
            "projects": action.projects, "takes_effect": action.starts_on.isoformat(),
            "ends": action.ends_on.isoformat() if action.ends_on else None,
            "lifts": action.lifts.reference if action.lifts_id else None,
        })
    return {"actions_on_your_account": found} if found else {}
