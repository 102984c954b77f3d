"""Account actions: what the office does to accounts (not only to content), and the chain of sign-offs behind each.

An :class:`AccountAction` names the accounts concerned (personal data: encrypted at rest, listed in
``cases.policy.ACCOUNT_ACTION_PERSONAL_FIELDS``), the policy ground, the evidence (the case it is recorded against,
further linked cases, attachments stored sealed on the evidence case) and the projects. It takes effect only once
every sign-off its type requires is given; :class:`ApprovalStep` rows say which roles must sign for each type
(editable by administrators; a default set ships in migration 0002). The required roles are copied onto the action
when it is proposed, so a change of the chains never alters an action already under way.

The public office-actions log is not built from these rows but from ``transparency.PublicOfficeAction``, whose
exact public wording staff review (docs/account-actions.md).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop  # permission names: stored in English, read in the reader's

from rightsdesk.accounts.roles import ROLES
from rightsdesk.core.lists import or_list
from rightsdesk.core.sites import own_hosts
from rightsdesk.privacy.fields import EncryptedTextField

from .choices import ActionType, Decision, PolicyGround, Status


class ApprovalStep(models.Model):
    """One sign-off an action type needs: a person holding ``role``, distinct from the proposer and the others."""

    action_type = models.CharField(_("action type"), max_length=32, choices=ActionType.choices)
    #: A role of accounts/roles.py (checked by ``clean``, not by choices, so a new role needs no migration here).
    role = models.CharField(_("role that signs"), max_length=64)
    position = models.PositiveSmallIntegerField(_("order"), default=1)

    def clean(self):
        if self.role not in ROLES:
            raise ValidationError({"role": _("Choose one of the roles: %(roles)s.")
                                           % {"roles": or_list(ROLES, isolated=True)}})

    class Meta:
        ordering = ["action_type", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["action_type", "role"], name="approval_step_once_per_role")]
        verbose_name = _("approval step")
        verbose_name_plural = _("approval chains")

    def __str__(self) -> str:
        return f"{self.get_action_type_display()}: {self.role}"


class AccountAction(models.Model):
    reference = models.CharField(_("reference"), max_length=32, unique=True, editable=False)
    action_type = models.CharField(_("action"), max_length=32, choices=ActionType.choices)
    ground = models.CharField(_("policy ground"), max_length=32, choices=PolicyGround.choices)
    #: The account names on the platform's projects, one per line (personal data).
    accounts = EncryptedTextField(_("accounts concerned"))
    projects = models.JSONField(_("projects"), default=list, blank=True)
    #: What staff know and why they act (personal data: may name people, quote messages).
    notes = EncryptedTextField(_("evidence and reasons (private)"), blank=True)
    starts_on = models.DateField(_("takes effect"), default=timezone.localdate)
    #: None: indefinite (a global ban without end date is a termination).
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    #: Taken on the platform's own initiative (not on a notice from outside).
    own_initiative = models.BooleanField(_("own initiative"), default=True)
    #: A suspension under DSA Art. 23(1): the account frequently provided manifestly illegal content (counted in the
    #: EU template's part 7).
    manifestly_illegal_content = models.BooleanField(
        _("suspension for frequently providing manifestly illegal content (DSA Art. 23(1))"), default=False)
    lifts = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="lifted_by",
                              verbose_name=_("lifts"))
    #: The evidence case the action is recorded against: appeals (the appeals app appeals cases) attach to it.
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="account_actions",
                             verbose_name=_("evidence case"))
    related_cases = models.ManyToManyField("cases.Case", blank=True, related_name="+",
                                           verbose_name=_("other linked cases"))
    attachments = models.ManyToManyField("intake.Attachment", blank=True, related_name="+",
                                         verbose_name=_("evidence files"))

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    #: The roles that must sign, copied from the chain of the action's type when it was proposed.
    required_roles = models.JSONField(default=list)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    # The draft of the public office-actions log entry (services.draft_entry): written by one publisher, approved
    # word for word by another (services.approve_entry, four-eyes: accounts.access.refuse_own_work). Not public:
    # only the approved copy, transparency.PublicOfficeAction, is. Kept once approved, as the wording staff approved.
    public_summary = models.TextField(_("public summary (draft)"), blank=True)
    public_withhold_name = models.BooleanField(_("withhold the account name (draft)"), default=False)
    #: The account name the draft would publish (personal data until approved: encrypted, cases.policy).
    public_account_name = EncryptedTextField(_("account name to publish (draft)"), blank=True)
    #: Who last saved the draft: they cannot approve it.
    public_drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                          on_delete=models.PROTECT, related_name="+")
    public_drafted_at = models.DateTimeField(_("public entry drafted"), null=True, blank=True, editable=False)
    #: Why the public entry was withdrawn (services.withdraw_entry): staff only, may name people (encrypted).
    public_withdrawal_reason = EncryptedTextField(_("why the public entry was withdrawn"), blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        permissions = [("sign_accountaction", gettext_noop("Can sign off account actions"))]
        verbose_name = _("account action")
        verbose_name_plural = _("account actions")

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_action_type_display()})"

    @property
    def account_list(self) -> list[str]:
        return [line.strip() for line in (self.accounts or "").splitlines() if line.strip()]

    @property
    def public_projects(self) -> list[str]:
        """The projects as the office-actions log names them: the platform's own sites, by host (a warning's project
        typed as the warned account's user page would name the account, which the policy never names)."""
        return own_hosts(self.projects)


class SignOff(models.Model):
    """One required role's answer on an action: approved, or refused with reasons."""

    action = models.ForeignKey(AccountAction, on_delete=models.CASCADE, related_name="signoffs")
    role = models.CharField(_("role"), max_length=64)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("signed by"))
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    reason = EncryptedTextField(_("reasons"), blank=True)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "signer"], name="signoff_one_per_person"),
            models.UniqueConstraint(fields=["action", "role"], name="signoff_one_per_role"),
        ]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
