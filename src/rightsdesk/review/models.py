"""What the staff record while reviewing a case.

The case itself (state, outcome, per-item decisions) lives in the cases app and
is written only through its services and workflow. This app keeps the review's
own records beside it: the due-diligence checklist, the decision proposals that
carry four-eyes approval, notes between staff, messages to the requester,
claims of a case by a reviewer, and the emergency record. All are append-mostly
and point at the case, so removing one never touches the case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.privacy.fields import EncryptedJSONField, EncryptedTextField
from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import is_emergency  # noqa: F401  (re-exported: the rule lives in cases.policy)


class ChecklistAnswer(models.Model):
    """One answer of the due-diligence checklist (questions are in ``checklist.QUESTIONS``)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="checklist_answers")
    question = models.CharField(_("question"), max_length=64)
    answer = models.CharField(_("answer"), max_length=32)
    note = EncryptedTextField(_("note"), blank=True)  # reviewers write what they checked, names included
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        constraints = [models.UniqueConstraint(fields=["case", "question"], name="review_one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.question}: {self.answer}"


class DecisionProposal(models.Model):
    """A decision sent for four-eyes approval, frozen as it was submitted.

    ``items`` is a snapshot of every item's action, ground, reason, countries
    and fields at submission; the approver approves exactly that, and a case
    whose items changed since must be submitted again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="decision_proposals")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    # Copies of the case's private decision texts and items (URLs, grounds, reasons): encrypted like the originals.
    summary = EncryptedTextField(_("reasons for the decision"), blank=True)
    items = EncryptedJSONField(_("items as proposed"), default=list)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = EncryptedTextField(_("approver's note"), blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("decision proposal")
        verbose_name_plural = _("decision proposals")

    def __str__(self) -> str:
        return f"Proposal {self.pk} for {self.case_id} ({self.status})"


class Note(models.Model):
    """A note between staff on a case. Never shown to the requester or published."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="staff_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("staff note")
        verbose_name_plural = _("staff notes")

    def __str__(self) -> str:
        return f"Note {self.pk} on case {self.case_id}"


class MessageToRequester(models.Model):
    """A message to the requester: a question, a request to narrow, or an update."""

    class Purpose(models.TextChoices):
        CLARIFY = "clarify", _("Ask for clarification")
        NARROW = "narrow", _("Ask to narrow the request")
        COMPLETE = "complete", _("Ask for missing information")
        UPDATE = "update", _("Update without a question")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="messages_to_requester")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices, default=Purpose.CLARIFY)
    body = EncryptedTextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)
    emailed = models.BooleanField(_("sent by e-mail"), default=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message to the requester")
        verbose_name_plural = _("messages to the requester")

    def __str__(self) -> str:
        return f"Message {self.pk} on case {self.case_id}"


class Assignment(models.Model):
    """Each claim, takeover, reassignment or release of a case: who works on it, and why it changed."""

    class Kind(models.TextChoices):
        # Translators: a kind of assignment: a staff member took the case to work on it themselves.
        CLAIM = "claim", _("Claimed")
        TAKEOVER = "takeover", _("Taken over")
        REASSIGN = "reassign", _("Reassigned")
        RELEASE = "release", _("Released")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assignments")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    previous = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")


class EmergencyRecord(models.Model):
    """The fast-track facts of an emergency: when on-call staff were alerted, and any voluntary disclosure."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="emergency_record")
    alerted_at = models.DateTimeField(_("on-call staff alerted"), null=True, blank=True)
    alerted_count = models.PositiveIntegerField(_("people alerted"), default=0)
    voluntary_disclosure = models.BooleanField(_("voluntary disclosure made"), default=False)
    disclosed_at = models.DateTimeField(_("disclosed"), null=True, blank=True)
    disclosed_to = models.CharField(_("disclosed to (authority)"), max_length=300, blank=True,
                                    help_text=_("The authority that received the data, e.g. a police force. Not a private person."))
    disclosure_note = EncryptedTextField(_("what was disclosed and why"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = _("emergency record")
        verbose_name_plural = _("emergency records")


class DeadlineRule(models.Model):
    """An installation's own deadline for a kind (or every kind) in a state, over the table and the settings.

    Administrators set these in the admin; ``deadlines.table()`` reads them
    last, so they win over ``DEFAULT_DEADLINES`` and ``RIGHTSDESK_DEADLINES``.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=c.Kind.choices, blank=True,
                            help_text=_("Leave empty for every kind without a rule of its own."))
    state = models.CharField(_("state"), max_length=32, choices=c.State.choices)
    hours = models.DecimalField(_("hours allowed"), max_digits=7, decimal_places=2, null=True, blank=True,
                                help_text=_("Empty means no deadline in this state."))

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [models.UniqueConstraint(fields=["kind", "state"], name="review_one_rule_per_kind_state")]

    def __str__(self) -> str:
        return f"{self.kind or '*'} / {self.state}: {self.hours if self.hours is not None else '—'} h"


class SavedFilter(models.Model):
    """A queue filter a staff member named and keeps for themselves (the query string of the queue page)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_queue_filters")
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filter"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("saved queue filter")
        verbose_name_plural = _("saved queue filters")
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="review_one_filter_name_per_user")]

    def __str__(self) -> str:
        return self.name


class ReplyTemplate(models.Model):
    """A canned reply or reason text staff insert into a message to the requester or a decision's reasons.

    Managed by staff in the admin, per kind of request (or every kind) and per language.
    """

    class Use(models.TextChoices):
        MESSAGE = "message", _("Message to the requester")
        REASON = "reason", _("Reasons for a decision")

    title = models.CharField(_("title"), max_length=120)
    use = models.CharField(_("used for"), max_length=16, choices=Use.choices, default=Use.MESSAGE)
    kind = models.CharField(_("kind"), max_length=32, choices=c.Kind.choices, blank=True,
                            help_text=_("Leave empty for every kind."))
    language = models.CharField(_("language"), max_length=16, blank=True,
                                help_text=_("The language of the text, e.g. en or ar. Leave empty for any."))
    body = models.TextField(_("text"))
    active = models.BooleanField(_("offered"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["use", "title", "id"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")

    def __str__(self) -> str:
        return self.title
