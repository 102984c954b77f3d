"""Notices owed after a decision, the legal holds that delay them, and placeholders.

A decision is not finished until the people it touches know. Each ``Notice``
is one message to one person (the requester, or one affected user), rendered
from a translated template in that person's language, reviewed by staff and
delivered by a background task. ``LegalHold`` records a gag order: the notices
it covers wait, with the reason recorded, until its date passes or it is
lifted. ``Placeholder`` is what the platform shows instead of an item that was
removed or restricted. (What an appeal adds to its case, ``AppealFiling`` and
``AppealMessage``, lives in the appeals app.)

Everything here that names or reaches a person (account names, bodies of
messages) is private and encrypted at rest (the
privacy app's fields; addresses stay on Party): staff pages show it
only with cases.access_private_data and audit each look; public pages and
exports never show it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop  # permission names: stored in English, read in the reader's

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, Party, TargetItem
from rightsdesk.privacy.fields import EncryptedTextField


class LegalHoldQuerySet(models.QuerySet):
    def active(self, now=None):
        """Holds that still bar notice: not lifted, and either open-ended or not yet expired."""
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(Q(until__isnull=True) | Q(until__gt=now))

    def expired(self, now=None):
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True, until__isnull=False, until__lte=now)


class LegalHold(models.Model):
    """A gag order or other legal bar on telling someone about a case, for a time or until lifted."""

    class Scope(models.TextChoices):
        AFFECTED_USERS = "affected_user", _("Notices to affected users")
        ALL = "all", _("All notices of the case")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="legal_holds")
    scope = models.CharField(_("applies to"), max_length=32, choices=Scope.choices, default=Scope.AFFECTED_USERS)
    reason = models.TextField(_("reason"), help_text=_("Why notice is legally barred, e.g. the non-disclosure order."))
    legal_reference = models.CharField(_("order or law"), max_length=300, blank=True,
                                       help_text=_("Reference of the order or the provision that bars notice."))
    until = models.DateTimeField(_("held until"), null=True, blank=True,
                                 help_text=_("Empty: held until someone lifts the hold."))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_by_label = models.CharField(max_length=200, blank=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    lifted_by_label = models.CharField(max_length=200, blank=True)
    lift_reason = models.TextField(_("why it was lifted"), blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        permissions = [("release_notice", gettext_noop("Can lift legal holds and release held notices"))]

    def __str__(self) -> str:
        return f"Legal hold {self.pk} on {self.case.reference}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.lifted_at is None and (self.until is None or self.until > now)

    def covers(self, recipient_role: str) -> bool:
        return self.scope == self.Scope.ALL or recipient_role == c.PartyRole.AFFECTED_USER


class Notice(models.Model):
    """One message owed to one person about a decision."""

    class Purpose(models.TextChoices):
        DECISION = "decision", _("Decision to the requester")
        STATEMENT_OF_REASONS = "statement_of_reasons", _("Statement of reasons to an affected user")
        PRIOR_DISCLOSURE = "prior_disclosure", _("Notice before disclosure of user data")
        DISCLOSURE = "disclosure", _("Notice of a disclosure of user data")
        APPEAL_DECISION = "appeal_decision", _("Decision on an appeal")

    class Status(models.TextChoices):
        # Translators: the status of a notice (a letter to a person): written but not yet approved or sent.
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        QUEUED = "queued", _("Queued for delivery")
        SENDING = "sending", _("Sending")
        # Translators: the status of a notice (a letter to a person): it has been sent.
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Delivery failed")
        HELD = "held", _("Held: legally barred")
        CANCELLED = "cancelled", _("Cancelled")

    RECIPIENT_ROLES = [(c.PartyRole.REQUESTER.value, c.PartyRole.REQUESTER.label),
                       (c.PartyRole.AFFECTED_USER.value, c.PartyRole.AFFECTED_USER.label)]

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notices")
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    recipient_role = models.CharField(_("recipient"), max_length=32, choices=RECIPIENT_ROLES)
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="notices")
    # An item's account holder who is not a party of the case yet: private, like Party.account_name.
    recipient_account = EncryptedTextField(_("account of the recipient"), max_length=300, blank=True)
    items = models.ManyToManyField(TargetItem, blank=True, related_name="notices")
    language = models.CharField(_("language"), max_length=16, default="en")
    subject = models.CharField(_("subject"), max_length=300)
    body = EncryptedTextField(_("message"))

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    attempts = models.PositiveIntegerField(_("delivery attempts"), default=0)
    last_error = models.TextField(_("last delivery error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    hold = models.ForeignKey(LegalHold, null=True, blank=True, on_delete=models.PROTECT, related_name="notices",
                             help_text=_("The legal hold that holds (or held) this notice."))
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)
    # The appeal link in the message: only its digest is kept.
    appeal_token_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    # Until the notice is sent, its appeal token sealed for this one purpose (delivery.appeal_token): an attempt
    # that reached the person may count as failed, and the next attempt must carry the same link. Emptied once sent.
    appeal_token_sealed = models.TextField(blank=True, editable=False)
    appeal = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               help_text=_("The appeal filed through this notice's link."))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notice_status_next")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} for {self.case.reference}"

    #: States in which the notice no longer waits for anything.
    RESOLVED = frozenset({Status.SENT, Status.HELD, Status.CANCELLED})
    EDITABLE = frozenset({Status.DRAFT, Status.APPROVED, Status.FAILED, Status.HELD})

    @property
    def to_affected_user(self) -> bool:
        return self.recipient_role == c.PartyRole.AFFECTED_USER

    @property
    def email(self) -> str:
        return self.party.email if self.party_id else ""


class Placeholder(models.Model):
    """What the platform shows instead of a removed or restricted item.

    Holds only public facts: the item's location, what was done, when, the
    legal or policy ground, and who asked in general terms (an authority or a
    company by its public name, never a private person).
    """

    item = models.OneToOneField(TargetItem, on_delete=models.CASCADE, related_name="placeholder")
    public_id = models.CharField(max_length=32, unique=True, editable=False)
    legal_demand = models.BooleanField(_("removed because of a legal demand"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn (item restored)"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("placeholder")
        verbose_name_plural = _("placeholders")

    def __str__(self) -> str:
        return f"Placeholder {self.public_id}"

    @property
    def http_status(self) -> int:
        if self.withdrawn_at:
            return 200
        if self.legal_demand:
            return 451
        return 410 if self.item.action == c.Action.REMOVE else 200
