"""The case: one request or report, its parties, the items it targets and its history.

The model stores facts; the rules that change them live in ``workflow`` (the
state machine) and ``services`` (creation and edits). Nothing here changes
``Case.state`` directly: ``Case.save`` refuses a state that did not come from
the workflow, so the admin, the API and every command share one set of rules.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop  # permission names: stored in English, read in the reader's

from rightsdesk.core.countries import CountryField
from rightsdesk.core.examples import with_examples
from rightsdesk.privacy.fields import EncryptedEmailField, EncryptedTextField, EncryptedURLField

from . import choices as c
from . import policy
from .errors import TransitionError
from .policy import ACCESS_PRIVATE_DATA  # noqa: F401  (re-exported: its home is cases.policy)


class CaseQuerySet(models.QuerySet):
    """The read layer for cases: each question asked of many cases, answered by the rule in cases.policy.

    Selectors and views write ``Case.objects.open()`` instead of repeating ``state__in=...``, so the rule has one
    home and every list agrees with it.
    """

    def open(self):
        """Cases on which work is still owed (policy.OPEN_STATES)."""
        return self.filter(state__in=policy.OPEN_STATES)

    def decided(self):
        """Cases whose decision stands (policy.DECIDED_STATES) and has an outcome."""
        return self.filter(state__in=policy.DECIDED_STATES).exclude(outcome="")

    def emergencies(self):
        """Emergency disclosures and reports of threats or self-harm (policy.EMERGENCY_Q)."""
        return self.filter(policy.emergency_filter())

    def publishable(self):
        """Cases of the kinds published one by one in the notice log (policy.PUBLISHABLE_KINDS)."""
        return self.filter(kind__in=policy.PUBLISHABLE_KINDS)

    def restricting(self):
        """Cases with at least one item removed, hidden, restricted or labelled (they owe DSA statements)."""
        return self.filter(pk__in=TargetItem.objects.filter(action__in=list(c.RESTRICTING_ACTIONS)).values("case_id"))


#: Fields empty on every new case, indexed only where they are set (Case.Meta.indexes).
NULL_ON_NEW_CASES = ("appeal_of", "duplicate_of", "assigned_to", "decided_at")


class Case(models.Model):
    #: Unique by ``Meta.constraints`` (``case_reference_unique``), not ``unique=True``, which on PostgreSQL also builds
    #: a pattern-matching copy of the index that no query of a case uses and every new case writes.
    reference = models.CharField(_("reference"), max_length=32, editable=False)
    kind = models.CharField(_("kind"), max_length=32, choices=c.Kind.choices)  # indexed first in case_kind_received
    content_ground = models.CharField(
        _("ground of the complaint"), max_length=32, choices=c.ContentGround.choices, blank=True,
        help_text=_("For content requests: defamation, privacy, right to erasure, government order..."),
    )
    harm_category = models.CharField(_("harm category"), max_length=32, choices=c.HarmCategory.choices, blank=True)
    dsa_category = models.CharField(
        _("DSA statement category"), max_length=64, choices=c.DsaCategory.choices, blank=True,
    )
    state = models.CharField(_("state"), max_length=32, choices=c.State.choices,  # indexed first in case_state_due
                             default=c.State.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=32, choices=c.Outcome.choices, blank=True, default="")
    source = models.CharField(_("received through"), max_length=32, choices=c.Source.choices, default=c.Source.WEB_FORM)
    language = models.CharField(_("requester's language"), max_length=16, default="en")

    # Who asks. Names and contact details of people live on Party, which holds
    # the private fields; these are the categorical facts the report counts.
    requester_type = models.CharField(_("requester type"), max_length=32, choices=c.RequesterType.choices)
    # Encrypted: people type their own names here. What the public sees is the reviewed copy in the public record.
    requester_organisation = EncryptedTextField(
        _("requesting organisation"), max_length=300, blank=True,
        help_text=_("Public name of an authority, court, company or firm. Never a private person's name."),
    )
    authority_country = CountryField(_("authority's country"), blank=True)
    authority_level = models.CharField(_("authority level"), max_length=32, choices=c.AuthorityLevel.choices, blank=True)
    country = CountryField(_("country of origin"), blank=True)
    trusted_flagger = models.BooleanField(_("sent by a trusted flagger (DSA Art. 22)"), default=False)

    # The legal footing of the request.
    legal_process = models.CharField(_("legal process"), max_length=32, choices=c.LegalProcess.choices, blank=True)
    law_invoked = models.CharField(_("law or rule invoked"), max_length=500, blank=True)
    # A court file number often names the parties ("Smith v. ..."): personal data.
    legal_basis_reference = EncryptedTextField(_("reference of the order or process"), max_length=300, blank=True)

    #: A neutral title built from the kind, the site and the date (cases.services.neutral_title), never from
    #: anything a person typed, so queues and lists can show it to every role.
    subject = models.CharField(_("title"), max_length=300)
    #: The short title the requester typed, private like the rest of the request.
    requester_subject = EncryptedTextField(_("subject as the requester wrote it"), max_length=300, blank=True)
    # The request as received. Private until redacted by the transparency app.
    description = EncryptedTextField(_("the request as received"), blank=True)

    # User-data requests.
    content_data_requested = models.BooleanField(_("content data requested"), default=False)
    non_content_data_requested = models.BooleanField(_("non-content data requested"), default=False)
    accounts_potentially_affected = models.PositiveIntegerField(_("accounts potentially affected"), default=0)
    accounts_actually_affected = models.PositiveIntegerField(_("accounts actually affected"), default=0)
    accounts_notified = models.PositiveIntegerField(_("accounts notified"), default=0)

    # Emergencies.
    threat_type = models.CharField(_("threat type"), max_length=32, choices=c.ThreatType.choices, blank=True)
    emergency_origin = models.CharField(_("emergency origin"), max_length=32, choices=c.EmergencyOrigin.choices, blank=True)

    # DSA Art. 17 facts about how the decision was reached.
    automated_detection = models.BooleanField(_("detected by automated means"), default=False)
    automated_decision = models.CharField(
        _("automated decision"), max_length=32, choices=c.AutomatedDecision.choices, default=c.AutomatedDecision.NOT_AUTOMATED,
    )
    decision_ground = models.CharField(_("decision ground"), max_length=32, choices=c.DecisionGround.choices, blank=True)
    # Staff write names, ID numbers and addresses here (a harm report's reasons): private until redacted.
    decision_summary = EncryptedTextField(_("reasons for the decision"), blank=True)

    # appeal_of, duplicate_of, assigned_to and decided_at are empty on every new case: each is indexed only where it
    # is set (Meta.indexes), so a new case writes none of those four indexes.
    appeal_of = models.ForeignKey(
        "self", verbose_name=_("appeal of"), null=True, blank=True, on_delete=models.PROTECT, related_name="appeals",
        db_index=False,
    )
    # A request already being handled under another reference: closed with this link, its own history kept.
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplicate of"), null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates",
        db_index=False,
    )

    # Intake bookkeeping.
    # Not indexed: no query filters on it (the case page and the API show it), and every new case would write the index.
    incomplete = models.BooleanField(_("incomplete"), default=False)
    missing_fields = models.JSONField(_("missing information"), default=list, blank=True)
    tracking_token_digest = models.CharField(max_length=64, blank=True, editable=False)

    # Dates. received_at is when the platform got it, which for imported and
    # postal requests is not when the row was written (created_at).
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    personal_data_purged_at = models.DateTimeField(
        _("personal data purged"), null=True, blank=True,
        help_text=_("When the retention rules removed the personal data; the case's counts stay."),
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="assigned_cases", db_index=False,
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        # Every index is written by each new case (bulk intake writes a thousand at a time), so each is here for a
        # query: the kind and the state are looked up by the first columns of the two pairs, and the text columns get
        # plain indexes only (``db_index`` adds PostgreSQL's pattern-matching copy of each, which no query uses: at a
        # million cases the eight extra indexes took 60 % of an intake batch's inserts, docs/performance.md §1).
        indexes = [
            models.Index(fields=["kind", "received_at"], name="case_kind_received"),
            models.Index(fields=["state", "due_at"], name="case_state_due"),
            models.Index(fields=["outcome"], name="case_outcome"),
            models.Index(fields=["requester_type"], name="case_requester_type"),
            models.Index(fields=["country"], name="case_country"),
            models.Index(fields=["tracking_token_digest"], name="case_tracking_token"),
            # Rare on a platform decided by people: the report's count of appeals against them starts here
            # (reports.santa_clara.appeals_of_automated_decisions; 45 ms -> 0.05 ms at a million cases).
            models.Index(fields=["automated_decision"], name="case_automated",
                         condition=models.Q(automated_decision__in=list(c.AUTOMATED_DECISIONS))),
            # Empty on every new case, so indexed only where set: a look-up by a value (``assigned_to=user``, the
            # appeals of a case, ``decided_at`` in a period) implies the value is set, and both databases then use
            # the partial index; ``__isnull=True`` never used these indexes (the state index narrows those queues).
            *(models.Index(fields=[name], name=f"case_{name}_set", condition=models.Q(**{f"{name}__isnull": False}))
              for name in NULL_ON_NEW_CASES),
        ]
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="case_reference_unique"),
        ]
        permissions = [
            ("triage_case", gettext_noop("Can triage incoming cases")),
            ("review_case", gettext_noop("Can review cases and propose decisions")),
            ("approve_decision", gettext_noop("Can approve disclosures and removals (four-eyes)")),
            ("handle_emergency", gettext_noop("Can handle emergency and harm cases")),
            ("close_case", gettext_noop("Can close and reopen cases")),
            ("access_private_data", gettext_noop("Can see requesters' and users' private data")),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_kind_display()})"

    # The workflow sets this before saving; any other change of state is refused.
    _state_change_authorised = False

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state_change_authorised:
            stored = type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored is not None and stored != self.state:
                raise TransitionError(
                    f"The state of {self.reference} can only change through the workflow "
                    f"(rightsdesk.cases.workflow.transition), not by saving the case."
                )
        self._state_change_authorised = False
        super().save(*args, **kwargs)

    @property
    def is_government(self) -> bool:
        return self.requester_type in c.GOVERNMENT_REQUESTERS

    @property
    def is_open(self) -> bool:
        return policy.is_open(self)

    @property
    def requester(self) -> "Party | None":
        return self.parties.filter(role=c.PartyRole.REQUESTER).first()


class Party(models.Model):
    """A person or organisation with a part in a case.

    Every field here but ``role``, ``kind``, ``country`` and ``language`` is personal data
    when the party is a private person: it is shown to staff with the
    access_private_data permission (each look is audited), and never published.
    """

    # No index of its own: party_case_role (case, role) serves every look-up by case.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties", db_index=False)
    role = models.CharField(_("role"), max_length=32, choices=c.PartyRole.choices)
    kind = models.CharField(_("kind"), max_length=32, choices=c.EntityKind.choices, default=c.EntityKind.INDIVIDUAL)
    name = EncryptedTextField(_("name"), max_length=300, blank=True)
    organisation = EncryptedTextField(_("organisation"), max_length=300, blank=True)
    official_title = EncryptedTextField(_("official's title"), max_length=300, blank=True)
    email = EncryptedEmailField(_("e-mail"), max_length=320, blank=True)
    #: Keyed digest of the e-mail, so a person's data can be found without decrypting every row.
    email_index = models.CharField(max_length=64, blank=True, editable=False)
    phone = EncryptedTextField(_("phone"), max_length=64, blank=True)
    postal_address = EncryptedTextField(_("postal address"), blank=True)
    account_name = EncryptedTextField(_("account name on the platform"), max_length=policy.ACCOUNT_NAME_MAX, blank=True)
    #: Keyed digest of the account name, for data-subject requests.
    account_index = models.CharField(max_length=64, blank=True, editable=False)
    country = CountryField(_("country"), blank=True)
    language = models.CharField(_("preferred language"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        # Plain indexes, named here rather than by db_index, which adds PostgreSQL's pattern-matching copy of each
        # (no query asks LIKE of a digest) that every new party wrote (migration cases 0017).
        indexes = [models.Index(fields=["case", "role"], name="party_case_role"),
                   models.Index(fields=["email_index"], name="party_email_index"),
                   models.Index(fields=["account_index"], name="party_account_index")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} of {self.case.reference}"

    def save(self, *args, **kwargs):
        from rightsdesk.privacy.crypto import blind_index

        self.email_index = blind_index(self.email or "")
        self.account_index = blind_index(self.account_name or "")
        super().save(*args, **kwargs)

    @property
    def is_private_person(self) -> bool:
        return self.kind == c.EntityKind.INDIVIDUAL


class TargetItem(models.Model):
    """One thing a case is about: a page, a revision, a file or an account, and what was done to it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="items")
    # URL, page title and the free texts are personal data: ".../User:Name", "File:Surname_garden.jpg", an address
    # typed as "the work claimed". Encrypted at rest; the public sees the reviewed copy (transparency.PublicRecordItem).
    url = EncryptedURLField(_("URL"), max_length=policy.URL_MAX, blank=True)
    project = models.CharField(_("project or site"), max_length=200, blank=True,
                               help_text=with_examples(_("e.g. %(site)s")))
    page_title = EncryptedTextField(_("page"), max_length=500, blank=True)
    revision_id = models.PositiveBigIntegerField(_("revision"), null=True, blank=True)
    account_name = EncryptedTextField(_("account"), max_length=policy.ACCOUNT_NAME_MAX, blank=True,
                                      help_text=_("The account whose data is asked for, or who posted the item."))
    item_type = models.CharField(_("item type"), max_length=16, choices=c.ItemType.choices, default=c.ItemType.PAGE)
    content_type = models.CharField(_("content type"), max_length=32, choices=c.ContentType.choices, default=c.ContentType.TEXT)
    content_date = models.DateField(_("content date"), null=True, blank=True)
    copyrighted_work = EncryptedTextField(_("work claimed"), max_length=1000, blank=True)
    copyrighted_url = EncryptedURLField(_("original work's URL"), max_length=policy.URL_MAX, blank=True)

    # The decision on this item.
    action = models.CharField(_("action"), max_length=32, choices=c.Action.choices, blank=True, default="")
    action_countries = models.JSONField(_("countries where restricted"), default=list, blank=True)
    action_end_date = models.DateField(_("restriction ends"), null=True, blank=True)
    ground = EncryptedTextField(_("legal or policy ground"), max_length=500, blank=True)
    reason = EncryptedTextField(_("reason"), blank=True)
    disclosed_fields = models.JSONField(_("data fields disclosed"), default=list, blank=True)
    restored_at = models.DateTimeField(_("restored after appeal"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("targeted item")
        verbose_name_plural = _("targeted items")
        # Named here rather than by db_index, whose pattern-matching copy on PostgreSQL no query uses (cases 0017).
        indexes = [models.Index(fields=["project"], name="item_project")]

    def __str__(self) -> str:
        return self.url or self.account_name or f"item {self.pk}"


class HistoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Case history is append-only: entries cannot be updated.")

    def delete(self):
        raise PermissionError("Case history is append-only: entries cannot be deleted.")


class CaseHistory(models.Model):
    """One entry of a case's append-only history: who did what, when, and why."""

    class Event(models.TextChoices):
        CREATED = "created", _("Created")
        TRANSITION = "transition", _("State changed")
        EDIT = "edit", _("Edited")
        ITEM = "item", _("Item changed")
        NOTE = "note", _("Note")
        MESSAGE = "message", _("Message")
        ASSIGNMENT = "assignment", _("Assignment")
        CHECKLIST = "checklist", _("Checklist")
        DECISION = "decision", _("Decision")
        # Translators: a kind of entry in a case's history: a letter to a person (the requester or an affected user) was drafted, held or sent.
        NOTICE = "notice", _("Notice")
        APPEAL = "appeal", _("Appeal")
        PUBLICATION = "publication", _("Publication")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="history")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Empty for what the API, the public forms and the system do (most entries): indexed only where set (Meta).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              db_index=False)
    actor_label = models.CharField(max_length=200, blank=True,
                                   help_text=_("Who acted when it was not a staff account: requester, api:ORG, system."))
    event = models.CharField(max_length=32, choices=Event.choices)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, blank=True)
    changes = models.JSONField(default=dict, blank=True,
                               help_text=_("Field names with their old and new values; private values are masked."))
    reason = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    entry_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        indexes = [models.Index(fields=["actor"], name="history_actor_set", condition=models.Q(actor__isnull=False))]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Case history is append-only: entries cannot be changed.")
        from rightsdesk.audit.chain import seal

        with transaction.atomic():
            seal(self, "case_history")
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Case history is append-only: entries cannot be deleted.")

    def chain_content(self) -> dict:
        return {"case": self.case_id, "at": self.at, "actor": self.actor_id, "actor_label": self.actor_label,
                "event": self.event, "from_state": self.from_state, "to_state": self.to_state,
                "changes": self.changes, "reason": self.reason}

    @property
    def who(self) -> str:
        if self.actor_id:
            return self.actor.get_username()
        return self.actor_label or "system"
