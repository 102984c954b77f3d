"""The public notice log: what is published about each decided case, and the redaction behind it.

A case's own text (subject, the request as received, reasons) stays private on
the Case. What the world sees is a :class:`PublicRecord`, a separate row
holding only redacted copies, built by ``publishing.publish`` from a
:class:`RedactionReview` that staff approved. Public pages, the API and the
exports read notices, never cases, so there is no field through which an
original text could leak.

``sort_key`` orders the log (newest decision first) and is the rowid of the
full-text index, so a text search can stream matches in log order and stop
after one page; see docs/public-log.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop  # permission names: stored in English, read in the reader's

from rightsdesk.accountactions import choices as aa
from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import ACCOUNT_NAME_MAX

# The case models are named by their label, not imported: the public side imports this module, and must not
# reach the private models even indirectly (.importlinter).
CASE, TARGET_ITEM = "cases.Case", "cases.TargetItem"
ACCOUNT_ACTION = "accountactions.AccountAction"


class RedactionReview(models.Model):
    """The redaction proposed for a case, the corrections staff made, and who approved it.

    Spans are offsets into the case's current texts (``publishing.source_texts``);
    ``source_digest`` says which version of those texts they were made for,
    so an approval is void once the case's text changes.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Awaiting review")
        APPROVED = "approved", _("Approved")

    case = models.OneToOneField(CASE, on_delete=models.CASCADE, related_name="redaction_review")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    #: {field key: [{"type", "start", "end", "source"}]} exactly as the redactor proposed them.
    proposed_spans = models.JSONField(default=dict, blank=True)
    #: The spans that will be applied: the proposal with staff corrections.
    spans = models.JSONField(default=dict, blank=True)
    #: What staff changed: [{"at", "by", "action", "field", "type", "start", "end"}]; offsets, never text.
    corrections = models.JSONField(default=list, blank=True)
    source_digest = models.CharField(max_length=64)
    proposed_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    #: When re-checking the published notice with the current rules found more to redact (publishing.recheck_published):
    #: the public text was redacted further at once, and this review waits for staff again. Cleared when staff
    #: publish the notice again from the approved review.
    rechecked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("redaction review")
        verbose_name_plural = _("redaction reviews")

    def __str__(self) -> str:
        return f"Redaction of {self.case.reference}"


class PublicRecordQuerySet(models.QuerySet):
    def listed(self):
        """In the public notice log right now (the log's pages, search, API and the Lumen export)."""
        return self.filter(is_public=True)

    def live(self):
        """Approved records not withdrawn by staff: the source of placeholders and DSA statements, listed or not."""
        return self.filter(unpublished_at__isnull=True)


class PublicRecord(models.Model):
    """The reviewed public record of one decided case: the only source of everything the public sees of it.

    Built by ``publishing.publish`` from a RedactionReview that staff approved: redacted copies of every text
    (title, request, reasons, the sender's and principal's names, each item's URL, title, ground and reason) and
    the categorical facts the exports need. Notice pages, log search, the public API, placeholders and their 451
    pages, DSA statements of reasons and the Lumen export read these rows and nothing else (an import-linter
    contract in ``.importlinter`` holds the public modules to it).

    ``listed`` records appear in the public notice log. Kinds that are not published one by one (harm reports,
    for instance) get an unlisted record when an item was restricted: it backs the item's placeholder and its
    DSA statement, and is never shown in the log (``is_public`` stays False).
    """

    public_id = models.CharField(_("public identifier"), max_length=32, unique=True)
    case = models.OneToOneField(CASE, on_delete=models.PROTECT, related_name="public_record")
    redaction = models.ForeignKey(RedactionReview, null=True, on_delete=models.SET_NULL, related_name="+")
    #: Days since 1970 of the decision × 10⁹ + id: unique, orders the log, rowid of the search index.
    sort_key = models.BigIntegerField(unique=True)

    kind = models.CharField(_("kind"), max_length=32, choices=c.Kind.choices)
    content_ground = models.CharField(_("ground"), max_length=32, choices=c.ContentGround.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    outcome = models.CharField(_("outcome"), max_length=32, choices=c.Outcome.choices, blank=True)
    requester_type = models.CharField(_("requester type"), max_length=32, choices=c.RequesterType.choices)
    #: An organisation's public name; empty when the sender is a private person.
    sender_name = models.CharField(_("sender"), max_length=300, blank=True)
    sender_kind = models.CharField(max_length=32, choices=c.EntityKind.choices, default=c.EntityKind.INDIVIDUAL)
    principal_name = models.CharField(_("on behalf of"), max_length=300, blank=True)
    trusted_flagger = models.BooleanField(default=False)
    language = models.CharField(max_length=16, blank=True)
    projects = models.JSONField(default=list, blank=True)

    # Redacted copies; the originals stay on the case.
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("request (redacted)"), blank=True)
    summary = models.TextField(_("reasons for the decision (redacted)"), blank=True)
    law_invoked = models.CharField(_("law invoked"), max_length=500, blank=True)
    # Categorical facts of the decision, copied for the DSA statements of reasons.
    harm_category = models.CharField(max_length=32, choices=c.HarmCategory.choices, blank=True)
    dsa_category = models.CharField(max_length=64, choices=c.DsaCategory.choices, blank=True)
    decision_ground = models.CharField(max_length=32, choices=c.DecisionGround.choices, blank=True)
    source = models.CharField(max_length=32, choices=c.Source.choices, blank=True)
    automated_detection = models.BooleanField(default=False)
    automated_decision = models.CharField(max_length=32, choices=c.AutomatedDecision.choices, blank=True)
    #: Everything searchable, concatenated; the search index is built from it.
    search_text = models.TextField(blank=True)

    received_on = models.DateField(_("received"))
    decided_on = models.DateField(_("decided"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    #: In the public notice log (a listed record that staff have not withdrawn).
    is_public = models.BooleanField(default=True)
    #: Whether the kind is published one by one in the log; unlisted records back placeholders and DSA statements.
    listed = models.BooleanField(default=True)
    unpublished_at = models.DateTimeField(null=True, blank=True)
    unpublish_reason = models.TextField(blank=True)
    #: When the texts the public sees were last written: the first publication, staff publishing again, or the
    #: redaction re-check redacting further (which keeps ``published_at``). Copies made of the log before it (the
    #: open-data releases, ``opendata.bulk.holds_stale``) are out of date, maybe with personal data since redacted.
    texts_written_at = models.DateTimeField(null=True, blank=True)
    #: Set when the case's decision is reopened (an appeal or a correction): the notice stays in the log, saying
    #: that its decision is being made anew, and the case returns to the redaction queue once it is decided again.
    reopened_at = models.DateTimeField(_("decision reopened"), null=True, blank=True)

    objects = PublicRecordQuerySet.as_manager()

    class Meta:
        # Named PublishedNotice until 2026-12 (a log entry, easily confused with notices.Notice, a letter);
        # the table keeps its name so the search index's raw SQL and triggers stay valid.
        db_table = "transparency_publishednotice"
        ordering = ["-sort_key"]
        verbose_name = _("public record")
        verbose_name_plural = _("public records")
        # Every filter of the log has an index that also gives the log's order,
        # so a page is an index range scan whatever the filters.
        indexes = [
            models.Index(fields=["is_public", "sort_key"], name="notice_public_sort"),
            models.Index(fields=["is_public", "kind", "sort_key"], name="notice_kind_sort"),
            models.Index(fields=["is_public", "country", "sort_key"], name="notice_country_sort"),
            models.Index(fields=["is_public", "outcome", "sort_key"], name="notice_outcome_sort"),
            # Kind and country together, the log's commonest pair: without it the page walks one index and
            # checks the other filter on every row (61 ms p95 at 1M on PostgreSQL; performance.md §2).
            models.Index(fields=["is_public", "kind", "country", "sort_key"], name="notice_kind_country_sort"),
        ]
        permissions = [("publish_notice", gettext_noop("Can publish and unpublish notices in the public log"))]

    def __str__(self) -> str:
        return self.public_id

    @property
    def country_name(self) -> str:
        from django_countries import countries

        return countries.name(self.country) if self.country else ""

    @property
    def sender_label(self) -> str:
        """The sender as the public sees it: an organisation's name, or that it was a private person."""
        from django.utils.translation import gettext

        if self.sender_name:
            return self.sender_name
        if self.requester_type == c.RequesterType.ANONYMOUS:
            return gettext("Anonymous")
        return gettext("A private individual")


class PublicRecordItem(models.Model):
    """One targeted item as published: its public location (accounts redacted) and what was done."""

    notice = models.ForeignKey(PublicRecord, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    url = models.CharField(max_length=2000, blank=True)
    project = models.CharField(max_length=200, blank=True)
    page_title = models.CharField(max_length=500, blank=True)
    item_type = models.CharField(max_length=16, choices=c.ItemType.choices, default=c.ItemType.PAGE)
    content_type = models.CharField(max_length=32, choices=c.ContentType.choices, default=c.ContentType.TEXT)
    action = models.CharField(max_length=32, choices=c.Action.choices, blank=True)
    action_countries = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True)
    copyrighted_work = models.CharField(max_length=1000, blank=True)
    copyrighted_url = models.CharField(max_length=2000, blank=True)
    #: The legal or policy ground as reviewed (a placeholder's wording, a statement's legal ground).
    ground = models.CharField(max_length=500, blank=True)
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    content_date = models.DateField(null=True, blank=True)
    action_end_date = models.DateField(null=True, blank=True)
    #: The statement of reasons' platform id, ``<case reference>-<item id>``: stable across republications.
    puid = models.CharField(max_length=100, blank=True)
    #: The public id of the item's placeholder, when the item was removed or restricted; empty otherwise.
    placeholder_id = models.CharField(max_length=32, blank=True, db_index=True)
    legal_demand = models.BooleanField(default=False)
    restored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "transparency_publisheditem"
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["project", "notice"], name="published_item_project")]

    @property
    def placeholder_status(self) -> int:
        """HTTP status of the placeholder page: 451 for legal demands (RFC 7725), 410 removed, 200 otherwise."""
        if self.restored_at:
            return 200
        if self.legal_demand:
            return 451
        return 410 if self.action == c.Action.REMOVE else 200

    def __str__(self) -> str:
        return self.url or self.page_title or f"item {self.position}"


class DsaSubmission(models.Model):
    """Where one statement of reasons stands with the EU Transparency Database."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not yet sent")
        SUBMITTED = "submitted", _("Stored (201)")
        EXISTING = "existing", _("Already stored (duplicate puid)")
        REJECTED = "rejected", _("Rejected (422)")
        FAILED = "failed", _("Failed, to retry")

    puid = models.CharField(max_length=500, unique=True)
    case = models.ForeignKey(CASE, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(TARGET_ITEM, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    uuid = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("DSA submission")
        verbose_name_plural = _("DSA submissions")

    def __str__(self) -> str:
        return f"{self.puid}: {self.status}"


class PublicOfficeActionQuerySet(models.QuerySet):
    def listed(self):
        """On the public office-actions log right now (approved by a person, not withdrawn)."""
        return self.filter(withdrawn_at__isnull=True)


class PublicOfficeAction(models.Model):
    """The reviewed public entry of one approved account action: the only source of the public office-actions log.

    One publisher drafts it on an approved action (``accountactions.services.draft_entry``), another approves the
    draft word for word (``approve_entry``, which writes this row): the action's type, dates, ground and projects,
    a short public wording, and the account name only where ``accountactions.policy.may_name_account`` allows it
    and staff did not withhold it. A withdrawn entry leaves the log and keeps none of its words. Nothing else of
    the action (the other accounts, the evidence, the notes, the signers) is copied here. The public pages
    (``accountactions.public_views``) read these rows and nothing else (``.importlinter``, public-side).
    """

    public_id = models.CharField(_("public identifier"), max_length=32, unique=True)
    action = models.OneToOneField(ACCOUNT_ACTION, on_delete=models.PROTECT, related_name="public_entry")
    action_type = models.CharField(_("action"), max_length=32, choices=aa.ActionType.choices)
    #: For a lifting: the type of the action lifted.
    lifted_type = models.CharField(_("action lifted"), max_length=32, choices=aa.ActionType.choices, blank=True)
    ground = models.CharField(_("policy ground"), max_length=32, choices=aa.PolicyGround.choices)
    #: The account name as published; empty when policy or staff withhold it.
    account_name = models.CharField(_("account"), max_length=ACCOUNT_NAME_MAX, blank=True)
    projects = models.JSONField(_("projects"), default=list, blank=True)
    #: The public wording, reviewed word for word by the person who published it.
    summary = models.TextField(_("public summary"), blank=True)
    starts_on = models.DateField(_("takes effect"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    #: Who withdrew it (why is staff-only: accountactions.AccountAction.public_withdrawal_reason, encrypted).
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")

    #: The entry's words the public saw, emptied when it is withdrawn, as a withdrawn notice's are
    #: (``publishing.WITHDRAWN_TEXTS``): nothing public can show them again; staff read the approved draft on the
    #: action.
    WITHDRAWN_TEXTS = ("summary", "account_name")

    objects = PublicOfficeActionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        permissions = [("publish_publicofficeaction", gettext_noop("Can publish entries of the public office-actions log"))]
        verbose_name = _("public office action")
        verbose_name_plural = _("public office actions")

    def __str__(self) -> str:
        return self.public_id
