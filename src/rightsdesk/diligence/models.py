"""The due-diligence register: human-rights impact assessments, their risks and mitigations.

The UN Guiding Principles and the GNI principles ask for human-rights impact
assessments of new products, markets and data practices, with the risks found,
what is done about them, by whom and by when, and a date to look again. The
register holds exactly that; it is about policies and products, so it holds
no personal data beyond staff accounts as owners.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.core.versions import changed_fields, fields_version, text_version


class Right(models.TextChoices):
    PRIVACY = "privacy", _("Privacy")
    EXPRESSION = "expression", _("Freedom of expression")
    INFORMATION = "information", _("Access to information")
    ASSEMBLY = "assembly", _("Freedom of assembly and association")
    NON_DISCRIMINATION = "non_discrimination", _("Non-discrimination")
    LIFE_SECURITY = "life_security", _("Life, liberty and security")
    FAIR_TRIAL = "fair_trial", _("Fair trial and remedy")
    CHILD = "child", _("Rights of the child")
    EDUCATION = "education", _("Education and science")
    CULTURE = "culture", _("Cultural participation and languages")


class PublicWording(models.Model):
    """The wording of an item as the yearly human-rights report may show it, reviewed by staff.

    ``public_draft`` is what staff write (``public_drafted_by`` who last saved it); ``public_text`` is the copy a
    reviewer other than its writer approved (with who and when). Only ``public_text`` of a reviewed item ever reaches
    the public page; editing the draft changes nothing public until it is reviewed again. The register's own text (descriptions, summaries) never leaves.
    """

    public_draft = models.TextField(_("public wording (draft)"), blank=True)
    #: Who last saved the draft: the four-eyes rule (accounts.access.refuse_own_work) bars them from approving it.
    public_drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                          on_delete=models.SET_NULL, related_name="+")
    public_text = models.TextField(_("public wording (reviewed)"), blank=True, editable=False)
    public_reviewed_at = models.DateTimeField(_("public wording reviewed"), null=True, blank=True, editable=False)
    public_reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                           on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True

    @property
    def public_wording_pending(self) -> bool:
        """A draft that differs from what was reviewed (or nothing reviewed yet)."""
        return bool(self.public_draft.strip()) and self.public_draft.strip() != self.public_text


class Assessment(PublicWording):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=300)
    subject = models.CharField(_("what is assessed"), max_length=300,
                               help_text=_("A product, a market, a policy, a data practice or a kind of request."))
    summary = models.TextField(_("summary"), blank=True)
    rights_at_stake = models.JSONField(_("rights at stake"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    review_on = models.DateField(_("review date"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review_on", "id"]
        verbose_name = _("human-rights impact assessment")
        verbose_name_plural = _("human-rights impact assessments")

    def __str__(self) -> str:
        return self.title

    def get_rights_display(self) -> list[str]:
        labels = dict(Right.choices)
        return [str(labels.get(r, r)) for r in self.rights_at_stake]

    @property
    def review_overdue(self) -> bool:
        return self.status != self.Status.ARCHIVED and self.review_on < timezone.localdate()

    #: What the assessment's edit form changes: its version is theirs (:attr:`edit_version`).
    EDITED_FIELDS = ("title", "subject", "summary", "rights_at_stake", "status", "owner", "assessed_on", "review_on")

    def _edited_values(self) -> list:
        return [self.serializable_value(name) for name in self.EDITED_FIELDS]

    @property
    def edit_version(self) -> str:
        """The version of the assessment an edit form showed (core.versions): a fingerprint of each field it
        changes, so a save refused for a colleague's change can name the fields changed (:meth:`changed_since`)."""
        return fields_version(self._edited_values())

    def changed_since(self, seen: str | None) -> list[str]:
        """The fields changed since the page that showed version ``seen`` (none named when it is not a version)."""
        return changed_fields(seen, self.EDITED_FIELDS, self._edited_values())


LEVEL = [(1, _("1 — low")), (2, _("2 — moderate")), (3, _("3 — high")), (4, _("4 — severe"))]


class Risk(PublicWording):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField(_("risk"))
    right = models.CharField(_("right affected"), max_length=32, choices=Right.choices)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=LEVEL,
                                                validators=[MinValueValidator(1), MaxValueValidator(4)])
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), choices=LEVEL,
                                                  validators=[MinValueValidator(1), MaxValueValidator(4)])

    class Meta:
        ordering = ["-severity", "-likelihood", "id"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def score(self) -> int:
        """Severity times likelihood, 1 to 16; 9 and above is high."""
        return self.severity * self.likelihood

    @property
    def level(self) -> str:
        return "high" if self.score >= 9 else "medium" if self.score >= 4 else "low"


class Mitigation(PublicWording):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="mitigations")
    description = models.TextField(_("mitigation"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("mitigation")
        verbose_name_plural = _("mitigations")

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def status_version(self) -> str:
        """The version of the status a page showed (core.versions): its status form sends it back."""
        return text_version(self.status)

    @property
    def overdue(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS) and self.due_on < timezone.localdate()
