"""What each kind of request must contain, and why: one declaration for the forms and the API.

Every field a requester can send is declared once in :data:`FIELDS` (its label,
the reason we ask for it, its type and size limit). Each kind of request then
lists its fields in :data:`SPECS` and splits what it needs in two:

- ``essential``: without these there is nothing to act on, so the submission is
  refused and the form re-rendered with everything typed kept (hard errors).
  Malformed values (an invalid e-mail, a URL that is not http(s), an unknown
  choice, text over the size limit, a forbidden file) are always hard errors.
- ``needed``: what the law or our standards require of a complete notice. If one
  is missing the case is still stored, marked incomplete with the missing
  items listed, and the requester is told what to add on the tracking page.

Per kind (essential | needed):

=====================  ===================================  ===============================================
content takedown       description, requester type, ground  urls, name, email, good-faith statement
                                                            (name and email not needed for child safety)
copyright notice       description                          work, urls, name, contact (email, phone or
                                                            address), signature, good faith, accuracy
                                                            under penalty of perjury (17 U.S.C. 512(c)(3))
counter-notice         description                          urls, name, postal address, phone, signature,
                                                            mistake statement, consent to jurisdiction
                                                            (17 U.S.C. 512(g)(3))
trademark notice       description                          trademark, urls, name, email, good faith,
                                                            accuracy
user-data request      description, requester type,         authority, official, official's title, legal
                       process type                         basis, reference of the process, country,
                                                            accounts, email
preservation request   description, requester type          authority, official, official's title, legal
                                                            basis, country, accounts, email
emergency              description, threat type             accounts or urls, email or phone
harm report            description, harm category           urls (anonymous reports allowed)
appeal                 description                          reference of the decision, email
grievance              description                          nothing else (may be anonymous)
=====================  ===================================  ===============================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import URL_MAX

from .examples import with_examples


@dataclass(frozen=True)
class FieldDef:
    name: str
    label: str
    why: str = ""
    help: str = ""
    #: text, longtext, email, url, urls (one per line), lines (one per line),
    #: choice, country, bool, reference
    type: str = "text"
    max_length: int = 300
    choices: tuple = ()


def _choices(enum, only=None) -> tuple:
    return tuple((value, label) for value, label in enum.choices if value and (only is None or value in only))


FIELDS: dict[str, FieldDef] = {f.name: f for f in [
    FieldDef("requester_type", _("Who are you?"), type="choice", choices=_choices(c.RequesterType, c.SELF_DESCRIBED_REQUESTERS),
             why=_("We report requests by type of requester, and government demands are handled differently.")),
    FieldDef("name", _("Your full name"),
             why=_("The law requires the name of the person sending a notice, so we can weigh it and reply.")),
    FieldDef("email", _("Your e-mail address"), type="email", max_length=320,
             why=_("We send your receipt and our decision here. It is never published.")),
    FieldDef("organisation", _("Organisation you represent"),
             help=_("A company, law firm, authority or court. Leave empty if you write for yourself."),
             why=_("The name of an organisation may appear in our transparency report; a private person's name never does.")),
    FieldDef("official_title", _("Your official title"),
             why=_("We only accept demands from an identified official who has authority to make them.")),
    FieldDef("phone", _("Phone number"), max_length=64,
             why=_("Some laws require a phone number; we only call if we cannot reach you otherwise.")),
    FieldDef("postal_address", _("Postal address"), type="longtext", max_length=1000,
             why=_("We write to you here only if we cannot reach you otherwise. It is never published.")),
    FieldDef("country", _("Your country"), type="country",
             why=_("Which law applies depends on where you are; the report counts requests by country.")),
    FieldDef("on_behalf_of", _("On whose behalf do you write?"),
             help=_("The rights holder or person you represent, if not yourself.")),
    FieldDef("subject", _("Short title"), help=_("One line, for example 'Photo of me used without consent'.")),
    FieldDef("description", _("Explain your request"), type="longtext", max_length=20_000,
             why=_("We decide on the reasons you give: say what is wrong with the content and why, as precisely as you can.")),
    FieldDef("urls", _("Exact addresses (URLs) of the content"), type="urls",
             help=with_examples(_("One per line, e.g. %(url)s. Link to the revision if only one version is concerned.")),
             why=_("We can only look at, and act on, content you point us to exactly.")),
    FieldDef("content_ground", _("What is the problem with the content?"), type="choice",
             choices=_choices(c.ContentGround, {c.ContentGround.DEFAMATION, c.ContentGround.PRIVACY,
                                                c.ContentGround.RIGHT_TO_ERASURE, c.ContentGround.GOVERNMENT_ORDER,
                                                c.ContentGround.HATE_SPEECH, c.ContentGround.CHILD_SAFETY,
                                                c.ContentGround.OTHER}),
             why=_("Different laws and policies apply to each ground.")),
    FieldDef("harm_category", _("What is happening?"), type="choice", choices=_choices(c.HarmCategory),
             why=_("This sends your report to the people trained for it.")),
    FieldDef("law_invoked", _("Legal basis"), max_length=500,
             help=_("The law or rule that you say requires us to act, e.g. a section of a code."),
             why=_("We only hand over data when the law invoked actually requires it.")),
    FieldDef("legal_process", _("Type of legal process"), type="choice", choices=_choices(c.LegalProcess),
             why=_("Informal requests without valid legal process are refused.")),
    FieldDef("legal_basis_reference", _("Reference of the order or process"),
             help=_("Case number, warrant or subpoena number. Attach a copy below."),
             why=_("We verify every order with the issuing authority.")),
    FieldDef("authority_country", _("Country of the authority"), type="country",
             why=_("We check that the authority has jurisdiction, and report demands by country.")),
    FieldDef("authority_level", _("Level of the authority"), type="choice", choices=_choices(c.AuthorityLevel)),
    FieldDef("accounts", _("Accounts concerned"), type="lines",
             help=_("User names on the platform, one per line."),
             why=_("Demands must name exactly whose data is asked for; we never search broadly.")),
    FieldDef("content_data_requested", _("The request covers content (what a user wrote or uploaded, private messages)"),
             type="bool"),
    FieldDef("non_content_data_requested", _("The request covers non-content data (IP addresses, e-mail, log data)"),
             type="bool"),
    FieldDef("threat_type", _("Type of threat"), type="choice", choices=_choices(c.ThreatType),
             why=_("This tells the emergency team how urgent your request is.")),
    FieldDef("copyrighted_work", _("The copyrighted work"), type="longtext", max_length=1000,
             why=_("A copyright notice must identify the work claimed to be infringed.")),
    FieldDef("copyrighted_url", _("Where the original work can be seen (URL)"), type="url", max_length=URL_MAX),
    FieldDef("trademark", _("The trademark, and its registration number and office"), max_length=500,
             why=_("We need to know which mark is claimed and where it is registered.")),
    FieldDef("appeal_reference", _("Reference of the decision you appeal"), type="reference", max_length=40,
             help=with_examples(_("It looks like %(reference)s and is in the message that told you of the decision.")),
             why=_("So the appeal is decided by someone who did not take the first decision.")),
    FieldDef("anonymous", _("Send this report anonymously"), type="bool",
             help=_("We will not be able to reply by e-mail, but you can follow the report with the private link.")),
    FieldDef("good_faith", _("I believe in good faith that the information in this notice is accurate and complete."),
             type="bool", why=_("The law asks for this statement so notices are made honestly.")),
    FieldDef("accuracy_statement",
             _("I state, under penalty of perjury, that the information is accurate and that I am the owner, or "
               "authorised to act on behalf of the owner, of the right claimed to be infringed."),
             type="bool", why=_("17 U.S.C. 512(c)(3) requires this statement.")),
    FieldDef("mistake_statement",
             _("I state, under penalty of perjury, that I believe in good faith the material was removed or disabled "
               "as a result of mistake or misidentification."),
             type="bool", why=_("17 U.S.C. 512(g)(3) requires this statement.")),
    FieldDef("consent_jurisdiction",
             _("I consent to the jurisdiction of the Federal District Court for my address (or, outside the United "
               "States, any judicial district where the platform may be found), and will accept service of process "
               "from the person who sent the notice."),
             type="bool", why=_("17 U.S.C. 512(g)(3) requires this consent.")),
    FieldDef("signature", _("Electronic signature: type your full name"),
             why=_("A notice must be signed by the person making it.")),
]}

#: Short, translated names of what can be missing, shown on the receipt and tracking pages.
MISSING_LABELS = {
    "urls": _("the exact URLs of the content"),
    "name": _("your name"),
    "email": _("an e-mail address"),
    "contact": _("a way to contact you (e-mail, phone or postal address)"),
    "postal_address": _("your postal address"),
    "phone": _("your phone number"),
    "good_faith": _("the good-faith statement"),
    "accuracy_statement": _("the statement of accuracy under penalty of perjury"),
    "mistake_statement": _("the statement that the material was removed by mistake"),
    "consent_jurisdiction": _("the consent to jurisdiction"),
    "signature": _("your signature"),
    "copyrighted_work": _("the copyrighted work"),
    "trademark": _("the trademark and its registration"),
    "organisation": _("the requesting authority"),
    "official": _("the name of the official making the request"),
    "official_title": _("the official's title"),
    "law_invoked": _("the legal basis"),
    "legal_basis_reference": _("the reference of the order or process"),
    "authority_country": _("the authority's country"),
    "accounts": _("the accounts concerned"),
    "targets": _("the accounts or URLs concerned"),
    "contact_email_or_phone": _("an e-mail address or phone number"),
    "appeal_reference": _("the reference of the decision you appeal"),
    "appeal_unmatched": _("a reference that matches one of our decisions"),
}


#: The same said to staff, where the requester's words ("your signature") would name the member of staff reading.
STAFF_MISSING_LABELS = {
    **MISSING_LABELS,
    "name": _("the requester's name"),
    "contact": _("a way to contact the requester (e-mail, phone or postal address)"),
    "postal_address": _("the requester's postal address"),
    "phone": _("the requester's phone number"),
    "signature": _("the requester's signature"),
    "appeal_reference": _("the reference of the decision appealed"),
}


def missing_labels(codes, *, staff: bool = False) -> list[str]:
    """What a case lacks (its ``missing_fields`` codes), in words of the active language; an unknown code as it is.
    The requester's pages and e-mails speak to the requester; ``staff=True`` for the pages staff read."""
    labels = STAFF_MISSING_LABELS if staff else MISSING_LABELS
    return [str(labels.get(code, code)) for code in codes]


STATEMENTS_512C = ("good_faith", "accuracy_statement", "signature")

AUTHORITY_TYPES = (c.RequesterType.GOVERNMENT, c.RequesterType.COURT, c.RequesterType.LAW_ENFORCEMENT,
                   c.RequesterType.LAW_FIRM, c.RequesterType.INDIVIDUAL)
#: Who asks, on the forms of the kinds authorities send (requests for user data, preservation requests).
AUTHORITY_FIELDSET = (_("The authority and the official"), ("requester_type", "organisation", "name", "official_title",
                                                           "email", "phone", "authority_country", "authority_level"))


@dataclass(frozen=True)
class KindSpec:
    kind: str
    slug: str
    title: str
    summary: str
    #: (legend, field names) in the order the form shows them.
    fieldsets: tuple
    essential: tuple = ("description",)
    needed: tuple = ()
    requester_types: tuple = ()
    default_requester_type: str = c.RequesterType.INDIVIDUAL
    #: A callout shown above the form.
    notice: str = ""
    notice_class: str = ""
    #: Fixed case fields for this kind.
    fixed: dict = field(default_factory=dict)
    #: Reasons that differ from the field's usual one for this kind.
    why: dict = field(default_factory=dict)
    #: Help texts (examples) that differ from the field's usual one for this kind.
    help: dict = field(default_factory=dict)

    @property
    def field_names(self) -> list[str]:
        return [name for _, names in self.fieldsets for name in names]

    @cached_property
    def field_set(self) -> frozenset[str]:
        """The field names as a set, made once: every API item is checked against it."""
        return frozenset(self.field_names)

    @property
    def needed_fields(self) -> set[str]:
        """Fields that make the request complete (marked on the form, not required)."""
        names = set()
        for need in self.needed:
            names.update(NEEDED_FIELDS.get(need, (need,)))
        return names & set(self.field_names)


#: Needs that any of several fields satisfies.
NEEDED_FIELDS = {
    "contact": ("email", "phone", "postal_address"),
    "official": ("name",),
    "targets": ("accounts", "urls"),
    "contact_email_or_phone": ("email", "phone"),
}

OPTIONAL_CONTACT_WHY = {
    "name": _("Optional. It lets us ask you questions; it is never shown to the person you report."),
    "email": _("Optional. We send your receipt and updates here; it is never shown to anyone else."),
}


SPECS: dict[str, KindSpec] = {s.kind: s for s in [
    KindSpec(
        c.Kind.CONTENT_TAKEDOWN, "content-takedown", _("Ask to change or remove content"),
        _("Report content you believe is illegal or breaks our terms: defamation, privacy, hate speech, a court order."),
        fieldsets=(
            (_("The content"), ("content_ground", "urls", "subject", "description", "law_invoked")),
            (_("About you"), ("requester_type", "name", "email", "organisation", "country")),
            (_("Statement"), ("good_faith",)),
        ),
        essential=("description", "requester_type", "content_ground"),
        needed=("urls", "name", "email", "good_faith"),
        notice=_("Under the EU Digital Services Act a notice must explain why the content is illegal, give its exact "
                 "URLs, your name and e-mail (not needed when reporting child sexual abuse material) and a statement "
                 "of good faith. We tell the person who posted the content, without your contact details."),
    ),
    KindSpec(
        c.Kind.COPYRIGHT_NOTICE, "copyright", _("Send a copyright notice"),
        _("A notice under the US DMCA or similar law that a work you own is used without permission."),
        fieldsets=(
            (_("The work and the material"), ("copyrighted_work", "copyrighted_url", "urls", "subject", "description")),
            (_("About you"), ("requester_type", "name", "email", "organisation", "on_behalf_of", "phone",
                              "postal_address", "country")),
            (_("Statements and signature"), STATEMENTS_512C),
        ),
        needed=("copyrighted_work", "urls", "name", "contact", "good_faith", "accuracy_statement", "signature"),
        requester_types=(c.RequesterType.INDIVIDUAL, c.RequesterType.COMPANY, c.RequesterType.LAW_FIRM,
                         c.RequesterType.NGO),
        notice=_("Many works on our projects are freely licensed or in the public domain, and fair use applies. "
                 "A notice must contain every element of 17 U.S.C. 512(c)(3). Notices may be published in redacted "
                 "form in the Lumen database."),
        fixed={"content_ground": c.ContentGround.COPYRIGHT, "law_invoked": "17 U.S.C. 512(c)"},
        why={"postal_address": _("A copyright notice must give a way to contact you: a postal address, a phone "
                                 "number or an e-mail address.")},
        help={"subject": _("One line, for example 'My photograph used without a licence'.")},
    ),
    KindSpec(
        c.Kind.COPYRIGHT_COUNTER_NOTICE, "counter-notice", _("Send a copyright counter-notice"),
        _("Your upload or edit was removed after a copyright notice and you believe that was a mistake."),
        fieldsets=(
            (_("The removed material"), ("urls", "subject", "description")),
            (_("About you"), ("name", "email", "postal_address", "phone", "country")),
            (_("Statements and signature"), ("mistake_statement", "consent_jurisdiction", "signature")),
        ),
        needed=("urls", "name", "postal_address", "phone", "mistake_statement", "consent_jurisdiction", "signature"),
        notice=_("A counter-notice is sent to the person who made the copyright notice, including your name and "
                 "address, as 17 U.S.C. 512(g) requires. If they do not go to court within 10 to 14 working days, "
                 "the material may be restored."),
        fixed={"content_ground": c.ContentGround.COPYRIGHT, "law_invoked": "17 U.S.C. 512(g)"},
        why={"postal_address": _("A counter-notice must include an address, so the other side can take the matter to court."),
             "description": _("Say what was removed and why you believe its removal was a mistake.")},
        help={"subject": _("One line, for example 'My photo removed after a copyright notice'.")},
    ),
    KindSpec(
        c.Kind.TRADEMARK_NOTICE, "trademark", _("Report a trademark misuse"),
        _("Content that uses your trademark in a way you believe is unlawful."),
        fieldsets=(
            (_("The trademark and the content"), ("trademark", "urls", "subject", "description")),
            (_("About you"), ("requester_type", "name", "email", "organisation", "on_behalf_of", "country")),
            (_("Statements"), ("good_faith", "accuracy_statement")),
        ),
        needed=("trademark", "urls", "name", "email", "good_faith", "accuracy_statement"),
        requester_types=(c.RequesterType.INDIVIDUAL, c.RequesterType.COMPANY, c.RequesterType.LAW_FIRM),
        notice=_("Mentioning or describing a brand is not a trademark infringement. Tell us how the use confuses "
                 "people or is otherwise unlawful."),
        fixed={"content_ground": c.ContentGround.TRADEMARK},
        help={"subject": _("One line, for example 'Our logo used on a fake shop page'.")},
    ),
    KindSpec(
        c.Kind.USER_DATA_REQUEST, "user-data", _("Request information about a user"),
        _("For authorities and parties with legal process: subpoenas, court orders, warrants."),
        fieldsets=(
            AUTHORITY_FIELDSET,
            (_("The legal process"), ("legal_process", "law_invoked", "legal_basis_reference")),
            (_("What is asked for"), ("accounts", "urls", "content_data_requested", "non_content_data_requested",
                                     "subject", "description")),
        ),
        essential=("description", "requester_type", "legal_process"),
        needed=("organisation", "official", "official_title", "law_invoked", "legal_basis_reference",
                "authority_country", "accounts", "email"),
        requester_types=AUTHORITY_TYPES,
        default_requester_type=c.RequesterType.LAW_ENFORCEMENT,
        notice=_("We keep very little data about users and disclose it only under valid legal process that names "
                 "the requesting authority, the official, the legal basis and the accounts concerned. Informal "
                 "requests are refused. We notify the affected users unless the law forbids it."),
        notice_class="warn",
        why={"description": _("Say what information you ask for, about which accounts and for which period, and "
                              "why the legal process requires it.")},
        help={"subject": with_examples(_("One line, for example 'Court order for account data, case %(case_number)s'."))},
    ),
    KindSpec(
        c.Kind.PRESERVATION_REQUEST, "preservation", _("Ask us to preserve records"),
        _("For authorities: keep the records of named accounts while you obtain legal process (e.g. 18 U.S.C. "
          "2703(f))."),
        fieldsets=(
            AUTHORITY_FIELDSET,
            (_("The legal process"), ("law_invoked", "legal_basis_reference")),
            (_("What is to be preserved"), ("accounts", "urls", "subject", "description")),
        ),
        essential=("description", "requester_type"),
        needed=("organisation", "official", "official_title", "law_invoked", "authority_country", "accounts",
                "email"),
        requester_types=AUTHORITY_TYPES,
        default_requester_type=c.RequesterType.LAW_ENFORCEMENT,
        notice=_("A preservation request only asks us to keep records for 90 days (renewable once for 90 more) "
                 "while you obtain legal process. We disclose nothing on a preservation request: a request for the "
                 "records themselves needs valid legal process of its own."),
        notice_class="warn",
        why={"description": _("Say which records of the named accounts are to be kept and for which period.")},
        help={"subject": with_examples(_("One line, for example 'Preservation request, case %(case_number)s'."))},
    ),
    KindSpec(
        c.Kind.EMERGENCY_DISCLOSURE, "emergency", _("Emergency: someone is in danger"),
        _("A threat to someone's life or safety that needs our urgent help. Answered around the clock."),
        fieldsets=(
            (_("The emergency"), ("threat_type", "description", "accounts", "urls")),
            (_("How to reach you"), ("requester_type", "name", "organisation", "official_title", "email", "phone",
                                     "country")),
        ),
        essential=("description", "threat_type"),
        needed=("targets", "contact_email_or_phone"),
        requester_types=(c.RequesterType.LAW_ENFORCEMENT, c.RequesterType.GOVERNMENT, c.RequesterType.INDIVIDUAL,
                         c.RequesterType.NGO),
        default_requester_type=c.RequesterType.LAW_ENFORCEMENT,
        notice=_("If someone is in immediate danger, call your local emergency services first. We may share the "
                 "minimum information needed to prevent serious harm."),
        notice_class="danger",
        fixed={"emergency_origin": c.EmergencyOrigin.REQUESTED, "legal_process": c.LegalProcess.EMERGENCY},
        why={"description": _("Say who is in danger, what is about to happen and how the accounts or pages you name "
                              "are involved, so we can act quickly."),
             "name": _("Optional. It tells us who is reporting the emergency, so we can ask you questions.")},
    ),
    KindSpec(
        c.Kind.HARM_REPORT, "harm-report", _("Report harassment or harm"),
        _("Harassment, threats, doxxing, hate or a child-safety concern. You may report anonymously."),
        fieldsets=(
            (_("What is happening"), ("harm_category", "urls", "accounts", "description")),
            (_("About you (optional)"), ("anonymous", "name", "email", "country")),
        ),
        essential=("description", "harm_category"),
        needed=("urls",),
        why=OPTIONAL_CONTACT_WHY,
        notice=_("You may report without giving your name. We never tell the reported person who reported them."),
    ),
    KindSpec(
        c.Kind.APPEAL, "appeal", _("Appeal a decision"),
        _("Ask for a decision we took on your content, account or notice to be reviewed again."),
        fieldsets=(
            (_("The decision"), ("appeal_reference", "urls", "description")),
            (_("About you"), ("name", "email", "country")),
        ),
        needed=("appeal_reference", "email"),
        notice=_("Appeals are free and decided by a person who did not take the first decision. You can appeal for "
                 "at least six months after you were told of the decision."),
        why={"description": _("Say which part of the decision you disagree with and why, as precisely as you can."),
             "name": _("Optional. It tells the person reviewing the decision who is asking.")},
    ),
    KindSpec(
        c.Kind.GRIEVANCE, "grievance", _("Raise a human-rights concern"),
        _("Tell us how our handling of a request, or our policies, harmed you or others."),
        fieldsets=(
            (_("Your concern"), ("subject", "description", "urls")),
            (_("About you (optional)"), ("name", "email", "organisation", "country")),
        ),
        notice=_("Grievances are handled confidentially, and you will not face any retaliation for raising one."),
        why={**OPTIONAL_CONTACT_WHY,
             "description": _("Say what happened, who was affected and what you would like us to change.")},
    ),
]}

SPECS_BY_SLUG = {spec.slug: spec for spec in SPECS.values()}

#: The public label of each state, as the requester sees it on the tracking page.
PUBLIC_STATUS = {
    c.State.RECEIVED: _("Received: waiting to be read by our team"),
    c.State.TRIAGE: _("Being sorted by our team"),
    c.State.AWAITING_INFORMATION: _("Waiting for information from you"),
    c.State.UNDER_REVIEW: _("Under review"),
    c.State.AWAITING_APPROVAL: _("Under review: the decision is being checked"),
    c.State.DECIDED: _("Decided"),
    c.State.NOTIFIED: _("Decided"),
    c.State.CLOSED: pgettext_lazy("case status", "Closed"),
}

#: The claimed category, as the EU statement-of-reasons vocabulary names it.
DSA_CATEGORY_FOR_GROUND = {
    c.ContentGround.DEFAMATION: c.DsaCategory.ILLEGAL_OR_HARMFUL_SPEECH,
    c.ContentGround.PRIVACY: c.DsaCategory.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS,
    c.ContentGround.RIGHT_TO_ERASURE: c.DsaCategory.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS,
    c.ContentGround.HATE_SPEECH: c.DsaCategory.ILLEGAL_OR_HARMFUL_SPEECH,
    c.ContentGround.CHILD_SAFETY: c.DsaCategory.PROTECTION_OF_MINORS,
    c.ContentGround.COPYRIGHT: c.DsaCategory.INTELLECTUAL_PROPERTY_INFRINGEMENTS,
    c.ContentGround.TRADEMARK: c.DsaCategory.INTELLECTUAL_PROPERTY_INFRINGEMENTS,
    c.ContentGround.GOVERNMENT_ORDER: c.DsaCategory.NOT_SPECIFIED_NOTICE,
    c.ContentGround.OTHER: c.DsaCategory.NOT_SPECIFIED_NOTICE,
}
DSA_CATEGORY_FOR_HARM = {
    c.HarmCategory.HARASSMENT: c.DsaCategory.CYBER_VIOLENCE,
    c.HarmCategory.THREAT: c.DsaCategory.VIOLENCE,
    c.HarmCategory.DOXXING: c.DsaCategory.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS,
    c.HarmCategory.HATE: c.DsaCategory.ILLEGAL_OR_HARMFUL_SPEECH,
    c.HarmCategory.CHILD_SAFETY: c.DsaCategory.PROTECTION_OF_MINORS,
    c.HarmCategory.SELF_HARM: c.DsaCategory.SELF_HARM,
    c.HarmCategory.IMPERSONATION: c.DsaCategory.SCAMS_AND_FRAUD,
    c.HarmCategory.OTHER: c.DsaCategory.NOT_SPECIFIED_NOTICE,
}
