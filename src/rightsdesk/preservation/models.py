"""A preservation request's facts: who asked to keep which records, on what legal basis, what was kept, until when,
and when it was released.

One row per case of kind ``preservation_request`` (cases.choices.Kind.PRESERVATION_REQUEST). rightsdesk never holds
a copy of the records preserved: ``preserved_description`` says in words what was kept and ``systems_reference``
where (a snapshot or backup identifier in the platform's own systems). The accounts the authority named and its own
reference are personal data (cases.policy.PRESERVATION_PERSONAL_FIELDS): encrypted at rest, blanked by the retention
run, never published; the report counts them (``accounts_count``) and never names them.

The 90 days and the single renewal are the clocks app's (rule ``us-2703f-preservation``); ``ends_at`` and
``renewal_ends_at`` copy the clock's deadline when the records were preserved and when they were renewed, so the
case page and the report read them without recomputing.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rightsdesk.core.countries import CountryField
from rightsdesk.privacy.fields import EncryptedTextField

#: How long a description of what was preserved, or of what was released, may be: words, never a copy of the data.
DESCRIPTION_MAX = 1000
#: How many lines such a description may have.
DESCRIPTION_MAX_LINES = 15
#: How many accounts one request may name (a request naming more is not a targeted request).
ACCOUNTS_MAX = 200


class State(models.TextChoices):
    # Translators: the state of a preservation request (records kept for an authority).
    REQUESTED = "requested", pgettext_lazy("preservation state", "Requested")
    PRESERVED = "preserved", pgettext_lazy("preservation state", "Records preserved")
    RENEWED = "renewed", pgettext_lazy("preservation state", "Preservation renewed")
    RELEASED = "released", pgettext_lazy("preservation state", "Released")
    REFUSED = "refused", pgettext_lazy("preservation state", "Refused")


#: States in which records are being kept: the case may not close until they are released.
KEPT_STATES = frozenset({State.PRESERVED, State.RENEWED})


class Preservation(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="preservation")
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.REQUESTED)
    # The authority is an organisation (cases.policy.ORGANISATION_REQUESTERS): its name is not personal data.
    authority_name = models.CharField(_("requesting authority"), max_length=200)
    authority_country = CountryField(_("country of the authority"))
    legal_basis = models.CharField(_("legal basis"), max_length=300,
                                   help_text=_("The law the authority relies on, e.g. 18 U.S.C. § 2703(f)."))
    authority_reference = EncryptedTextField(_("the authority's reference"), max_length=300, blank=True)
    accounts = EncryptedTextField(_("accounts named"), max_length=20_000,
                                  help_text=_("User names on the platform, one per line."))
    accounts_count = models.PositiveIntegerField(_("number of accounts named"), default=0)
    systems_reference = models.CharField(_("systems and snapshot reference"), max_length=200, blank=True)
    preserved_description = EncryptedTextField(_("what was preserved"), max_length=DESCRIPTION_MAX, blank=True)
    preserved_at = models.DateTimeField(_("preserved at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("end of the 90 days"), null=True, blank=True)
    renewed_at = models.DateTimeField(_("renewed at"), null=True, blank=True)
    renewal_ends_at = models.DateTimeField(_("end of the renewal"), null=True, blank=True)
    renewal_reason = models.CharField(_("renewal"), max_length=300, blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    release_note = EncryptedTextField(_("what was released or deleted"), max_length=DESCRIPTION_MAX, blank=True)
    refused_at = models.DateTimeField(_("refused at"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusing"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("preservation")
        verbose_name_plural = _("preservations")
        indexes = [models.Index(fields=["state"], name="preservation_state_idx")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.state}"

    @property
    def keeps_records(self) -> bool:
        return self.state in KEPT_STATES

    @property
    def current_end(self):
        """The day the records may be released: the renewal's end if renewed, else the 90 days' end."""
        return self.renewal_ends_at or self.ends_at

    def account_list(self) -> list[str]:
        return [line.strip() for line in (self.accounts or "").splitlines() if line.strip()]
