"""Open data for researchers: researcher API tokens, their rate counts, and notices sent to Lumen.

The bulk files themselves are files (``bulk.py`` writes them under ``conf.data_dir()``), not rows.
The public side (``researchers.py``) reads a token's digest, expiry and revocation by the model's label,
never importing this module: it would reach the encrypted contact field's code (.importlinter ``public-side``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.privacy.fields import EncryptedTextField

#: The public record is named by its label: this app's public modules must not import private ones.
PUBLIC_RECORD = "transparency.PublicRecord"


class ResearcherTokenQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


#: Requests a minute a researcher token may make unless told otherwise (``tokens.issue``, the command, the staff
#: form). Kept here, beside the field whose default it is, so the services import it from the models.
DEFAULT_PER_MINUTE = 3000


class ResearcherToken(models.Model):
    """A researcher's API token, issued by an administrator on request: higher rate limits and the whole log.

    It opens nothing more than the public record: the same notices API, without its depth cap, and links to the
    bulk files. The token itself is shown once when issued; only its digest is kept.
    """

    organisation = models.CharField(_("organisation"), max_length=300)
    #: The person who asked for it (name and e-mail): personal data, encrypted (cases.policy.RESEARCHER_PERSONAL_FIELDS).
    contact = EncryptedTextField(_("contact"), max_length=500)
    purpose = models.CharField(_("purpose"), max_length=500, blank=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False)
    #: Requests per minute allowed to this token (the anonymous limit is conf.ANONYMOUS_PER_MINUTE).
    per_minute = models.PositiveIntegerField(_("requests per minute"), default=DEFAULT_PER_MINUTE)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = ResearcherTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("researcher token")
        verbose_name_plural = _("researcher tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.organisation})"


class ApiRateCount(models.Model):
    """Requests to the public API in one window, per client (a keyed digest of the address or token id)."""

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)


class LumenSubmission(models.Model):
    """Where one published notice stands with Lumen's notice-submission API."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not yet sent")
        SUBMITTED = "submitted", _("Stored by Lumen (201)")
        REJECTED = "rejected", _("Rejected by Lumen (422)")
        FAILED = "failed", _("Failed, to retry")

    record = models.OneToOneField(PUBLIC_RECORD, on_delete=models.CASCADE, related_name="lumen_submission")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    #: Lumen's id of the stored notice (from the response body, or the Location header).
    lumen_id = models.CharField(max_length=64, blank=True)
    #: The sha256 (hex) of the payload Lumen stored (``transparency.exports.lumen.digest``), set with the 201: staff
    #: publishing again without changing it opens no removal (``lumen_removals``). Empty: not stored, or stored
    #: before digests were kept (unknown: treated as changed).
    payload_digest = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Lumen submission")
        verbose_name_plural = _("Lumen submissions")

    def __str__(self) -> str:
        return f"{self.record_id}: {self.status}"


class LumenRemovalQuerySet(models.QuerySet):
    def still_open(self):
        """Items someone still has to act on: Lumen has not removed the copy, nor did staff record no need to ask."""
        return self.filter(removed_on__isnull=True, not_needed_at__isnull=True)


class LumenRemoval(models.Model):
    """A copy Lumen stored of a notice whose text the log no longer shows: someone must ask Lumen to remove it.

    Lumen's API has neither withdrawal nor update. When a notice is withdrawn from the log, or written again with
    another public text (redacted further by the re-check, or published again by staff), Lumen still shows the text
    it stored, perhaps with the personal data since redacted: ``lumen_removals.open_after_withdrawal`` and
    ``open_after_rewrite`` open one of these (one per copy Lumen stored; :attr:`cause` says why), a person asks Lumen, by
    e-mail or its web form, records it here, then records that Lumen took the copy down (one item per copy). A notice published again
    by staff may have changed only a date or the decision: staff may instead record that there is no need to ask
    (``record_lumen_removal_not_needed``). Open until one of those closes it; the staff page lists it
    (``staff_views``). It holds no text of the notice: Lumen's id, the cause, dates, who recorded them, their note.
    """

    class Cause(models.TextChoices):
        # Strongest first: an open item keeps the strongest cause it was opened or reopened for.
        WITHDRAWN = "withdrawn", _("Withdrawn from the log")
        RECHECKED = "rechecked", _("Redacted further by the re-check")
        REPUBLISHED = "republished", _("Published again by staff")

    #: One item per copy Lumen stored: once Lumen removed a copy of a notice still in the log, the notice's current
    #: text is sent again (``record_lumen_removed``), and a later change opens an item for that new copy.
    submission = models.ForeignKey(LumenSubmission, on_delete=models.CASCADE, related_name="removals")
    #: Lumen's id of the copy to remove (the submission's, when the item was opened).
    lumen_id = models.CharField(max_length=64)
    #: Why the log no longer shows the text Lumen stored.
    cause = models.CharField(max_length=16, choices=Cause.choices, default=Cause.WITHDRAWN)
    #: When the log stopped showing the text Lumen stored: the withdrawal, or the first rewrite after Lumen stored
    #: it (the item's age). Named when withdrawal was the only cause; kept, since the date means the same for both.
    withdrawn_at = models.DateTimeField()
    asked_on = models.DateField(null=True, blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    asked_note = models.TextField(blank=True)
    removed_on = models.DateField(null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    removed_note = models.TextField(blank=True)
    #: Staff recorded that there was no need to ask Lumen (only for :attr:`Cause.REPUBLISHED`), and why; or, whatever
    #: the cause, staff published the notice again as Lumen holds it, before anyone asked Lumen (the note says so). A
    #: later rewrite or withdrawal reopens the item: Lumen's copy then differs from the log by more than judged.
    not_needed_at = models.DateTimeField(null=True, blank=True)
    not_needed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    not_needed_note = models.TextField(blank=True)

    objects = LumenRemovalQuerySet.as_manager()

    class Meta:
        ordering = ["withdrawn_at", "id"]
        constraints = [models.UniqueConstraint(fields=["submission", "lumen_id"], name="lumen_removal_one_per_copy")]
        verbose_name = _("copy to remove from Lumen")
        verbose_name_plural = _("copies to remove from Lumen")

    def __str__(self) -> str:
        state = ("removed" if self.removed_on else "no need" if self.not_needed_at else "asked" if self.asked_on
                 else "to ask")
        return f"Lumen {self.lumen_id} ({self.cause}): {state}"
