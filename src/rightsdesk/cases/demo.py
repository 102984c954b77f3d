"""Demo cases: a realistic year of requests, drawn deterministically.

The mix follows the orders of magnitude of Wikimedia's public reports: a few
hundred content requests a half-year with almost none granted, a few dozen
requests for user information with a handful answered, copyright notices with
some complied with, emergencies, harm reports and appeals. Two complete
half-years (2025-H2 and 2026-H1) are decided; a tail of recent cases is still
open so the staff queues have work in them.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.utils import timezone
from django.utils.translation import gettext_noop

from rightsdesk.demo import register

from . import choices as c
from .models import Case, CaseHistory
from .services import create_case, outcome_from_items

PERIODS = [(datetime(2025, 7, 1, tzinfo=dt_timezone.utc), datetime(2025, 12, 31, tzinfo=dt_timezone.utc)),
           (datetime(2026, 1, 1, tzinfo=dt_timezone.utc), datetime(2026, 6, 30, tzinfo=dt_timezone.utc))]

COUNTRIES = ["US"] * 8 + ["DE"] * 5 + ["FR"] * 4 + ["GB"] * 4 + ["IN"] * 4 + ["TR"] * 3 + ["RU"] * 3 + ["BR"] * 3 + [
    "IT", "IT", "ES", "ES", "ID", "PK", "IR", "NL", "JP", "AR", "MX", "PL", "UA", "EG", "NG", "KR", "CH", "AT", "SE", "PH"]
EU = {"DE", "FR", "IT", "ES", "NL", "PL", "AT", "SE"}
PROJECTS = ["en.wikipedia.org"] * 6 + ["commons.wikimedia.org"] * 4 + ["de.wikipedia.org"] * 2 + [
    "fr.wikipedia.org", "es.wikipedia.org", "ar.wikipedia.org", "ru.wikipedia.org", "tr.wikipedia.org",
    "www.wikidata.org", "en.wikiquote.org", "zh.wikipedia.org", "it.wikipedia.org", "meta.wikimedia.org"]
FIRST = ["Maria", "Ahmed", "Li", "Sofia", "James", "Fatima", "Lukas", "Ana", "Mehmet", "Priya", "Olga", "Kwame",
         "Camille", "Diego", "Yuki", "Hannah", "Omar", "Elena", "Rahul", "Zeynep"]
LAST = ["García", "Hassan", "Wei", "Rossi", "Smith", "Khan", "Müller", "Silva", "Yılmaz", "Sharma", "Ivanova",
        "Mensah", "Dubois", "López", "Tanaka", "Schmidt", "Farouk", "Popescu", "Gupta", "Demir"]
PAGES = ["Local politician", "Regional election 2025", "Company history", "Football club", "Protest movement",
         "Historic building", "Musician biography", "Corruption case", "Pharmaceutical product", "Religious group",
         "Journalist", "Border dispute", "University rankings", "Film festival", "Mining company"]
AUTHORITIES = {"US": "Federal Bureau of Investigation", "DE": "Bundeskriminalamt", "FR": "Police nationale",
               "GB": "Metropolitan Police Service", "IN": "Ministry of Electronics and IT", "TR": "BTK",
               "RU": "Roskomnadzor", "BR": "Polícia Federal", "PK": "PTA", "IR": "Ministry of Culture"}
COMPANIES = ["Acme Rights Management", "Global Photo Agency", "Brandwatch Legal", "Northwind Pharma",
             "Riverside Records", "MegaCorp Holdings", "Stellar Films"]
LAW_FIRMS = ["Smith & Partners LLP", "Kanzlei Becker", "Cabinet Moreau", "Estudio Jurídico Ruiz"]

# kind: weight per half-year (about 190 cases each)
KIND_WEIGHTS = [
    (c.Kind.CONTENT_TAKEDOWN, 95), (c.Kind.COPYRIGHT_NOTICE, 30), (c.Kind.COPYRIGHT_COUNTER_NOTICE, 3),
    (c.Kind.TRADEMARK_NOTICE, 6), (c.Kind.USER_DATA_REQUEST, 16), (c.Kind.EMERGENCY_DISCLOSURE, 10),
    (c.Kind.HARM_REPORT, 22), (c.Kind.APPEAL, 5), (c.Kind.GRIEVANCE, 3),
]
PER_PERIOD = 190
OPEN_RECENT = 28


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"{first}.{last}".lower().encode("ascii", "ignore").decode() + f"{rng.randint(1, 99)}@example.org"
    return f"{first} {last}", email


def _when(rng: random.Random, start: datetime, end: datetime) -> datetime:
    span = (end - start).total_seconds()
    moment = start + timedelta(seconds=rng.uniform(0, span))
    return moment.replace(microsecond=0)


def _requester(rng: random.Random, kind: str, country: str) -> dict:
    """The categorical requester facts and the requester party."""
    if kind in (c.Kind.USER_DATA_REQUEST,):
        rtype = rng.choice([c.RequesterType.LAW_ENFORCEMENT] * 4 + [c.RequesterType.GOVERNMENT, c.RequesterType.COURT,
                                                                    c.RequesterType.LAW_FIRM, c.RequesterType.INDIVIDUAL])
    elif kind == c.Kind.EMERGENCY_DISCLOSURE:
        rtype = c.RequesterType.LAW_ENFORCEMENT
    elif kind in (c.Kind.COPYRIGHT_NOTICE, c.Kind.TRADEMARK_NOTICE):
        rtype = rng.choice([c.RequesterType.COMPANY] * 3 + [c.RequesterType.LAW_FIRM, c.RequesterType.INDIVIDUAL])
    elif kind == c.Kind.HARM_REPORT:
        rtype = rng.choice([c.RequesterType.INDIVIDUAL] * 4 + [c.RequesterType.ANONYMOUS] * 2 + [c.RequesterType.TRUSTED_FLAGGER])
    elif kind in (c.Kind.APPEAL, c.Kind.GRIEVANCE, c.Kind.COPYRIGHT_COUNTER_NOTICE):
        rtype = c.RequesterType.INDIVIDUAL
    else:
        rtype = rng.choice([c.RequesterType.INDIVIDUAL] * 6 + [c.RequesterType.COMPANY, c.RequesterType.LAW_FIRM,
                                                               c.RequesterType.GOVERNMENT, c.RequesterType.GOVERNMENT,
                                                               c.RequesterType.COURT, c.RequesterType.TRUSTED_FLAGGER])
    name, email = _person(rng)
    fields = {"requester_type": rtype}
    party = {"role": c.PartyRole.REQUESTER, "country": country, "language": rng.choice(["en", "en", "de", "fr", "es", "ar"])}
    if rtype == c.RequesterType.ANONYMOUS:
        return fields, None
    if rtype in c.GOVERNMENT_REQUESTERS:
        org = AUTHORITIES.get(country, f"Ministry of Justice ({country})")
        if rtype == c.RequesterType.COURT:
            org = f"District Court of {country}"
        fields.update(requester_organisation=org, authority_country=country,
                      authority_level=rng.choice([c.AuthorityLevel.NATIONAL] * 3 + [c.AuthorityLevel.REGIONAL, c.AuthorityLevel.LOCAL]))
        party.update(kind=c.EntityKind.ORGANIZATION, organisation=org, name=name, official_title="Investigating officer", email=email)
    elif rtype in (c.RequesterType.COMPANY, c.RequesterType.LAW_FIRM, c.RequesterType.TRUSTED_FLAGGER, c.RequesterType.NGO):
        org = rng.choice(LAW_FIRMS if rtype == c.RequesterType.LAW_FIRM else COMPANIES)
        if rtype == c.RequesterType.TRUSTED_FLAGGER:
            org, fields["trusted_flagger"] = "INACH Trusted Flagger Network", True
        fields["requester_organisation"] = org
        party.update(kind=c.EntityKind.ORGANIZATION, organisation=org, name=name, email=email)
    else:
        party.update(kind=c.EntityKind.INDIVIDUAL, name=name, email=email,
                     phone=f"+{rng.randint(30, 49)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}")
    return fields, party


TEXT_PROJECTS = [p for p in PROJECTS if p != "commons.wikimedia.org"]
WORKS = [("Photograph of a concert", "Concert"), ("Book cover", "Book_cover"), ("News photograph", "Press_photo"),
         ("Logo artwork", "Logo_artwork")]


def _account(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)}{rng.randint(10, 9999)}"


def _wiki_url(project: str, title: str) -> str:
    return f"https://{project}/wiki/{title.replace(' ', '_')}"


def _page(rng: random.Random, project: str, title: str, *, revision: bool = False) -> dict:
    """An article (or one revision of it) and the account that wrote what is complained of."""
    item = {"url": _wiki_url(project, title), "project": project, "page_title": title,
            "item_type": c.ItemType.REVISION if revision else c.ItemType.PAGE, "content_type": c.ContentType.TEXT,
            "account_name": _account(rng)}
    if revision:  # a revision's address names it, as intake reads it (?oldid=)
        item["revision_id"] = rng.randint(1_000_000, 1_250_000_000)
        item["url"] = f"https://{project}/w/index.php?title={title.replace(' ', '_')}&oldid={item['revision_id']}"
    return item


def _file(rng: random.Random, title: str) -> dict:
    return {"url": _wiki_url("commons.wikimedia.org", title), "project": "commons.wikimedia.org", "page_title": title,
            "item_type": c.ItemType.FILE, "content_type": c.ContentType.IMAGE, "account_name": _account(rng)}


def _user(project: str, account: str) -> dict:
    return {"url": _wiki_url(project, f"User:{account}"), "project": project, "item_type": c.ItemType.ACCOUNT,
            "account_name": account}


def _article_items(rng: random.Random, page: str, count: int) -> list[dict]:
    """A takedown names the article it is about, then revisions of that same article."""
    project = rng.choice(TEXT_PROJECTS)
    return [_page(rng, project, page)] + [_page(rng, project, page, revision=True) for _ in range(count - 1)]


def _file_items(rng: random.Random, stem: str, count: int) -> list[dict]:
    """A copyright notice names the uploads of the work on Commons (one upload per file)."""
    numbers = rng.sample(range(1, 500), count)
    return [_file(rng, f"File:{stem}_{number}.jpg") for number in numbers]


def _account_items(rng: random.Random, count: int) -> list[dict]:
    project = rng.choice(PROJECTS)
    return [_user(project, _account(rng)) for _ in range(count)]


# (outcome weights) per kind for decided cases: granted, partial, rejected, invalid, withdrawn
OUTCOME_WEIGHTS = {
    c.Kind.CONTENT_TAKEDOWN: [1, 1, 80, 14, 4],
    c.Kind.COPYRIGHT_NOTICE: [8, 3, 15, 5, 1],
    c.Kind.COPYRIGHT_COUNTER_NOTICE: [2, 0, 1, 0, 0],
    c.Kind.TRADEMARK_NOTICE: [1, 0, 6, 1, 0],
    c.Kind.USER_DATA_REQUEST: [1, 2, 18, 6, 1],
    c.Kind.EMERGENCY_DISCLOSURE: [5, 1, 4, 0, 0],
    c.Kind.HARM_REPORT: [8, 2, 10, 2, 0],
    c.Kind.APPEAL: [1, 1, 6, 0, 0],
    c.Kind.GRIEVANCE: [1, 1, 2, 0, 0],
}
OUTCOMES = [c.Outcome.GRANTED, c.Outcome.PARTIALLY_GRANTED, c.Outcome.REJECTED, c.Outcome.INVALID, c.Outcome.WITHDRAWN]


def _grant_action(kind: str, rng: random.Random) -> str:
    if kind in (c.Kind.USER_DATA_REQUEST, c.Kind.EMERGENCY_DISCLOSURE):
        return c.Action.DISCLOSE
    if kind == c.Kind.HARM_REPORT:
        return rng.choice([c.Action.REMOVE, c.Action.HIDE_REVISION])
    if kind == c.Kind.COPYRIGHT_COUNTER_NOTICE:
        return c.Action.REMOVE  # a counter-notice granted restores; recorded as action on the notice's item
    return rng.choice([c.Action.REMOVE, c.Action.REMOVE, c.Action.HIDE_REVISION, c.Action.RESTRICT_COUNTRY])


GROUNDS = {
    c.Kind.CONTENT_TAKEDOWN: "Terms of Use §4; the content is verifiable and in the public interest",
    c.Kind.COPYRIGHT_NOTICE: "17 U.S.C. 512(c)",
    c.Kind.TRADEMARK_NOTICE: "Trademark policy; nominative fair use",
    c.Kind.USER_DATA_REQUEST: "Privacy Policy; Requests for user information procedures",
    c.Kind.EMERGENCY_DISCLOSURE: "Privacy Policy: imminent threat to life",
    c.Kind.HARM_REPORT: "Universal Code of Conduct §3",
}


def make_case(rng: random.Random, kind: str, received: datetime, *, decided: bool, appeal_targets: list[Case]) -> Case:
    country = rng.choice(COUNTRIES)
    rfields, party = _requester(rng, kind, country)
    subject_page = rng.choice(PAGES)
    # "subject" is what the requester typed (stored privately as requester_subject; the case's title is neutral).
    fields = {
        "kind": kind, "country": country, "received_at": received, "language": (party or {}).get("language", "en"),
        "source": rng.choice([c.Source.WEB_FORM] * 6 + [c.Source.EMAIL] * 3 + [c.Source.POST]),
        "subject": f"The article “{subject_page}”", **rfields,
    }
    name, email = _person(rng)
    description = (f"We ask you to act on the article about {subject_page}. It concerns {name}, who can be reached at "
                   f"{email}. The statements are said to be false and damaging.")
    n_items = rng.choice([1, 1, 1, 2, 2, 3, 4])
    items = None  # drawn below from what the case is about
    if kind == c.Kind.CONTENT_TAKEDOWN:
        fields["content_ground"] = rng.choice([c.ContentGround.DEFAMATION] * 4 + [c.ContentGround.PRIVACY] * 2 + [
            c.ContentGround.RIGHT_TO_ERASURE, c.ContentGround.GOVERNMENT_ORDER if rfields["requester_type"] in c.GOVERNMENT_REQUESTERS
            else c.ContentGround.OTHER])
        if rfields["requester_type"] in c.GOVERNMENT_REQUESTERS:
            fields["content_ground"] = c.ContentGround.GOVERNMENT_ORDER
            fields["legal_basis_reference"] = f"Order {rng.randint(100, 999)}/{received.year}"
        fields["law_invoked"] = {c.ContentGround.DEFAMATION: "Defamation law", c.ContentGround.PRIVACY: "Privacy law",
                                 c.ContentGround.RIGHT_TO_ERASURE: "GDPR Art. 17",
                                 c.ContentGround.GOVERNMENT_ORDER: "National internet law"}.get(fields["content_ground"], "")
        fields["dsa_category"] = {c.ContentGround.DEFAMATION: c.DsaCategory.ILLEGAL_OR_HARMFUL_SPEECH,
                                  c.ContentGround.PRIVACY: c.DsaCategory.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS,
                                  c.ContentGround.RIGHT_TO_ERASURE: c.DsaCategory.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS,
                                  }.get(fields["content_ground"], c.DsaCategory.NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS)
        ground = fields["content_ground"]
        fields["subject"] = {
            c.ContentGround.DEFAMATION: f"False and damaging statements in “{subject_page}”",
            c.ContentGround.PRIVACY: f"My private life exposed in the article “{subject_page}”",
            c.ContentGround.RIGHT_TO_ERASURE: f"Erase my personal data from “{subject_page}”",
            c.ContentGround.GOVERNMENT_ORDER: f"{fields.get('legal_basis_reference', 'Order')}: the article “{subject_page}”",
        }.get(ground, f"Please remove a paragraph of “{subject_page}”")
        if ground == c.ContentGround.PRIVACY:
            description = (f"The article about {subject_page} publishes details of the private life of {name}, who can "
                           f"be reached at {email}. Please remove them.")
        elif ground == c.ContentGround.RIGHT_TO_ERASURE:
            description = (f"Under GDPR Art. 17 I ask you to erase my personal data from the article about "
                           f"{subject_page}: my name, {name}, and my address {email}.")
        elif ground == c.ContentGround.GOVERNMENT_ORDER:
            description = (f"By the attached order, the article about {subject_page} must be removed. Contact: {name}, "
                           f"{email}.")
        items = _article_items(rng, subject_page, n_items)
    elif kind in (c.Kind.COPYRIGHT_NOTICE, c.Kind.COPYRIGHT_COUNTER_NOTICE):
        fields.update(content_ground=c.ContentGround.COPYRIGHT, law_invoked="17 U.S.C. 512",
                      dsa_category=c.DsaCategory.INTELLECTUAL_PROPERTY_INFRINGEMENTS)
        work, stem = rng.choice(WORKS)
        if kind == c.Kind.COPYRIGHT_NOTICE:
            items = _file_items(rng, stem, min(n_items, 3))
            for item in items:
                item.update(copyrighted_work=work, copyrighted_url=f"https://{rng.choice(['photos', 'media', 'press'])}"
                                                                  f".example.com/{rng.randint(1000, 9999)}")
            files = ", ".join(item["page_title"] for item in items)
            fields["subject"] = f"Unlicensed copies of my {work.lower()}: {files}"
            description = (f"I own the copyright in the {work.lower()} uploaded as {files} and did not license it. "
                           f"I have a good-faith belief the use is not authorised.")
        else:
            items = _file_items(rng, stem, 1)
            upload = items[0]["page_title"]
            fields["subject"] = f"Counter-notice: {upload} was removed by mistake"
            description = (f"I took the {work.lower()} myself and uploaded it as {upload}; it was removed by mistake "
                           f"after a copyright notice. I consent to the jurisdiction of the federal court.")
    elif kind == c.Kind.TRADEMARK_NOTICE:
        fields.update(content_ground=c.ContentGround.TRADEMARK, law_invoked="Lanham Act",
                      dsa_category=c.DsaCategory.INTELLECTUAL_PROPERTY_INFRINGEMENTS)
        brand = rng.choice(COMPANIES)
        items = [_file(rng, f"File:{brand.replace(' ', '_')}_logo.svg")]
        if n_items > 1:
            items.append(_page(rng, rng.choice(TEXT_PROJECTS), brand))
        fields["subject"] = f"Use of the {brand} trademark"
        description = (f"The {brand} logo and name are registered trademarks. Their use in "
                       f"{' and '.join(item['page_title'] for item in items)} suggests an endorsement we never gave.")
    elif kind == c.Kind.USER_DATA_REQUEST:
        process = rng.choice([c.LegalProcess.INFORMAL_GOVERNMENT] * 4 + [c.LegalProcess.INFORMAL_NON_GOVERNMENT] * 2 + [
            c.LegalProcess.CIVIL_SUBPOENA, c.LegalProcess.CRIMINAL_SUBPOENA, c.LegalProcess.ADMINISTRATIVE_SUBPOENA,
            c.LegalProcess.COURT_ORDER, c.LegalProcess.COURT_ORDER, c.LegalProcess.SEARCH_WARRANT,
            c.LegalProcess.INTERNATIONAL, c.LegalProcess.NATIONAL_SECURITY])
        fields.update(legal_process=process, content_data_requested=rng.random() < 0.3, non_content_data_requested=True,
                      accounts_potentially_affected=n_items, law_invoked="Code of Criminal Procedure",
                      legal_basis_reference=f"Case {rng.randint(1000, 9999)}-{received.year}")
        items = _account_items(rng, n_items)
        accounts = ", ".join(item["account_name"] for item in items)
        fields["subject"] = f"{fields['legal_basis_reference']}: information on the user {accounts}"
        description = (f"Please provide the IP addresses and e-mail address used by the user {accounts}. Contact "
                       f"officer {name}, phone +1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}.")
    elif kind == c.Kind.EMERGENCY_DISCLOSURE:
        fields.update(legal_process=c.LegalProcess.EMERGENCY,
                      threat_type=rng.choice([c.ThreatType.SUICIDE_SELF_HARM] * 3 + [c.ThreatType.INDIVIDUAL_VIOLENT] * 2 + [
                          c.ThreatType.TERRORIST, c.ThreatType.OTHER]),
                      emergency_origin=rng.choice([c.EmergencyOrigin.REQUESTED] * 2 + [c.EmergencyOrigin.VOLUNTARY]),
                      non_content_data_requested=True, accounts_potentially_affected=1)
        if fields["emergency_origin"] == c.EmergencyOrigin.VOLUNTARY:
            fields.update(requester_type=c.RequesterType.ANONYMOUS, source=c.Source.OWN_INITIATIVE,
                          requester_organisation="", authority_country="", authority_level="")
            party = None
        n_items = 1
        items = _account_items(rng, 1)
        account = items[0]["account_name"]
        description = {
            c.ThreatType.SUICIDE_SELF_HARM: f"The user {account} posted a message announcing an intention to harm "
                                            f"themselves tonight.",
            c.ThreatType.INDIVIDUAL_VIOLENT: f"The user {account} threatened to attack a named editor at their home "
                                             f"this weekend.",
            c.ThreatType.TERRORIST: f"A talk-page post by the user {account} announces an attack on a public event "
                                    f"and gives a date.",
        }.get(fields["threat_type"], f"The user {account} posted a credible threat against a school.")
        fields["subject"] = f"Urgent: threat posted by the user {account}"
    elif kind == c.Kind.HARM_REPORT:
        fields["harm_category"] = rng.choice(list(c.HarmCategory.values))
        fields["dsa_category"] = {c.HarmCategory.HARASSMENT: c.DsaCategory.CYBER_VIOLENCE, c.HarmCategory.THREAT: c.DsaCategory.VIOLENCE,
                                  c.HarmCategory.DOXXING: c.DsaCategory.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS,
                                  c.HarmCategory.CHILD_SAFETY: c.DsaCategory.PROTECTION_OF_MINORS,
                                  c.HarmCategory.SELF_HARM: c.DsaCategory.SELF_HARM}.get(fields["harm_category"], c.DsaCategory.ILLEGAL_OR_HARMFUL_SPEECH)
        offender, project = _account(rng), rng.choice(TEXT_PROJECTS)
        talk = f"Talk:{rng.choice(PAGES)}"  # an article's talk page: no bystander's account in the published address
        items = [_user(project, offender), {**_page(rng, project, talk, revision=True), "account_name": offender}]
        description, fields["subject"] = {
            c.HarmCategory.HARASSMENT: (f"The user {offender} follows my edits and insults me on {talk}.",
                                        f"{offender} keeps harassing me"),
            c.HarmCategory.THREAT: (f"The user {offender} wrote on {talk} that they will find me and hurt me.",
                                    f"Threat from {offender}"),
            c.HarmCategory.DOXXING: (f"The user {offender} keeps posting my home address and phone number "
                                     f"(+44 20 7946 {rng.randint(1000, 9999)}) on {talk}.",
                                     f"{offender} published my address"),
            c.HarmCategory.HATE: (f"The user {offender} posts slurs about my religion on {talk}.",
                                  f"Hateful messages from {offender}"),
            c.HarmCategory.CHILD_SAFETY: (f"The user {offender} asks a young editor for photos and a phone number on "
                                          f"{talk}.", f"{offender} is contacting a child"),
            c.HarmCategory.SELF_HARM: (f"The user {offender} wrote on {talk} that they want to end their life.",
                                       f"Worried about {offender}"),
            c.HarmCategory.IMPERSONATION: (f"The account {offender} uses my name and photo and writes on {talk} as if "
                                           f"it were me.", f"{offender} is pretending to be me"),
        }.get(fields["harm_category"], (f"The user {offender} keeps disrupting {talk}.", f"A problem with {offender}"))
    elif kind == c.Kind.APPEAL and appeal_targets:
        target = rng.choice(appeal_targets)
        fields["appeal_of"] = target
        fields["subject"] = f"Please reconsider the decision on {target.reference}"
        description = (f"I ask you to review the decision on my request {target.reference}: I do not think the reasons "
                       f"given answer what I explained.")
        items = []
    elif kind == c.Kind.GRIEVANCE:
        fields["subject"] = "Complaint about how my case was handled"
        description = "I believe the handling of my case did not respect my right to a fair hearing."
        items = []
    if kind == c.Kind.APPEAL and not appeal_targets:  # no decision to appeal yet: an appeal of an earlier one
        fields["subject"] = "Please reconsider the decision on my request"
        description = "I ask you to review the decision on my request: the reasons do not answer what I explained."
        items = []
    fields["description"] = description
    fields["trusted_flagger"] = fields.get("trusted_flagger", False)
    if fields["country"] in EU and kind in c.CONTENT_KINDS | {c.Kind.HARM_REPORT}:
        fields["decision_ground"] = c.DecisionGround.ILLEGAL_CONTENT if rfields["requester_type"] in c.GOVERNMENT_REQUESTERS else c.DecisionGround.INCOMPATIBLE_CONTENT

    if items is None:
        items = _article_items(rng, subject_page, n_items)
    parties = [party] if party else []
    told = set()
    for item in items:
        if item.get("account_name") and kind != c.Kind.COPYRIGHT_COUNTER_NOTICE and item["account_name"] not in told:
            told.add(item["account_name"])
            parties.append({"role": c.PartyRole.AFFECTED_USER, "kind": c.EntityKind.INDIVIDUAL,
                            "account_name": item["account_name"], "language": rng.choice(["en", "de", "fr", "ar", "es"]),
                            "email": f"{item['account_name'].lower()}@users.example.net"})
    state = c.State.CLOSED if decided else rng.choice([c.State.RECEIVED, c.State.TRIAGE, c.State.UNDER_REVIEW,
                                                       c.State.UNDER_REVIEW, c.State.AWAITING_INFORMATION,
                                                       c.State.AWAITING_APPROVAL])
    case = create_case(fields=fields, parties=parties, items=items, actor="demo", initial_state=state,
                       reason=gettext_noop("Demo data."),  # stored in English, read in the reader's language
                       at=fields["received_at"])
    _fill_history_and_decision(rng, case, kind, decided)
    return case


def _fill_history_and_decision(rng: random.Random, case: Case, kind: str, decided: bool) -> None:
    received = case.received_at
    fast = kind == c.Kind.EMERGENCY_DISCLOSURE
    ack = received + timedelta(minutes=rng.randint(5, 50) if fast else rng.randint(60, 60 * 48))
    updates = {"acknowledged_at": ack if case.state != c.State.RECEIVED else None}
    path = []
    if decided:
        outcome = rng.choices(OUTCOMES, weights=OUTCOME_WEIGHTS[kind])[0]
        decided_at = ack + timedelta(hours=rng.randint(1, 6) if fast else rng.randint(12, 24 * 30))
        notified_at = decided_at + timedelta(hours=rng.randint(1, 72))
        closed_at = notified_at + timedelta(days=rng.randint(0, 10))
        items = list(case.items.all())
        if outcome in (c.Outcome.GRANTED, c.Outcome.PARTIALLY_GRANTED) and items:
            acted = items if outcome == c.Outcome.GRANTED or len(items) == 1 else items[: max(1, len(items) // 2)]
            if outcome == c.Outcome.PARTIALLY_GRANTED and len(items) == 1:
                outcome = c.Outcome.GRANTED
            for item in items:
                if item in acted:
                    item.action = _grant_action(kind, rng)
                    if item.action == c.Action.RESTRICT_COUNTRY:
                        item.action_countries = [case.country.code]
                    if item.action == c.Action.DISCLOSE:
                        item.disclosed_fields = ["registration_date", "last_edit_date"] if outcome == c.Outcome.PARTIALLY_GRANTED else ["registration_date", "ip_addresses"]
                    item.reason = "The request was specific, lawful, necessary and proportionate."
                else:
                    item.action = c.Action.NO_ACTION
                    item.reason = "Not covered by the order, read narrowly."
                item.ground = GROUNDS.get(kind, "Terms of Use")
                item.save()
            outcome = outcome_from_items(case) if kind != c.Kind.APPEAL else outcome
        else:
            for item in items:
                item.action = c.Action.NO_ACTION
                item.ground = GROUNDS.get(kind, "Terms of Use")
                item.reason = "The request did not show a legal basis that the platform is bound by, or the content is lawful."
                item.save()
        if kind in (c.Kind.USER_DATA_REQUEST, c.Kind.EMERGENCY_DISCLOSURE):
            actual = sum(1 for i in items if i.action == c.Action.DISCLOSE)
            updates["accounts_actually_affected"] = actual
            updates["accounts_notified"] = actual if kind == c.Kind.USER_DATA_REQUEST and rng.random() < 0.7 else 0
        updates.update(outcome=outcome, decided_at=decided_at, notified_at=notified_at, closed_at=closed_at,
                       decision_summary={c.Outcome.REJECTED: "Refused: the request does not meet our standards for legal process or the content is lawful and in the public interest.",
                                         c.Outcome.INVALID: "Refused as incomplete: the request did not identify the content or its legal basis.",
                                         c.Outcome.WITHDRAWN: "The requester withdrew the request."}.get(outcome, "Granted in part after review."))
        path = [(c.State.RECEIVED, c.State.TRIAGE, ack, "triage"),
                (c.State.TRIAGE, c.State.UNDER_REVIEW, ack + timedelta(hours=1), "start_review"),
                (c.State.UNDER_REVIEW, c.State.DECIDED, decided_at, "decide"),
                (c.State.DECIDED, c.State.NOTIFIED, notified_at, "mark_notified"),
                (c.State.NOTIFIED, c.State.CLOSED, closed_at, "close")]
        if outcome == c.Outcome.WITHDRAWN:
            path = [(c.State.RECEIVED, c.State.CLOSED, decided_at, "withdraw")]
            updates.update(notified_at=None, closed_at=decided_at)
    Case.objects.filter(pk=case.pk).update(**updates)
    for from_state, to_state, at, name in path:
        CaseHistory.objects.create(case=case, at=at, actor_label="demo", event=CaseHistory.Event.TRANSITION,
                                   from_state=from_state, to_state=to_state, changes={"transition": name})


@register("cases", order=10)
def build_cases(rng: random.Random, write) -> None:
    kinds = [k for k, _ in KIND_WEIGHTS]
    weights = [w for _, w in KIND_WEIGHTS]
    decided_cases: list[Case] = []
    for start, end in PERIODS:
        for _ in range(PER_PERIOD):
            kind = rng.choices(kinds, weights=weights)[0]
            received = _when(rng, start, end - timedelta(days=2))
            case = make_case(rng, kind, received, decided=True, appeal_targets=[d for d in decided_cases if d.received_at < received])
            decided_cases.append(case)
    now = timezone.now()
    for _ in range(OPEN_RECENT):
        kind = rng.choices(kinds, weights=weights)[0]
        received = _when(rng, now - timedelta(days=20), now - timedelta(minutes=30))
        make_case(rng, kind, received, decided=False, appeal_targets=decided_cases)
    write(f"  cases: {Case.objects.count()} across {len(PERIODS)} half-years and {OPEN_RECENT} open")
