"""Writing account actions: one function per change, each validated, in one transaction, and in the audit trail.

- :func:`propose` records an action with its accounts, ground, evidence and projects and copies its type's
  approval chain onto it.
- :func:`sign` gives one required role's answer. The four-eyes rule, generalised: each signer holds the role they
  sign for, is not the proposer, and signs once; a refusal by any of them refuses the action (with reasons); the
  last approval approves it.
- :func:`draft_entry` writes the draft public entry of an approved action; :func:`approve_entry`, by another
  publisher (four-eyes), publishes exactly that draft (transparency.PublicOfficeAction); :func:`withdraw_entry`
  takes it off the public log, saying who and why.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.accounts.access import refuse_own_work, require
from rightsdesk.accounts.roles import label as role_label
from rightsdesk.audit.services import record_access
from rightsdesk.cases.policy import ACCOUNT_NAME_MAX
from rightsdesk.core.bidi import isolated_text, ltr_text
from rightsdesk.core.errors import Conflict, DomainError, NotPermitted, refuse_if_too_long
from rightsdesk.core.examples import fill_examples
from rightsdesk.core.lists import and_list
from rightsdesk.core.versions import refuse_if_changed, text_version
from rightsdesk.intake import attachments as intake_attachments
from rightsdesk.transparency.models import PublicOfficeAction

from . import policy, selectors
from .choices import ActionType, Decision, PolicyGround, Restriction, Status
from .models import AccountAction, SignOff

MAX_ACCOUNTS = 50
MAX_ACCOUNT_LENGTH = ACCOUNT_NAME_MAX
MAX_SUMMARY = 1000
MAX_WITHDRAWAL_REASON = 2000


def _accounts(text: str) -> list[str]:
    names = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not names:
        raise DomainError(_("Name at least one account concerned, one per line."), field="accounts")
    if len(names) > MAX_ACCOUNTS:
        raise DomainError(_("Name at most %(n)d accounts in one action; split the rest into another action.")
                          % {"n": MAX_ACCOUNTS}, field="accounts")
    for name in names:
        if len(name) > MAX_ACCOUNT_LENGTH:
            raise DomainError(_("An account name is at most %(n)d characters long; check the line beginning "
                                "“%(start)s”.") % {"n": MAX_ACCOUNT_LENGTH, "start": isolated_text(name[:20])},
                              field="accounts")
    return names


def _projects(projects) -> list[str]:
    if isinstance(projects, str):
        projects = projects.replace(",", "\n").splitlines()
    out = sorted({p.strip() for p in projects or [] if p and p.strip()})
    if not out:
        raise DomainError(fill_examples(_("Name the projects or sites where the action applies (e.g. %(site)s).")),
                          field="projects")
    for p in out:
        if len(p) > 200 or any(ch.isspace() for ch in p):
            raise DomainError(fill_examples(_("“%(p)s” is not a project's site name; write one per line, like %(site)s."),
                                            p=isolated_text(p[:40])), field="projects")
    return out


def _next_reference(year: int) -> str:
    prefix = f"AA-{year}-"
    last = (AccountAction.objects.filter(reference__startswith=prefix).order_by("-reference")
            .values_list("reference", flat=True).first())
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def propose(actor, *, action_type: str, ground: str, accounts: str, projects, case, notes: str = "",
            starts_on: date | None = None, ends_on: date | None = None, own_initiative: bool = True,
            lifts: AccountAction | None = None, related_cases=(), uploads=(),
            manifestly_illegal_content: bool = False) -> AccountAction:
    """Record a proposed action; it takes effect only once its approval chain has signed."""
    require(actor, policy.PROPOSE, doing=_("propose an account action"))
    if action_type not in ActionType.values:
        raise DomainError(_("Choose what is done to the account."), field="action_type")
    if ground not in PolicyGround.values:
        raise DomainError(_("Choose the policy ground."), field="ground")
    if case is None:
        raise DomainError(_("Give the reference of the evidence case the action is recorded against."),
                          field="case")
    names = _accounts(accounts)
    project_list = _projects(projects)
    starts_on = starts_on or timezone.localdate()
    if action_type in (ActionType.WARNING, ActionType.LIFT) and ends_on:
        raise DomainError(_("A warning or a lifting has no end date; leave “Ends” empty."), field="ends_on")
    if ends_on and ends_on <= starts_on:
        raise DomainError(_("The end date must be after the date the action takes effect."), field="ends_on")
    if action_type == ActionType.LIFT:
        if lifts is None:
            raise DomainError(_("Say which approved action is lifted (its reference)."), field="lifts")
        if lifts.status != Status.APPROVED or lifts.action_type == ActionType.LIFT:
            raise DomainError(_("Only an approved action (not a lifting) can be lifted; %(ref)s is not one.")
                              % {"ref": ltr_text(lifts.reference)}, field="lifts")
    elif lifts is not None:
        raise DomainError(_("Only a lifting names an earlier action to lift."), field="lifts")
    if manifestly_illegal_content and policy.restriction_of(action_type, ends_on) != Restriction.SUSPENSION:
        raise DomainError(_("Only a suspension (a ban or lock with an end date, an event or interaction ban) can be "
                            "recorded as a suspension for manifestly illegal content."),
                          field="manifestly_illegal_content")
    chain = selectors.chain_for(action_type)
    if not chain:
        raise DomainError(_("No approval chain is set for “%(type)s”; an administrator must set one first.")
                          % {"type": ActionType(action_type).label}, field="action_type")
    checked = intake_attachments.check_uploads(uploads) if uploads else []
    with transaction.atomic():
        action = AccountAction.objects.create(
            reference=_next_reference(timezone.now().year), action_type=action_type, ground=ground,
            accounts="\n".join(names), projects=project_list, notes=(notes or "").strip(), starts_on=starts_on,
            ends_on=ends_on, own_initiative=own_initiative, lifts=lifts, case=case, required_roles=chain,
            proposed_by=actor, manifestly_illegal_content=manifestly_illegal_content,
        )
        if related_cases:
            action.related_cases.set([c for c in related_cases if c.pk != case.pk])
        for item in checked:
            action.attachments.add(intake_attachments.store(case, item, uploaded_by=actor.get_username()))
        record_access(actor, "other", case=case, obj=action, purpose=f"account action proposed: {action.reference}")
    return action


def sign(action: AccountAction, actor, *, role: str, decision: str, reason: str = "") -> AccountAction:
    """One required role's sign-off: approve, or refuse with reasons (which refuses the action)."""
    require(actor, policy.SIGN, doing=_("sign off an account action"))
    if decision not in Decision.values:
        raise DomainError(_("Choose to approve or to refuse."), field="decision")
    reason = (reason or "").strip()
    if decision == Decision.REFUSE and not reason:
        raise DomainError(_("Give the reasons for refusing: the proposer and the other signers read them."),
                          field="reason")
    with transaction.atomic():
        action = AccountAction.objects.select_for_update().get(pk=action.pk)
        if action.status != Status.PENDING:
            raise Conflict(_("This action is already %(status)s; nothing more can be signed.")
                           % {"status": action.get_status_display().lower()})
        refuse_own_work(actor, [action.proposed_by_id],
                        _("You proposed this action; the sign-offs must come from other people."))
        earlier = action.signoffs.filter(signer=actor).first()
        if earlier is not None:
            raise NotPermitted(_("You have already signed this action (as %(role)s); each sign-off in the chain "
                                 "needs a different person.") % {"role": role_label(earlier.role)})
        if role not in action.required_roles:
            raise DomainError(_("The chain of this action has no “%(role)s” sign-off; it needs: %(roles)s.")
                              % {"role": role_label(role), "roles": and_list(map(role_label, action.required_roles))},
                              field="role")
        if action.signoffs.filter(role=role).exists():
            raise Conflict(_("The “%(role)s” sign-off has already been given by someone else.")
                           % {"role": role_label(role)}, field="role")
        if not actor.groups.filter(name=role).exists():
            raise NotPermitted(_("Only a member of the “%(role)s” role can give this sign-off.")
                               % {"role": role_label(role)})
        SignOff.objects.create(action=action, role=role, signer=actor, decision=decision, reason=reason)
        if decision == Decision.REFUSE:
            action.status, action.decided_at = Status.REFUSED, timezone.now()
        elif not selectors.missing_roles(action):
            action.status, action.decided_at = Status.APPROVED, timezone.now()
        action.save(update_fields=["status", "decided_at"])
        record_access(actor, "other", case=action.case, obj=action,
                      purpose=f"account action {decision} as {role}: {action.reference} ({action.status})")
    return action


def _public_id(action: AccountAction) -> str:
    """Stable for an action (the demo is the same on every machine), unrelated to its private reference's text."""
    return "OA-" + hashlib.sha256(f"office-action:{action.pk}:{action.reference}".encode()).hexdigest()[:10].upper()


def entry_version(action: AccountAction) -> str:
    """The version of an action's draft public entry that a page shows (``core.versions``): the approve form sends
    it back, so what is approved is exactly the draft that was read; the draft form too, so a save never replaces a
    colleague's draft unseen."""
    return text_version(action.public_summary, "1" if action.public_withhold_name else "0",
                        action.public_account_name or "")


def _summary(summary: str) -> str:
    summary = (summary or "").strip()
    if not summary:  # the entry would tell the public what was done, never why
        raise DomainError(_("Write the public summary: what was done and why, in a sentence or two, without private "
                            "details."), code="required", field="summary")
    refuse_if_too_long(summary, MAX_SUMMARY, "summary")  # the one wording of a text too long: its limit and length
    return summary


def _unpublished(action: AccountAction) -> None:
    """An entry is drafted and approved only for an approved action that has none yet (looked at under the lock)."""
    if action.status != Status.APPROVED:
        raise Conflict(_("Only an approved action can be published; this one is %(status)s.")
                       % {"status": action.get_status_display().lower()})
    if PublicOfficeAction.objects.filter(action=action).exists():
        raise Conflict(_("This action already has a public entry."))


def draft_entry(action: AccountAction, actor, *, summary: str, withhold_name: bool = False, account_name: str = "",
                version: str | None = None) -> AccountAction:
    """Write (or change) the draft of an approved action's public entry. Nothing is public until another publisher
    approves it (:func:`approve_entry`); whoever saves the draft last is its drafter, and cannot approve it.

    The account name is kept only where ``policy.may_name_account`` allows it and the drafter did not withhold it,
    and must be one of the action's accounts (``account_name`` chooses which; the first by default). ``version``
    (:func:`entry_version`) is the draft the drafter's page showed: a colleague's draft saved since is not replaced
    (409, ``core.versions``); None: no page (the demo, a command)."""
    require(actor, policy.PUBLISH, doing=_("draft an entry of the office-actions log"))
    summary = _summary(summary)
    with transaction.atomic():
        action = AccountAction.objects.select_for_update().get(pk=action.pk)
        _unpublished(action)
        refuse_if_changed(version, entry_version(action), _(
            "Someone else saved a draft of this entry after you opened the page. Nothing was saved: their draft is "
            "shown on the page, your words are in the form. Put the two together, then save again."),
            code="draft_changed")
        lifted_type = action.lifts.action_type if action.lifts_id else ""
        name = ""
        if policy.may_name_account(action.action_type, lifted_type) and not withhold_name:
            accounts = action.account_list
            name = (account_name or "").strip() or accounts[0]
            if name not in accounts:
                raise DomainError(_("The account name to publish must be one of the action's accounts."),
                                  field="account_name")
        action.public_summary, action.public_withhold_name, action.public_account_name = (
            summary, bool(withhold_name), name)
        action.public_drafted_by, action.public_drafted_at = actor, timezone.now()
        action.save(update_fields=["public_summary", "public_withhold_name", "public_account_name",
                                   "public_drafted_by", "public_drafted_at"])
        record_access(actor, "other", case=action.case, obj=action,
                      purpose=f"office-actions log entry drafted for {action.reference}")
    return action


def approve_entry(action: AccountAction, actor, *, version: str | None = None) -> PublicOfficeAction:
    """Publish an approved action's drafted entry, exactly as drafted, approved by a publisher who did not draft it
    (four-eyes: ``accounts.access.refuse_own_work``). ``version`` (:func:`entry_version`) is the draft the
    approver's page showed: a draft changed since is not published (409, ``core.versions``), the approver reads it
    again; None: no page (the demo, a command)."""
    require(actor, policy.PUBLISH, doing=_("approve an entry of the office-actions log"))
    with transaction.atomic():
        action = AccountAction.objects.select_for_update().get(pk=action.pk)
        _unpublished(action)
        if action.public_drafted_at is None:
            raise DomainError(_("There is no draft of the public entry to approve; a publisher writes it first."),
                              code="no_draft", field="summary")
        refuse_own_work(actor, [action.public_drafted_by_id], _(
            "Four-eyes rule: you drafted this entry, so another publisher must approve it. Nothing was published."))
        refuse_if_changed(version, entry_version(action), _(
            "The draft changed after you opened the page. Nothing was published: read the draft as it is now, "
            "then approve it again."), code="draft_changed")
        entry = PublicOfficeAction.objects.create(
            public_id=_public_id(action), action=action, action_type=action.action_type,
            lifted_type=action.lifts.action_type if action.lifts_id else "", ground=action.ground,
            account_name=action.public_account_name or "", projects=action.public_projects,
            summary=action.public_summary, starts_on=action.starts_on, ends_on=action.ends_on,
            published_at=timezone.now(), published_by=actor,
        )
        record_access(actor, "publish", case=action.case, obj=entry,
                      purpose=f"office-actions log entry {entry.public_id} for {action.reference}")
    return entry


def withdraw_entry(entry: PublicOfficeAction, actor, *, reason: str) -> PublicOfficeAction:
    """Take an entry off the public log: the row is kept with who withdrew it and when; why is kept on the action
    (staff only, encrypted). Like a withdrawn notice (``transparency.publishing.unpublish``), the row keeps none of
    the words the public saw (``PublicOfficeAction.WITHDRAWN_TEXTS``): staff read them in the approved draft.

    The entry is locked and looked at again under the lock, as publishing and signing do: two withdrawals at once,
    or one sent from a page opened before another, withdraw it once; the second is refused (409) and writes nothing
    (no later date over the first, no second audit entry)."""
    require(actor, policy.PUBLISH, doing=_("withdraw an entry of the office-actions log"))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the entry is withdrawn."), field="reason")
    refuse_if_too_long(reason, MAX_WITHDRAWAL_REASON, "reason")
    with transaction.atomic():
        entry = PublicOfficeAction.objects.select_for_update().get(pk=entry.pk)
        if entry.withdrawn_at is not None:
            raise Conflict(_("This entry was already withdrawn from the public log."), code="withdrawn")
        action = AccountAction.objects.select_for_update().get(pk=entry.action_id)
        entry.withdrawn_at, entry.withdrawn_by = timezone.now(), actor
        for name in PublicOfficeAction.WITHDRAWN_TEXTS:
            setattr(entry, name, "")
        entry.save(update_fields=["withdrawn_at", "withdrawn_by", *PublicOfficeAction.WITHDRAWN_TEXTS])
        action.public_withdrawal_reason = reason
        action.save(update_fields=["public_withdrawal_reason"])
        record_access(actor, "other", case=action.case, obj=entry,
                      purpose=f"office-actions log entry withdrawn: {entry.public_id}")
    return entry
