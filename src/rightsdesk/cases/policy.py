"""Where each rule about a case lives, once.

Every app (review, notices, transparency, intake, privacy) asks this module
which states are open or decided, who may review, which requesters may be
named, which kinds are published, what an emergency is and which fields are
personal data, instead of keeping its own copy of the answer. Copies drift: a
field private in one place and public in another is a leak.

This module imports only :mod:`rightsdesk.cases.choices` and Django utilities,
so any module of any app can import it without creating a cycle.
``tests/cases/test_policy.py`` fails if one of these names is defined again
anywhere else.
"""

from __future__ import annotations

from types import MappingProxyType

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import choices as c

# States -----------------------------------------------------------------------

#: States in which work is still owed on a case: they count toward queues and deadlines, and a withdrawal is possible.
OPEN_STATES = frozenset({
    c.State.RECEIVED, c.State.TRIAGE, c.State.AWAITING_INFORMATION, c.State.UNDER_REVIEW, c.State.AWAITING_APPROVAL,
})
#: States in which a decision stands: the only ones that can be published, appealed or reopened.
DECIDED_STATES = frozenset({c.State.DECIDED, c.State.NOTIFIED, c.State.CLOSED})

# Permissions ------------------------------------------------------------------

#: The permission to see personal data in a case (parties' identities and contact details, the request as
#: received, attachments, messages). Every page that shows such data checks it and records the look.
ACCESS_PRIVATE_DATA = "cases.access_private_data"
#: Either permission makes someone a reviewer: substantive review is open to case reviewers and the emergency team.
REVIEWER_PERMISSIONS = ("cases.review_case", "cases.handle_emergency")
#: Who may approve a decision (the second pair of eyes on a restriction or disclosure).
APPROVER_PERMISSIONS = ("cases.approve_decision",)
#: Who may pick a case up and work on it at all: whoever triages it (intake) or reviews it.
WORKER_PERMISSIONS = ("cases.triage_case",) + REVIEWER_PERMISSIONS
#: Who may see cases: the queues and the case page.
VIEW_CASES = "cases.view_case"

# Requesters -------------------------------------------------------------------

#: Requester types whose name is an organisation's (authority, court, company, firm, NGO, flagger), so it may be
#: published and given in a notice. Listed, not derived: a type added later is a person's until someone decides
#: otherwise (UNKNOWN, added for imported history, once became nameable by a subtraction). tests/cases/test_policy.py
#: fails until every type is in one of the two sets.
ORGANISATION_REQUESTERS = frozenset({
    c.RequesterType.GOVERNMENT, c.RequesterType.COURT, c.RequesterType.LAW_ENFORCEMENT, c.RequesterType.COMPANY,
    c.RequesterType.LAW_FIRM, c.RequesterType.TRUSTED_FLAGGER, c.RequesterType.NGO,
})
#: Requester types whose name is personal data, or may be: an individual, an anonymous requester, and a historic
#: record that does not say who asked (its name may be a person's).
PERSONAL_REQUESTERS = frozenset({c.RequesterType.INDIVIDUAL, c.RequesterType.ANONYMOUS, c.RequesterType.UNKNOWN})
#: Requester types a notice may name as its sender. The same rule as ORGANISATION_REQUESTERS (notices once kept
#: their own list of the same seven types); the name stays for the notices that say "nameable".
NAMEABLE_REQUESTERS = ORGANISATION_REQUESTERS

#: The longest account name anywhere (a case's party or item, an account action, a preservation, a published
#: action): MediaWiki's user names are at most 255 bytes, so 255 characters hold every one.
ACCOUNT_NAME_MAX = 255
#: The longest URL of an item (and of the original work a copyright notice names).
URL_MAX = 2000

# References -------------------------------------------------------------------

#: The letters and digits of a reference after its year ("RD-2026-7KQ2M4P"): seven of them, upper case, without
#: 0/O and 1/I/L, so a reference reads the same over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def reference_example() -> str:
    """The reference the forms show as an example ("It looks like %(reference)s"): the site's prefix, a year and
    seven letters and digits of :data:`REFERENCE_ALPHABET`, as :func:`cases.services.new_reference` writes one."""
    return f"{settings.RIGHTSDESK['REFERENCE_PREFIX']}-2026-ABC2345"

# Who a notice speaks to -------------------------------------------------------

def speaks_to_affected_user(case, recipient_role: str) -> bool:
    """Does a notice on ``case`` to ``recipient_role`` go to the person whose content or account was acted on?

    Directly (the affected user of the case), or after they appealed: the appellant is the appeal case's requester,
    and the decision on the appeal reaches the same person. What protects an affected user follows them there: a
    private requester is never named to them (notices), a gag order covering affected users holds the notice
    (legal holds), a crisis's safety review reads it first (crisis). The appeals app records who appealed
    (``AppealFiling.appellant_role``, read through the relation's name: cases imports no app above it); an appeal
    no filing explains counts as the affected user's, the safe side.
    """
    if recipient_role == c.PartyRole.AFFECTED_USER:
        return True
    if recipient_role != c.PartyRole.REQUESTER or case.kind != c.Kind.APPEAL or not case.appeal_of_id:
        return False
    filing = getattr(case, "appeal_filing", None)  # RelatedObjectDoesNotExist is an AttributeError
    return (getattr(filing, "appellant_role", "") or "") != c.PartyRole.REQUESTER


def cases_behind(case) -> list[int]:
    """The case and, for an appeal, the case appealed: what a notice on it is about (holds, crises)."""
    return [case.pk] + ([case.appeal_of_id] if case.kind == c.Kind.APPEAL and case.appeal_of_id else [])


# Kinds ------------------------------------------------------------------------

#: Kinds whose decisions are published one by one. Requests for user data, preservation requests, emergencies, harm reports,
#: appeals and grievances are only counted in the period report: a notice of them would point at the people they protect.
PUBLISHABLE_KINDS = frozenset(c.CONTENT_KINDS | {c.Kind.COPYRIGHT_COUNTER_NOTICE})

#: What may be done to an item, by kind of case: data is only disclosed on a data request (or an emergency);
#: content is only restricted on the other kinds. The case page offers these, and decide_item refuses the rest.
DATA_ITEM_ACTIONS = (c.Action.NO_ACTION, c.Action.DISCLOSE)
#: A preservation request asks to keep records, not to hand them over or change content: nothing is done to its items
#: (what was kept is recorded by the preservation app, never as a disclosure).
PRESERVATION_ITEM_ACTIONS = (c.Action.NO_ACTION,)
#: The actions after which the platform shows a placeholder where the item was (notices.services.create_placeholders):
#: the item is gone, hidden or unavailable in some countries.
PLACEHOLDER_ACTIONS = frozenset({c.Action.REMOVE, c.Action.HIDE_REVISION, c.Action.RESTRICT_COUNTRY})
CONTENT_ITEM_ACTIONS = (c.Action.NO_ACTION, c.Action.REMOVE, c.Action.HIDE_REVISION, c.Action.RESTRICT_COUNTRY,
                        c.Action.LABEL)


def item_actions_for(kind: str) -> tuple:
    """The item actions a case of this kind may decide."""
    if kind in c.PRESERVATION_KINDS:
        return PRESERVATION_ITEM_ACTIONS
    return DATA_ITEM_ACTIONS if kind in c.DATA_KINDS else CONTENT_ITEM_ACTIONS

#: Kinds that are always emergencies: someone may be in danger, so they jump every queue.
EMERGENCY_KINDS = frozenset({c.Kind.EMERGENCY_DISCLOSURE})
#: Harm reports in these categories are emergencies too (a threat to life, self-harm).
EMERGENCY_HARM_CATEGORIES = frozenset({c.HarmCategory.THREAT, c.HarmCategory.SELF_HARM})
#: The same rule as :func:`is_emergency`, as a query on Case (queues and dashboards filter with it).
EMERGENCY_Q = Q(kind__in=EMERGENCY_KINDS) | Q(kind=c.Kind.HARM_REPORT, harm_category__in=EMERGENCY_HARM_CATEGORIES)


def is_emergency(case) -> bool:
    """Emergencies jump every queue: emergency disclosures, and reports of threats or self-harm."""
    return case.kind in EMERGENCY_KINDS or (
        case.kind == c.Kind.HARM_REPORT and case.harm_category in EMERGENCY_HARM_CATEGORIES
    )


def emergency_filter() -> Q:
    """A fresh copy of :data:`EMERGENCY_Q` (for callers that combine it)."""
    return Q(EMERGENCY_Q)


def is_open(case) -> bool:
    """Whether work is still owed on the case (its state is in :data:`OPEN_STATES`)."""
    return case.state in OPEN_STATES


# Decision grounds (DSA) -------------------------------------------------------

#: Grounds under which the requester alleges illegality, when the case does not say which ground applied.
ILLEGAL_GROUNDS = frozenset({c.ContentGround.DEFAMATION, c.ContentGround.PRIVACY, c.ContentGround.RIGHT_TO_ERASURE,
                             c.ContentGround.GOVERNMENT_ORDER, c.ContentGround.COPYRIGHT, c.ContentGround.TRADEMARK,
                             c.ContentGround.CHILD_SAFETY})


#: What an item's action does to the content's visibility, in the DSA's words (statements of reasons:
#: DECISION_VISIBILITY_CONTENT_<WORD>; the EU template's visibility restrictions). A country restriction disables
#: access where it applies.
VISIBILITY_OF_ACTION = MappingProxyType({
    c.Action.REMOVE: "removed", c.Action.HIDE_REVISION: "disabled", c.Action.RESTRICT_COUNTRY: "disabled",
    c.Action.LABEL: "labelled",
})


def decision_ground_of(kind: str, decision_ground: str, content_ground: str) -> str:
    """The DSA ground a decision was taken on (c.DecisionGround): the one recorded, else illegal content for
    copyright and trademark notices and for the grounds that allege illegality, else the terms of use. The
    statements of reasons and the EU template's "on the basis of the law / of the terms" both read it."""
    if decision_ground:
        return decision_ground
    if kind in (c.Kind.COPYRIGHT_NOTICE, c.Kind.TRADEMARK_NOTICE) or content_ground in ILLEGAL_GROUNDS:
        return c.DecisionGround.ILLEGAL_CONTENT
    return c.DecisionGround.INCOMPATIBLE_CONTENT


# Appeals ----------------------------------------------------------------------

#: An appeal asks for a decision to be reversed, so its case outcome reads: granted = the original decision was
#: reversed, partially granted = partly reversed, rejected = upheld. Stable keys, for exports and report rows.
APPEAL_OUTCOME_KEYS = MappingProxyType({
    c.Outcome.REJECTED: "upheld", c.Outcome.GRANTED: "reversed", c.Outcome.PARTIALLY_GRANTED: "partly_reversed",
})
#: The same words, translated, for people (reports, notices, the appeal form).
APPEAL_OUTCOME_LABELS = MappingProxyType({
    c.Outcome.REJECTED: _("Upheld"),
    c.Outcome.GRANTED: _("Reversed"),
    c.Outcome.PARTIALLY_GRANTED: _("Partly reversed"),
})
#: How an appeal's outcome reads as a complaint outcome in the DSA report template (undecided appeals: "pending").
COMPLAINT_OUTCOMES = MappingProxyType({**APPEAL_OUTCOME_KEYS, c.Outcome.PENDING: "pending"})
#: Row keys of the period report's appeals summary (received appeals are "filed").
APPEAL_ROW_KEYS = MappingProxyType({
    "received": "filed", **APPEAL_OUTCOME_KEYS, "granted_or_partially_granted": "reversed_or_partly_reversed",
})

# Personal data ----------------------------------------------------------------

#: Case fields that are personal data: encrypted at rest, shown only with ACCESS_PRIVATE_DATA, never published
#: unreviewed. (``subject`` is a neutral title built by cases.services; what the requester typed is
#: ``requester_subject``.)
CASE_PERSONAL_FIELDS = frozenset({
    "requester_subject", "description", "decision_summary", "requester_organisation", "legal_basis_reference",
})
#: Party fields that are personal data when the party is a private person (every field but role, kind, country,
#: language).
PARTY_PERSONAL_FIELDS = frozenset({
    "name", "organisation", "official_title", "email", "phone", "postal_address", "account_name",
})
#: Target item fields that are personal data: ".../User:Name", "File:Surname_garden.jpg", free texts.
ITEM_PERSONAL_FIELDS = frozenset({
    "url", "page_title", "account_name", "copyrighted_work", "copyrighted_url", "ground", "reason",
})
#: Fields of a received e-mail (mail.InboundMessage) that are personal data: who wrote, who forwarded, what they
#: wrote, and what staff noted when ignoring it. Purged with the case it was filed into, or by the retention run.
RECEIVED_MAIL_PERSONAL_FIELDS = frozenset({
    "sender_email", "sender_name", "original_sender_email", "original_sender_name", "forwarded_by", "subject",
    "body_text", "ignore_note",
})
#: Fields of a legal-support request (legalsupport.LegalSupportRequest) that are personal data: who asks, how to reach
#: them, their account, what threatens them and everything staff wrote about it. Encrypted, shown only to the legal
#: support role (every look audited), blanked by the retention run, never counted but in aggregate.
LEGAL_SUPPORT_PERSONAL_FIELDS = frozenset({
    "requester_name", "requester_email", "contributor_account", "description", "adversary", "eligibility_notes",
    "decision_reasons", "overspend_reason", "outcome_note", "message_to_requester",
})
#: Fields of a lawyer on the legal-support counsel list (legalsupport.Counsel) kept confidential: the contact.
COUNSEL_PERSONAL_FIELDS = frozenset({"contact"})
#: Fields of a researcher's API token (opendata.ResearcherToken) that are personal data: the person who asked for it.
#: Encrypted at rest, never in the bulk files or the public API (the token opens only the public record).
RESEARCHER_PERSONAL_FIELDS = frozenset({"contact"})
#: Fields of an account action (accountactions.AccountAction) and its sign-offs (SignOff) that are personal data: the
#: accounts concerned, the private evidence notes, the account name a draft of its public entry would publish, why
#: the public entry was withdrawn, a signer's reasons. Encrypted; never on the public office-actions log (that reads
#: only the reviewed transparency.PublicOfficeAction).
ACCOUNT_ACTION_PERSONAL_FIELDS = frozenset({"accounts", "notes", "public_account_name", "public_withdrawal_reason"})
SIGNOFF_PERSONAL_FIELDS = frozenset({"reason"})
#: Fields of a preservation (preservation.Preservation) that are personal data: the accounts the authority named and
#: the authority's own reference (it often names the suspect). Encrypted; never in the public record, the report (only
#: counted) or open data; blanked with the case by the retention run.
PRESERVATION_PERSONAL_FIELDS = frozenset({"accounts", "authority_reference"})
#: Which fields of each model are personal data: one answer for encryption, masking in the
#: history, the audit of each look, redaction and the data-subject export.
PERSONAL_FIELDS = MappingProxyType({
    "Case": CASE_PERSONAL_FIELDS, "Party": PARTY_PERSONAL_FIELDS, "TargetItem": ITEM_PERSONAL_FIELDS,
})

__all__ = [
    "ACCESS_PRIVATE_DATA", "ACCOUNT_ACTION_PERSONAL_FIELDS", "SIGNOFF_PERSONAL_FIELDS", "APPEAL_OUTCOME_KEYS", "APPEAL_OUTCOME_LABELS", "APPEAL_ROW_KEYS", "APPROVER_PERMISSIONS",
    "CASE_PERSONAL_FIELDS", "COMPLAINT_OUTCOMES", "COUNSEL_PERSONAL_FIELDS", "LEGAL_SUPPORT_PERSONAL_FIELDS", "DECIDED_STATES", "EMERGENCY_HARM_CATEGORIES", "EMERGENCY_KINDS",
    "EMERGENCY_Q", "ILLEGAL_GROUNDS", "VISIBILITY_OF_ACTION", "decision_ground_of", "ITEM_PERSONAL_FIELDS", "NAMEABLE_REQUESTERS", "OPEN_STATES", "ORGANISATION_REQUESTERS",
    "PARTY_PERSONAL_FIELDS", "PERSONAL_FIELDS", "PRESERVATION_PERSONAL_FIELDS", "PUBLISHABLE_KINDS", "RECEIVED_MAIL_PERSONAL_FIELDS",
    "RESEARCHER_PERSONAL_FIELDS", "REVIEWER_PERMISSIONS", "emergency_filter",
    "is_emergency", "is_open", "REFERENCE_ALPHABET", "reference_example",
]
