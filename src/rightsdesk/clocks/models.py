"""Statutory deadlines: the rules the law sets (as data, each citing its source) and the clocks they run per case.

The "respond within N hours" service targets stay in review.deadlines; a clock here is a legal deadline that
belongs to one case and one rule, and keeps the due date computed when it started (a later change of the rule
recomputes only clocks still running, never one already met or overdue).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.core.errors import DomainError
from rightsdesk.core.lists import and_list

from .calendar import check_jurisdiction


class ClockType(models.TextChoices):
    HOURS = "hours", _("Calendar hours")
    BUSINESS_DAYS = "business_days", _("Business days of the jurisdiction")
    MONTHS = "months", _("Calendar months")


class StartEvent(models.TextChoices):
    RECEIVED = "received", _("Request received")
    ACKNOWLEDGED = "acknowledged", _("Request acknowledged")
    COUNTER_NOTICE_RECEIVED = "counter_notice_received", _("Counter-notice received")
    ORDER_DATE = "order_date", _("Date of the order (typed by staff)")


class OnExpiry(models.TextChoices):
    ALERT = "alert", _("Alert the person handling the case")
    ESCALATE = "escalate", _("Escalate to the legal approvers")
    STEP = "step", _("A step for the legal approvers to take")


class ClockRule(models.Model):
    """A deadline the law sets, for some kinds of request in one jurisdiction, citing its legal source."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kinds = models.JSONField(_("kinds of request"), default=list, blank=True,
                             help_text=_("Case kinds the rule applies to (cases.choices.Kind values); empty: every kind."))
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=2,
        help_text=_("ISO country code of the case's country (e.g. US, DE), or EU for every member state."))
    subdivision = models.CharField(_("subdivision"), max_length=10, blank=True,
                                   help_text=_("Optional ISO subdivision (e.g. CA, BY) for its public holidays."))
    ground = models.CharField(_("ground"), max_length=32, blank=True,
                              help_text=_("Optional ground of the complaint (cases.choices.ContentGround value)."))
    law_match = models.CharField(
        _("law invoked contains"), max_length=200, blank=True,
        help_text=_("Optional words, separated by |, one of which the case's 'law or rule invoked' must contain. "
                    "With a ground as well, either one is enough."))
    clock_type = models.CharField(_("clock type"), max_length=16, choices=ClockType.choices)
    duration = models.PositiveIntegerField(_("duration"), help_text=_("In hours, business days or months."))
    minimum = models.PositiveIntegerField(
        _("no sooner than"), null=True, blank=True,
        help_text=_("Optional earliest point, in the same unit (the counter-notice's 10 business days)."))
    extension = models.PositiveIntegerField(
        _("extension"), null=True, blank=True,
        help_text=_("Optional extension or renewal the law allows, in the same unit (GDPR: 2 months)."))
    max_extensions = models.PositiveSmallIntegerField(_("extensions allowed"), default=0)
    start_event = models.CharField(_("starts at"), max_length=32, choices=StartEvent.choices)
    on_expiry = models.CharField(_("when it runs out"), max_length=16, choices=OnExpiry.choices)
    step = models.CharField(_("step to take"), max_length=300, blank=True,
                            help_text=_("What a person must do when the clock runs out."))
    source = models.CharField(_("legal source"), max_length=300,
                              help_text=_("The law and article that set the deadline."))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["jurisdiction", "key"]
        verbose_name = _("statutory deadline rule")
        verbose_name_plural = _("statutory deadline rules")

    def __str__(self) -> str:
        return f"{self.name} ({self.source})"

    def clean(self):
        from rightsdesk.cases import choices as c

        errors = {}
        if self.source and not self.source.strip():  # spaces only; an empty source is the field's own check
            errors["source"] = _("Name the law and article that set this deadline.")
        unknown = [k for k in (self.kinds or []) if k not in c.Kind.values]
        if unknown:
            errors["kinds"] = _("Unknown kinds: %(kinds)s.") % {"kinds": and_list(map(str, unknown), isolated=True)}
        if self.ground and self.ground not in c.ContentGround.values:
            errors["ground"] = _("Unknown ground: %(ground)s.") % {"ground": self.ground}
        if self.duration is not None and self.duration < 1:
            errors["duration"] = _("A deadline must be at least 1 (hour, business day or month): type how long the "
                                   "law allows.")
        if self.extension is not None and self.extension < 1:
            errors["extension"] = _("An extension must be at least 1, in the rule's unit; leave it empty if the law "
                                    "allows none.")
        if self.start_event and self.start_event not in StartEvent.values:
            errors["start_event"] = _("Choose when the clock starts from the list.")
        if self.minimum is not None and self.duration is not None and self.minimum > self.duration:
            errors["minimum"] = _("The earliest point must not be after the deadline.")
        if self.max_extensions and not self.extension:
            errors["extension"] = _("Say how long an extension is.")
        if errors:
            raise ValidationError(errors)
        try:
            check_jurisdiction(self.jurisdiction, self.subdivision)
        except DomainError as error:
            raise ValidationError({error.field or "jurisdiction": error.message}) from error


class Closure(models.Model):
    """A day the platform's legal office is closed: not a business day for the clocks."""

    date = models.DateField(_("date"))
    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, blank=True,
                                    help_text=_("ISO country code, or empty for every jurisdiction."))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("office closure")
        verbose_name_plural = _("office closures")

    def __str__(self) -> str:
        return f"{self.date} {self.jurisdiction or '*'}: {self.reason}"


class Clock(models.Model):
    """One rule's deadline on one case: when it started, when it is due, and what happened to it."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused (awaiting information)")
        MET = "met", _("Met")
        OVERDUE = "overdue", _("Overdue")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="clocks")
    rule = models.ForeignKey(ClockRule, on_delete=models.PROTECT, related_name="clocks")
    jurisdiction = models.CharField(max_length=2)
    subdivision = models.CharField(max_length=10, blank=True)
    started_at = models.DateTimeField(_("started"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RUNNING, db_index=True)
    earliest_at = models.DateTimeField(_("no sooner than"), null=True, blank=True)
    computed_due_at = models.DateTimeField(_("computed deadline"))
    due_at = models.DateTimeField(_("deadline"), db_index=True)
    #: How far pauses moved the clock, in the rule's unit (business days; seconds for hours; days for months).
    shift = models.IntegerField(default=0)
    paused_at = models.DateTimeField(null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(_("reason for the extension sent to the requester"), blank=True)
    override_at = models.DateTimeField(_("deadline typed by staff"), null=True, blank=True)
    override_reason = models.TextField(blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The rule's terms when the clock started: a deadline already running keeps the terms it started under, so
    # a later change of the rule (in the rule editor) never rewrites it; only clocks started afterwards use the
    # new terms.
    clock_type = models.CharField(_("clock type"), max_length=16, choices=ClockType.choices)
    duration = models.PositiveIntegerField(_("duration"))
    minimum = models.PositiveIntegerField(_("no sooner than"), null=True, blank=True)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    max_extensions = models.PositiveSmallIntegerField(_("extensions allowed"), default=0)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "rule"], name="clock_one_per_case_and_rule")]
        verbose_name = _("statutory clock")
        verbose_name_plural = _("statutory clocks")

    def __str__(self) -> str:
        return f"{self.case_id} {self.rule.key} due {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_live(self) -> bool:
        return self.status in (self.Status.RUNNING, self.Status.PAUSED)

    def take_terms(self, rule: ClockRule) -> None:
        """Copy the rule's terms onto the clock (when it starts; never afterwards)."""
        for field in TERMS:
            setattr(self, field, getattr(rule, field))

    @property
    def can_extend(self) -> bool:
        return self.is_live and bool(self.extension) and self.extensions < self.max_extensions


#: The terms of a rule a clock keeps from its start.
TERMS = ("clock_type", "duration", "minimum", "extension", "max_extensions")


class ClockEvent(models.Model):
    """What happened to a clock, who did it and why: the clock's own history (the case history gets a note too)."""

    class Kind(models.TextChoices):
        STARTED = "started", _("Started")
        PAUSED = "paused", _("Paused")
        RESUMED = "resumed", _("Resumed")
        EXTENDED = "extended", _("Extended")
        OVERRIDDEN = "overridden", _("Deadline typed by staff")
        RECOMPUTED = "recomputed", _("Recomputed after a rule change")
        ESCALATED = "escalated", _("Escalated")
        MET = "met", _("Met")

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    due_before = models.DateTimeField(null=True, blank=True)
    due_after = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("clock event")
        verbose_name_plural = _("clock events")


class ClockRuleChange(models.Model):
    """One change of a rule made in the rule editor: who, when, what changed (before and after) and why.

    Append-only: the rule editor writes one row per change and nothing updates or deletes one.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        RETIRED = "retired", _("Retired")
        REACTIVATED = "reactivated", _("Put back into use")

    rule = models.ForeignKey(ClockRule, on_delete=models.PROTECT, related_name="changes")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=16, choices=Action.choices)
    #: Field name -> [before, after] (before is null for a new rule).
    changes = models.JSONField(default=dict)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change of a deadline rule")
        verbose_name_plural = _("changes of deadline rules")


class CaseTimes(models.Model):
    """When a case was first claimed and first answered by staff: stored once, when it happens, so the period
    report computes its medians (time to first response) from columns instead of reading every case's history.

    Filled by review.services (claiming, assigning, writing to the requester) through clocks.times; one row per
    case, created when the first of the two happens.
    """

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="times", primary_key=True)
    claimed_at = models.DateTimeField(_("first claimed"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first written to the requester"), null=True, blank=True)

    class Meta:
        verbose_name = _("response times of a case")
        verbose_name_plural = _("response times of cases")
