"""The vocabulary of a case.

Every enumeration that the public report, the EU statement of reasons and
Lumen's notice format need is defined here once, so intake, review, reports and
exports all speak the same words. Values are stable identifiers (they appear in
open data and the API); labels are translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CONTENT_TAKEDOWN = "content_takedown", _("Content alteration or takedown")
    COPYRIGHT_NOTICE = "copyright_notice", _("Copyright notice")
    COPYRIGHT_COUNTER_NOTICE = "copyright_counter_notice", _("Copyright counter-notice")
    TRADEMARK_NOTICE = "trademark_notice", _("Trademark notice")
    USER_DATA_REQUEST = "user_data_request", _("Request for user information")
    #: An authority asks the platform to keep records it may later demand (18 U.S.C. § 2703(f)); nothing is disclosed.
    PRESERVATION_REQUEST = "preservation_request", _("Preservation request")
    EMERGENCY_DISCLOSURE = "emergency_disclosure", _("Emergency disclosure")
    HARM_REPORT = "harm_report", _("Harm or harassment report")
    APPEAL = "appeal", _("Appeal of a decision")
    GRIEVANCE = "grievance", _("Human-rights grievance")


#: Kinds that ask the platform to change or remove content.
CONTENT_KINDS = frozenset({Kind.CONTENT_TAKEDOWN, Kind.COPYRIGHT_NOTICE, Kind.TRADEMARK_NOTICE})
#: Kinds that ask the platform to hand over data about users.
DATA_KINDS = frozenset({Kind.USER_DATA_REQUEST, Kind.EMERGENCY_DISCLOSURE})
#: Kinds that ask the platform to keep data about users for a later demand, handing nothing over: a preservation
#: request is a data request from an authority, never published, never sent to Lumen, counted in the report only.
PRESERVATION_KINDS = frozenset({Kind.PRESERVATION_REQUEST})


class ContentGround(models.TextChoices):
    """What a content alteration or takedown request complains of."""

    DEFAMATION = "defamation", _("Defamation")
    PRIVACY = "privacy", _("Privacy")
    RIGHT_TO_ERASURE = "right_to_erasure", _("Right to erasure")
    GOVERNMENT_ORDER = "government_order", _("Government order")
    HATE_SPEECH = "hate_speech", _("Illegal or harmful speech")
    CHILD_SAFETY = "child_safety", _("Protection of minors")
    COPYRIGHT = "copyright", _("Copyright")
    TRADEMARK = "trademark", _("Trademark")
    OTHER = "other", _("Other")


class HarmCategory(models.TextChoices):
    HARASSMENT = "harassment", _("Harassment")
    THREAT = "threat", _("Threat of violence")
    DOXXING = "doxxing", _("Publication of private information")
    HATE = "hate", _("Hate or discrimination")
    CHILD_SAFETY = "child_safety", _("Child safety")
    SELF_HARM = "self_harm", _("Suicide or self-harm")
    IMPERSONATION = "impersonation", _("Impersonation")
    OTHER = "other", _("Other")


class State(models.TextChoices):
    # Translators: the state of a case: the request has arrived and no one has worked on it yet (not “accepted”).
    RECEIVED = "received", _("Received")
    TRIAGE = "triage", _("In triage")
    AWAITING_INFORMATION = "awaiting_information", _("Awaiting information from the requester")
    UNDER_REVIEW = "under_review", _("Under review")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    # Translators: the state of a case: staff have taken a decision on the request.
    DECIDED = "decided", _("Decided")
    NOTIFIED = "notified", _("Notified")
    # Translators: the state of a case: all work on it is finished (a case file, not a door or a shop).
    CLOSED = "closed", _("Closed")


class RequesterType(models.TextChoices):
    GOVERNMENT = "government", _("Government authority")
    COURT = "court", _("Court")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    COMPANY = "company", _("Company")
    LAW_FIRM = "law_firm", _("Law firm or legal representative")
    INDIVIDUAL = "individual", _("Individual")
    TRUSTED_FLAGGER = "trusted_flagger", _("Trusted flagger")
    NGO = "ngo", _("Non-governmental organisation")
    ANONYMOUS = "anonymous", _("Anonymous")
    # Historic records (rightsdesk import) often do not say who asked; the report shows them as such rather than
    # inventing a type. Not offered to requesters: whoever writes today says who they are.
    UNKNOWN = "unknown", _("Not known")


#: Requester types a requester may give on the public forms, the API and staff intake (all but UNKNOWN).
SELF_DESCRIBED_REQUESTERS = tuple(v for v in RequesterType.values if v != RequesterType.UNKNOWN)

#: Requester types the report counts as "government".
GOVERNMENT_REQUESTERS = frozenset({RequesterType.GOVERNMENT, RequesterType.COURT, RequesterType.LAW_ENFORCEMENT})


class AuthorityLevel(models.TextChoices):
    SUPRANATIONAL = "supranational", _("Supranational")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional or state")
    LOCAL = "local", _("Local")


class LegalProcess(models.TextChoices):
    """The legal process behind a request for user information (Wikimedia's categories)."""

    INFORMAL_GOVERNMENT = "informal_government", _("Informal government request")
    INFORMAL_NON_GOVERNMENT = "informal_non_government", _("Informal non-government request")
    CIVIL_SUBPOENA = "civil_subpoena", _("Civil subpoena")
    CRIMINAL_SUBPOENA = "criminal_subpoena", _("Criminal subpoena")
    ADMINISTRATIVE_SUBPOENA = "administrative_subpoena", _("Administrative subpoena")
    COURT_ORDER = "court_order", _("Court order")
    SEARCH_WARRANT = "search_warrant", _("Search warrant")
    NATIONAL_SECURITY = "national_security", _("National security request")
    INTERNATIONAL = "international", _("International court order or MLAT")
    EMERGENCY = "emergency", _("Emergency request")


#: Processes that are not valid legal process; such requests default to refusal.
INFORMAL_PROCESSES = frozenset({LegalProcess.INFORMAL_GOVERNMENT, LegalProcess.INFORMAL_NON_GOVERNMENT})


class Outcome(models.TextChoices):
    # Translators: the outcome of a case that is not decided yet.
    PENDING = "", _("Pending")
    GRANTED = "granted", _("Granted")
    PARTIALLY_GRANTED = "partially_granted", _("Partially granted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    INVALID = "invalid", _("Invalid or incomplete")
    CHALLENGED = "challenged", _("Challenged")


#: Outcomes in which the platform did at least part of what was asked.
GRANTING_OUTCOMES = frozenset({Outcome.GRANTED, Outcome.PARTIALLY_GRANTED})


class Source(models.TextChoices):
    WEB_FORM = "web_form", _("Online form")
    API = "api", _("API")
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")
    FAX = "fax", _("Fax")
    PHONE = "phone", _("Phone call")
    IMPORT = "import", _("Historic import")
    OWN_INITIATIVE = "own_initiative", _("Own initiative")


class ThreatType(models.TextChoices):
    INDIVIDUAL_VIOLENT = "individual_violent", _("Individual violent threat")
    TERRORIST = "terrorist", _("Terrorist threat")
    SUICIDE_SELF_HARM = "suicide_self_harm", _("Suicide or self-harm")
    OTHER = "other", _("Other")


class EmergencyOrigin(models.TextChoices):
    REQUESTED = "requested", _("Requested by an authority")
    VOLUNTARY = "voluntary", _("Voluntary disclosure")


class AutomatedDecision(models.TextChoices):
    FULLY = "fully", _("Fully automated")
    PARTIALLY = "partially", _("Partially automated")
    NOT_AUTOMATED = "not_automated", _("Not automated")


#: Decisions taken fully or partly by automated means (what the Santa Clara numbers count appeals against).
AUTOMATED_DECISIONS = (AutomatedDecision.FULLY, AutomatedDecision.PARTIALLY)


class ItemType(models.TextChoices):
    PAGE = "page", _("Page")
    REVISION = "revision", _("Revision")
    # Translators: a kind of item named in a request: a media file (image, sound, document) uploaded to the platform; not a case file.
    FILE = "file", _("File")
    ACCOUNT = "account", _("Account")
    OTHER = "other", _("Other")


class ContentType(models.TextChoices):
    """The kind of content an item is, in the EU statement-of-reasons vocabulary."""

    TEXT = "text", _("Text")
    IMAGE = "image", _("Image")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    SYNTHETIC_MEDIA = "synthetic_media", _("Synthetic media")
    OTHER = "other", _("Other")


class Action(models.TextChoices):
    """What the platform did to one targeted item."""

    PENDING = "", _("Not decided")
    NO_ACTION = "no_action", _("No action")
    REMOVE = "remove", _("Removed")
    HIDE_REVISION = "hide_revision", _("Revision hidden")
    RESTRICT_COUNTRY = "restrict_country", _("Restricted in some countries")
    LABEL = "label", _("Labelled")
    DISCLOSE = "disclose", _("Data disclosed")


#: Actions that restrict content: each needs four-eyes approval and a statement of reasons.
RESTRICTING_ACTIONS = frozenset({Action.REMOVE, Action.HIDE_REVISION, Action.RESTRICT_COUNTRY, Action.LABEL})
#: Actions that need a second person's approval before they take effect.
FOUR_EYES_ACTIONS = frozenset({Action.REMOVE, Action.HIDE_REVISION, Action.RESTRICT_COUNTRY, Action.DISCLOSE})


class DecisionGround(models.TextChoices):
    ILLEGAL_CONTENT = "illegal_content", _("Illegal content")
    INCOMPATIBLE_CONTENT = "incompatible_content", _("Incompatible with the terms of use")


class DsaCategory(models.TextChoices):
    """STATEMENT_CATEGORY_* of the EU Transparency Database, without the prefix."""

    ANIMAL_WELFARE = "ANIMAL_WELFARE", _("Animal welfare")
    CONSUMER_INFORMATION = "CONSUMER_INFORMATION", _("Consumer information")
    CYBER_VIOLENCE = "CYBER_VIOLENCE", _("Cyber violence")
    CYBER_VIOLENCE_AGAINST_WOMEN = "CYBER_VIOLENCE_AGAINST_WOMEN", _("Cyber violence against women")
    DATA_PROTECTION_AND_PRIVACY_VIOLATIONS = "DATA_PROTECTION_AND_PRIVACY_VIOLATIONS", _("Data protection and privacy")
    ILLEGAL_OR_HARMFUL_SPEECH = "ILLEGAL_OR_HARMFUL_SPEECH", _("Illegal or harmful speech")
    INTELLECTUAL_PROPERTY_INFRINGEMENTS = "INTELLECTUAL_PROPERTY_INFRINGEMENTS", _("Intellectual property")
    NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS = (
        "NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
        _("Civic discourse or elections"),
    )
    NOT_SPECIFIED_NOTICE = "NOT_SPECIFIED_NOTICE", _("Not specified")
    OTHER_VIOLATION_TC = "OTHER_VIOLATION_TC", _("Other violation of the terms")
    PROTECTION_OF_MINORS = "PROTECTION_OF_MINORS", _("Protection of minors")
    RISK_FOR_PUBLIC_SECURITY = "RISK_FOR_PUBLIC_SECURITY", _("Risk for public security")
    SCAMS_AND_FRAUD = "SCAMS_AND_FRAUD", _("Scams and fraud")
    SELF_HARM = "SELF_HARM", _("Self-harm")
    UNSAFE_AND_PROHIBITED_PRODUCTS = "UNSAFE_AND_PROHIBITED_PRODUCTS", _("Unsafe and prohibited products")
    VIOLENCE = "VIOLENCE", _("Violence")


class PartyRole(models.TextChoices):
    """A person's or organisation's part in a case (Lumen's roles plus the affected user)."""

    REQUESTER = "requester", _("Requester (sender)")
    PRINCIPAL = "principal", _("On whose behalf (principal)")
    AFFECTED_USER = "affected_user", _("Affected user")
    ISSUING_COURT = "issuing_court", _("Issuing court")


class EntityKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    ORGANIZATION = "organization", _("Organisation")
