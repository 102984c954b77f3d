"""Legal support for contributors: a volunteer facing a legal threat over their contributions asks for help.

Kept apart from ``cases.Case`` on purpose: no queue, report query, export, public log or API built on cases can
ever list these requests. Every field named in ``cases.policy.LEGAL_SUPPORT_PERSONAL_FIELDS`` is encrypted at rest;
the state changes only through :mod:`.workflow`; reads go through :mod:`.selectors` (which audit each look).
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop  # permission names: stored in English, read in the reader's

from rightsdesk.core.countries import CountryField
from rightsdesk.intake import conf as intake_conf
from rightsdesk.privacy.fields import EncryptedEmailField, EncryptedTextField


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSESSING = "assessing", _("Being assessed")
    SUPPORTED = "supported", _("Support granted")
    DECLINED = "declined", _("Support declined")
    CLOSED = "closed", _("Closed")


class ThreatKind(models.TextChoices):
    LEGAL_THREAT = "legal_threat", _("A threat of legal action (a letter, a warning)")
    LAWSUIT = "lawsuit", _("A lawsuit or criminal proceedings")
    GOVERNMENT = "government", _("Pressure from a government or the police")
    OTHER = "other", _("Something else")


class CountryRisk(models.TextChoices):
    UNKNOWN = "", _("Not assessed")
    LOW = "low", _("Low")
    ELEVATED = "elevated", _("Elevated")
    HIGH = "high", _("High")


class Outcome(models.TextChoices):
    NONE = "", _("Not closed")
    RESOLVED = "resolved", _("Resolved in the contributor's favour")
    SETTLED = "settled", _("Settled")
    LOST = "lost", _("Decided against the contributor")
    DROPPED = "dropped", _("The threat was dropped")
    DECLINED = "declined", _("Support declined")
    WITHDRAWN = "withdrawn", _("Withdrawn by the contributor")


class Source(models.TextChoices):
    WEB = "web", _("Web form")
    EMAIL = "email", _("E-mail")


def attachment_path(instance, filename: str) -> str:
    return f"legalsupport/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class Counsel(models.Model):
    """A lawyer or firm the programme refers contributors to. The contact is confidential (staff only)."""

    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"))
    languages = models.CharField(_("languages"), max_length=200, blank=True,
                                 help_text=_("Language codes, separated by spaces, e.g. “en fr ar”."))
    contact = EncryptedTextField(_("contact"), max_length=1000, blank=True)
    active = models.BooleanField(_("takes referrals"), default=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("counsel")
        verbose_name_plural = _("counsel")

    def __str__(self) -> str:
        return self.name

    @property
    def language_list(self) -> list[str]:
        return self.languages.split()


class LegalSupportRequest(models.Model):
    reference = models.CharField(_("reference"), max_length=24, unique=True, editable=False)
    tracking_token_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.RECEIVED, db_index=True)
    source = models.CharField(_("channel"), max_length=8, choices=Source.choices, default=Source.WEB)
    language = models.CharField(_("language"), max_length=10, default="en")
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    # What the contributor told us.
    requester_name = EncryptedTextField(_("name"), max_length=200, blank=True)
    requester_email = EncryptedEmailField(_("e-mail address"), blank=True)
    #: Keyed digest of the e-mail (privacy.crypto.blind_index), so the way back to a lost tracking link
    #: (legalsupport.lost_links) finds the address's requests without decrypting every row; set on every save.
    requester_email_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    contributor_account = EncryptedTextField(_("account name on the projects"), max_length=300, blank=True)
    country = CountryField(_("country where the threat is"), blank=True)
    project = models.CharField(_("project"), max_length=200, blank=True)
    threat_kind = models.CharField(_("what threatens the contributor"), max_length=16, choices=ThreatKind.choices)
    adversary = EncryptedTextField(_("who is threatening"), max_length=1000, blank=True)
    description = EncryptedTextField(_("what happened"))
    # Eligibility: None until assessed.
    good_faith = models.BooleanField(
        _("good-faith contribution within the projects' policies"), null=True, blank=True)
    threat_related = models.BooleanField(_("the threat is over the contributions"), null=True, blank=True)
    country_risk = models.CharField(_("the country's risk"), max_length=10, choices=CountryRisk.choices, blank=True)
    eligibility_notes = EncryptedTextField(_("notes on eligibility"), blank=True)
    # Decision.
    decision_reasons = EncryptedTextField(_("reasons for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # Referral and budget.
    counsel = models.ForeignKey(Counsel, null=True, blank=True, on_delete=models.PROTECT, related_name="requests")
    counsel_shared = models.BooleanField(_("counsel named to the contributor"), default=False)
    budget_committed = models.DecimalField(_("budget committed"), max_digits=12, decimal_places=2,
                                           default=Decimal("0"), validators=[MinValueValidator(0)])
    budget_spent = models.DecimalField(_("budget spent"), max_digits=12, decimal_places=2, default=Decimal("0"),
                                       validators=[MinValueValidator(0)])
    overspend_reason = EncryptedTextField(_("why more was spent than committed"), blank=True)
    # What staff chose to tell the contributor on the tracking page.
    message_to_requester = EncryptedTextField(_("message to the contributor"), blank=True)
    # Closing.
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_note = EncryptedTextField(_("notes on the outcome"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    personal_data_purged_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("legal-support request")
        verbose_name_plural = _("legal-support requests")
        default_permissions = ("view", "change")
        permissions = [("decide_legalsupportrequest", gettext_noop("Can decide on legal support and commit budget"))]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        from rightsdesk.privacy.crypto import blind_index

        self.requester_email_index = blind_index(self.requester_email or "")
        if kwargs.get("update_fields") is not None and "requester_email" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "requester_email_index"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state != State.CLOSED

    @property
    def over_budget(self) -> bool:
        return self.budget_spent > self.budget_committed


class LegalSupportAttachment(models.Model):
    request = models.ForeignKey(LegalSupportRequest, on_delete=models.CASCADE, related_name="attachments")
    original_name = EncryptedTextField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        default_permissions = ()


class LegalSupportEvent(models.Model):
    """What happened to a request, in order. Never holds a personal value: only which step and which fields."""

    request = models.ForeignKey(LegalSupportRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_label = models.CharField(max_length=100, blank=True)
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)
    fields = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["at", "id"]
        default_permissions = ()


#: The request's texts whose column has a length (``longest``): every path that files a request is refused beyond it.
COLUMN_TEXTS = ("requester_name", "contributor_account", "project", "adversary")


def longest(name: str) -> int:
    """The longest text a field of a request takes: its column's length, the description's intake's limit for a
    request's text (the public form's; an e-mail's text is kept whole). The public form checks it when sent and
    refuses with its length (``core.errors.too_long``), what was typed given back whole, never put in the page as
    ``maxlength``, where a browser cuts a pasted text without a word (as intake's forms do); the service refuses a
    column's text beyond it on every other path (the staff inbox's e-mails)."""
    if name == "description":
        return intake_conf.get("MAX_TEXT_CHARS")
    return LegalSupportRequest._meta.get_field(name).max_length
