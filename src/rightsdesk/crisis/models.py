"""Crisis response: a declared crisis, the cases it covers, and the stricter checks it brings.

A crisis is declared by staff (trust and safety or legal approvers) when malign actors target a community: an
election, a coup, a campaign against editors of one language. While it runs, cases from its countries or projects,
received within its dates, are tagged (:class:`CrisisCase`), come first in the queues after emergencies, and
stricter rules apply (``crisis.rules``): two distinct legal approvers for user-data requests from its countries
(:class:`CrisisApproval`), a recorded safety review before a notice goes to an affected user
(:class:`SafetyReview`). When it ends, a summary is stored for the human-rights register.

What staff write here (the title, what is happening, safety notes) is for staff only. The public sees a crisis
only through its reviewed public wording (``public_text``) on the yearly human-rights report, and as counts in the
period report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop  # permission names: stored in English, read in the reader's

from rightsdesk.cases.models import Case
from rightsdesk.core.sites import own_hosts
from rightsdesk.core.examples import with_examples
from rightsdesk.privacy.fields import EncryptedTextField


class CrisisKind(models.TextChoices):
    ELECTION = "election", _("Election")
    COUP = "coup", _("Coup or unconstitutional change of government")
    UNREST = "unrest", _("Civil unrest or protests")
    ARMED_CONFLICT = "armed_conflict", _("Armed conflict")
    TARGETED_CAMPAIGN = "targeted_campaign", _("Campaign targeting a community")
    SHUTDOWN = "shutdown", _("Internet shutdown or blocking")
    DISASTER = "disaster", _("Natural or humanitarian disaster")
    OTHER = "other", _("Other")


#: The longest situation staff may write, in characters: as long as a request's text (intake's MAX_TEXT_CHARS).
#: The situation is encrypted and has no column length; 63,000 characters were accepted.
SITUATION_MAX = 20_000


def longest(name: str) -> int:
    """The longest text a crisis's field takes: its column's length, or :data:`SITUATION_MAX` for the situation
    (``description``). ``crisis.services.clean`` refuses a longer one (``core.errors.refuse_if_too_long``), the text
    given back whole, never cut."""
    if name == "description":
        return SITUATION_MAX
    return Crisis._meta.get_field(name).max_length


class CrisisQuerySet(models.QuerySet):
    def running(self, today=None):
        """Declared, started, not ended: its stricter rules apply."""
        today = today or timezone.localdate()
        return self.filter(starts_on__lte=today, ended_at__isnull=True).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today))

    def overlapping(self, first_day, last_day):
        """Crises whose dates meet the days from ``first_day`` to ``last_day`` (inclusive)."""
        return self.filter(starts_on__lte=last_day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first_day))


class Crisis(models.Model):
    title = models.CharField(_("name"), max_length=200, help_text=_("For staff, e.g. “2026 general election”."))
    kind = models.CharField(_("what is happening"), max_length=32, choices=CrisisKind.choices)
    description = EncryptedTextField(_("situation"), blank=True,
                                   help_text=_("For staff only: what is happening, who is targeted, what to watch."))
    countries = models.JSONField(_("countries"), default=list, blank=True,
                                 help_text=_("ISO 3166 two-letter codes of the affected countries."))
    projects = models.JSONField(_("projects"), default=list, blank=True,
                                help_text=with_examples(_("Affected projects or sites, e.g. %(site)s.")))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), null=True, blank=True, help_text=_("Empty: until it is ended."))
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("coordinator"), on_delete=models.PROTECT,
                                    related_name="+")
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    #: The post-crisis summary (crisis.stats.summary): counts only, for the human-rights register.
    summary = models.JSONField(_("post-crisis summary"), null=True, blank=True)
    # The wording the yearly human-rights report may show, reviewed like the register's (diligence.PublicWording).
    public_draft = models.TextField(_("public wording (draft)"), blank=True)
    public_drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                          on_delete=models.SET_NULL, related_name="+")
    public_text = models.TextField(_("public wording (reviewed)"), blank=True, editable=False)
    public_reviewed_at = models.DateTimeField(_("public wording reviewed"), null=True, blank=True, editable=False)
    public_reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                           on_delete=models.SET_NULL, related_name="+")

    objects = CrisisQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("crisis")
        verbose_name_plural = _("crises")
        permissions = [
            ("declare_crisis", gettext_noop("Can declare, edit and end a crisis")),
            ("review_safety", gettext_noop("Can record the safety review of a notice during a crisis")),
            ("review_public_wording", gettext_noop("Can approve the public wording of the human-rights report")),
        ]

    def __str__(self) -> str:
        return self.title

    def is_running(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (self.ended_at is None and self.starts_on <= today
                and (self.ends_on is None or self.ends_on >= today))

    def covers_day(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @property
    def public_sites(self) -> list[str]:
        """The projects as public pages may name them (the human-rights report, the period report): the platform's
        own sites, by host, each once. The projects are typed by staff and are no part of the reviewed wording; a
        user page or a volunteer's own site typed there is never shown (``core.sites.own_hosts``)."""
        return own_hosts(self.projects)

    @property
    def public_wording_pending(self) -> bool:
        return bool(self.public_draft.strip()) and self.public_draft.strip() != self.public_text


class CrisisCase(models.Model):
    """A case tagged as part of a crisis (when the case arrived, or by the sweep when the crisis was declared)."""

    class Via(models.TextChoices):
        ARRIVAL = "arrival", _("Tagged on arrival")
        SWEEP = "sweep", _("Tagged when the crisis was declared or changed")

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="tags")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="crisis_tags")
    via = models.CharField(max_length=16, choices=Via.choices)
    tagged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["crisis", "case"]
        constraints = [models.UniqueConstraint(fields=["crisis", "case"], name="crisis_case_once")]
        verbose_name = _("case of a crisis")
        verbose_name_plural = _("cases of a crisis")


class CrisisApproval(models.Model):
    """One legal approver's approval of a pending decision that the crisis rule asks two distinct approvers for."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey("review.DecisionProposal", on_delete=models.CASCADE, related_name="+")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "approver"], name="crisis_approval_once")]


class SafetyReview(models.Model):
    """Someone checked that telling this affected user is safe for them, for this wording of the notice."""

    notice = models.ForeignKey("notices.Notice", on_delete=models.CASCADE, related_name="+")
    version = models.CharField(max_length=32, help_text="notices.services.text_version of the wording reviewed")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(default=timezone.now)
    note = EncryptedTextField(_("what was checked"), blank=True)

    class Meta:
        ordering = ["-reviewed_at", "-id"]
