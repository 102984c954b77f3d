"""Laws and authorities as data (issue #19 §1): the registry, and the links of cases and public records to it.

- :class:`Instrument` — a legal instrument (a law, a regulation, one provision of it) that requests invoke.
- :class:`Authority` — a requesting authority (a court, a regulator, a ministry, ...), with aliases.
- :class:`CaseInstrument` / :class:`CaseAuthority` — what a person confirmed a case invokes and who sent it. The
  case's own free text (``Case.law_invoked``) stays as received.
- :class:`PublicRecordInstrument` / :class:`PublicRecordAuthority` — the same facts copied onto the reviewed public
  record when it is published (``laws.services.copy_to_public_record``): the public analytics read only these.
- :class:`RegistryEvent` — the history of registry edits, confirmations and bulk mappings (who, when, what).

Foreign keys to other apps name their models by label, not by import: the public side imports this module and must
not reach the case models (.importlinter ``public-side``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop  # permission names: stored in English, read in the reader's

from rightsdesk.cases import choices as c

CASE, PUBLIC_RECORD = "cases.Case", "transparency.PublicRecord"


class LawType(models.TextChoices):
    COPYRIGHT = "copyright", _("Copyright")
    DEFAMATION = "defamation", _("Defamation")
    PRIVACY = "privacy", _("Privacy and data protection")
    NATIONAL_SECURITY = "national_security", _("National security")
    PLATFORM_REGULATION = "platform_regulation", _("Platform regulation")
    CRIMINAL_CODE = "criminal_code", _("Criminal code")
    ELECTION_LAW = "election_law", _("Election law")
    OTHER = "other", _("Other")


class Branch(models.TextChoices):
    COURT = "court", _("Court")
    POLICE = "police", _("Police")
    MINISTRY = "ministry", _("Ministry")
    REGULATOR = "regulator", _("Regulator")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    OTHER = "other", _("Other")


class LinkSource(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested and confirmed")
    MANUAL = "manual", _("Chosen by staff")
    BULK = "bulk", _("Bulk mapping of old cases")
    DEMO = "demo", _("Demo data")


class Instrument(models.Model):
    """One legal instrument, or one provision of it (``provision`` empty: the instrument as a whole)."""

    #: Stable identifier used in URLs, exports and the seed file (e.g. ``us-dmca-512``); never changes.
    key = models.SlugField(_("identifier"), max_length=64, unique=True,
                           help_text=_("Lower-case letters, digits and hyphens; used in citable URLs. Never change it."))
    #: ISO 3166 country code, or "EU" (European Union) or "INT" (international).
    jurisdiction = models.CharField(_("jurisdiction"), max_length=3, db_index=True,
                                    help_text=_("Country code (e.g. DE), or EU, or INT."))
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100)
    provision = models.CharField(_("provision or article"), max_length=100, blank=True)
    law_type = models.CharField(_("type of law"), max_length=32, choices=LawType.choices, db_index=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True,
                                 help_text=_("Where the official text can be read."))
    #: Other ways requests write it, one per line (matched case-insensitively as whole words).
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    #: Regular expressions matching its citations (``laws.matching``), one per line; optional.
    patterns = models.JSONField(_("citation patterns"), default=list, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["jurisdiction", "short_name", "provision"]
        verbose_name = _("legal instrument")
        verbose_name_plural = _("legal instruments")
        permissions = [("manage_registry", gettext_noop("Can edit the registry of laws and authorities"))]

    def __str__(self) -> str:
        return f"{self.short_name} {self.provision}".strip()


class Authority(models.Model):
    """A requesting authority: a court, the police, a ministry, a regulator, a prosecutor."""

    key = models.SlugField(_("identifier"), max_length=64, unique=True,
                           help_text=_("Lower-case letters, digits and hyphens; used in citable URLs. Never change it."))
    #: ISO 3166 country code, or "EU"/"INT" for supranational bodies.
    country = models.CharField(_("country"), max_length=3, db_index=True)
    level = models.CharField(_("level"), max_length=32, choices=c.AuthorityLevel.choices, default=c.AuthorityLevel.NATIONAL)
    branch = models.CharField(_("branch"), max_length=32, choices=Branch.choices, db_index=True)
    name = models.CharField(_("name"), max_length=300)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("requesting authority")
        verbose_name_plural = _("requesting authorities")

    def __str__(self) -> str:
        return self.name


class CaseInstrument(models.Model):
    """A person confirmed that this case invokes this instrument."""

    case = models.ForeignKey(CASE, on_delete=models.CASCADE, related_name="law_links")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="case_links")
    source = models.CharField(max_length=16, choices=LinkSource.choices, default=LinkSource.MANUAL)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "instrument"], name="laws_case_instrument_once")]
        verbose_name = _("law invoked by a case")
        verbose_name_plural = _("laws invoked by cases")


class CaseAuthority(models.Model):
    """A person confirmed that this authority sent the case (one per case)."""

    case = models.OneToOneField(CASE, on_delete=models.CASCADE, related_name="authority_link")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="case_links")
    source = models.CharField(max_length=16, choices=LinkSource.choices, default=LinkSource.MANUAL)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("authority of a case")
        verbose_name_plural = _("authorities of cases")


class PublicRecordInstrument(models.Model):
    """An instrument of a published record, copied from the case's confirmed links when it is published."""

    record = models.ForeignKey(PUBLIC_RECORD, on_delete=models.CASCADE, related_name="law_links")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="public_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "instrument"], name="laws_record_instrument_once")]


class PublicRecordAuthority(models.Model):
    """The authority of a published record, copied from the case's confirmed link when it is published."""

    record = models.OneToOneField(PUBLIC_RECORD, on_delete=models.CASCADE, related_name="authority_link")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="public_links")


class RegistryEvent(models.Model):
    """History of the registry and of the links: an edit, a confirmation, a bulk mapping. Never the free text."""

    class Event(models.TextChoices):
        INSTRUMENT_ADDED = "instrument_added", _("Instrument added")
        INSTRUMENT_CHANGED = "instrument_changed", _("Instrument changed")
        AUTHORITY_ADDED = "authority_added", _("Authority added")
        AUTHORITY_CHANGED = "authority_changed", _("Authority changed")
        CASE_LINKED = "case_linked", _("Case linked")
        CASE_UNLINKED = "case_unlinked", _("Case link removed")
        BULK_MAPPED = "bulk_mapped", _("Old cases mapped in bulk")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    event = models.CharField(max_length=32, choices=Event.choices)
    instrument = models.ForeignKey(Instrument, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    authority = models.ForeignKey(Authority, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    case = models.ForeignKey(CASE, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    #: Field names changed, case counts, references: never a case's free text.
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
