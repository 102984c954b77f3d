"""What an appeal adds to its Case: who filed it, and what the appellant added afterwards.

An appeal is a Case of kind "appeal" with ``appeal_of`` pointing at the
decision it challenges (cases app). ``AppealFiling`` says who filed it and
through which notice's link; ``AppealMessage`` keeps what the appellant adds
after filing, private and encrypted at rest like the request itself: staff
pages show it only with cases.access_private_data and audit each look.

The tables keep the names they had when these models lived in the notices
app (``notices_appealfiling``, ``notices_appealmessage``): the move changed
no data (see migrations/0001_initial.py).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.cases.models import Case
from rightsdesk.notices.models import Notice
from rightsdesk.privacy.fields import EncryptedTextField


class AppealFiling(models.Model):
    """Who filed an appeal (an appeal is a Case of kind "appeal"; this adds what Case has no field for)."""

    appeal = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="appeal_filing")
    appellant_role = models.CharField(_("appellant"), max_length=32, choices=Notice.RECIPIENT_ROLES)
    notice = models.ForeignKey(Notice, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               help_text=_("The notice whose link the appeal was filed through."))
    filed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "notices_appealfiling"
        verbose_name = _("appeal filing")
        verbose_name_plural = _("appeal filings")


class AppealMessage(models.Model):
    """Something the appellant added to an appeal after filing it (private, like the request)."""

    appeal = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeal_messages")
    text = EncryptedTextField(_("information added"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "notices_appealmessage"
        ordering = ["created_at", "id"]
        verbose_name = _("appeal message")
        verbose_name_plural = _("appeal messages")


class OutOfCourtDispute(models.Model):
    """A dispute about a decision taken to a certified out-of-court dispute settlement body (DSA Art. 21), recorded
    by staff; counted in the EU template's part 7."""

    class Outcome(models.TextChoices):
        PENDING = "", _("Not decided yet")
        UPHELD = "upheld", _("Decision upheld")
        REVERSED = "reversed", _("Decision reversed")
        PARTLY_REVERSED = "partly_reversed", _("Decision partly reversed")
        OMITTED = "omitted", _("Settled without a decision")

    #: The decision disputed (its case) or the appeal about it.
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="out_of_court_disputes",
                             verbose_name=_("case or appeal"))
    body = models.CharField(_("dispute settlement body"), max_length=200)
    received_on = models.DateField(_("received"))
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices, blank=True)
    #: None until decided.
    implemented = models.BooleanField(_("outcome implemented"), null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("out-of-court dispute")
        verbose_name_plural = _("out-of-court disputes")

    def __str__(self) -> str:
        return f"{self.body} ({self.received_on})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.decided_on and self.received_on and self.decided_on < self.received_on:
            raise ValidationError({"decided_on": _("The decision cannot come before the dispute was received.")})
        if bool(self.decided_on) != bool(self.outcome):
            raise ValidationError({"outcome": _("Give both the date of the decision and its outcome, or neither.")})
        if self.implemented is not None and not self.outcome:
            raise ValidationError({"implemented": _("Say whether the outcome was implemented once it is decided.")})


class ProcessingSuspension(models.Model):
    """A suspension of the processing of someone's notices or complaints because they frequently sent manifestly
    unfounded ones, after a warning (DSA Art. 23(2) and (3)); counted in the EU template's part 7."""

    class Reason(models.TextChoices):
        UNFOUNDED_NOTICES = "unfounded_notices", _("Manifestly unfounded notices")
        UNFOUNDED_COMPLAINTS = "unfounded_complaints", _("Manifestly unfounded complaints")

    reason = models.CharField(_("reason"), max_length=32, choices=Reason.choices)
    #: The latest case (notice or appeal) that led to the suspension.
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="processing_suspensions",
                             verbose_name=_("case or appeal"))
    warned_on = models.DateField(_("warned"))
    starts_on = models.DateField(_("takes effect"))
    ends_on = models.DateField(_("ends"))
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("suspension of processing")
        verbose_name_plural = _("suspensions of processing")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.starts_on})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.warned_on and self.starts_on and self.warned_on > self.starts_on:
            raise ValidationError({"warned_on": _("The warning must come before the suspension.")})
        if self.ends_on and self.starts_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The end date must be after the date the suspension takes effect.")})
