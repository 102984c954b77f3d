"""A statement of reasons checked against the EU Transparency Database's rules, before it is sent.

Written from /work/shared/reference/dsa-statement-of-reasons.md: every field
of its table with its type, length, enumeration and the conditions that make
a field required or forbidden; dates in their ranges; the puid pattern; and
DSA Art. 24(5): no personal data (free-text fields must not contain e-mail
addresses, phone numbers, IP addresses or identity numbers).

:func:`errors` returns every problem as ``(field, message)``; :func:`validate`
raises :class:`StatementInvalid` with all of them.
"""

from __future__ import annotations

import re
from datetime import date

from rightsdesk.core.errors import DomainError

DECISION_VISIBILITY = {f"DECISION_VISIBILITY_{v}" for v in (
    "CONTENT_REMOVED", "CONTENT_DISABLED", "CONTENT_DEMOTED", "CONTENT_AGE_RESTRICTED",
    "CONTENT_INTERACTION_RESTRICTED", "CONTENT_LABELLED", "OTHER")}
DECISION_MONETARY = {"DECISION_MONETARY_SUSPENSION", "DECISION_MONETARY_TERMINATION", "DECISION_MONETARY_OTHER"}
DECISION_PROVISION = {f"DECISION_PROVISION_{v}" for v in (
    "PARTIAL_SUSPENSION", "TOTAL_SUSPENSION", "PARTIAL_TERMINATION", "TOTAL_TERMINATION")}
DECISION_ACCOUNT = {"DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED"}
ACCOUNT_TYPE = {"ACCOUNT_TYPE_BUSINESS", "ACCOUNT_TYPE_PRIVATE"}
DECISION_GROUND = {"DECISION_GROUND_ILLEGAL_CONTENT", "DECISION_GROUND_INCOMPATIBLE_CONTENT"}
CONTENT_TYPE = {f"CONTENT_TYPE_{v}" for v in ("APP", "AUDIO", "IMAGE", "PRODUCT", "SYNTHETIC_MEDIA", "TEXT", "VIDEO", "OTHER")}
CATEGORY = {f"STATEMENT_CATEGORY_{v}" for v in (
    "ANIMAL_WELFARE", "CONSUMER_INFORMATION", "CYBER_VIOLENCE", "CYBER_VIOLENCE_AGAINST_WOMEN",
    "DATA_PROTECTION_AND_PRIVACY_VIOLATIONS", "ILLEGAL_OR_HARMFUL_SPEECH", "INTELLECTUAL_PROPERTY_INFRINGEMENTS",
    "NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS", "NOT_SPECIFIED_NOTICE", "OTHER_VIOLATION_TC",
    "PROTECTION_OF_MINORS", "RISK_FOR_PUBLIC_SECURITY", "SCAMS_AND_FRAUD", "SELF_HARM",
    "UNSAFE_AND_PROHIBITED_PRODUCTS", "VIOLENCE")}
KEYWORDS = {f"KEYWORD_{v}" for v in """
ADULT_SEXUAL_MATERIAL AGE_SPECIFIC_RESTRICTIONS AGE_SPECIFIC_RESTRICTIONS_MINORS ANIMAL_HARM BIOMETRIC_DATA_BREACH
BULLYING_AGAINST_GIRLS CHILD_SEXUAL_ABUSE_MATERIAL CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE CONTENT_PROMOTING_EATING_DISORDERS
COORDINATED_HARM COPYRIGHT_INFRINGEMENT CYBER_BULLYING_INTIMIDATION CYBER_HARASSMENT CYBER_HARASSMENT_AGAINST_WOMEN
CYBER_INCITEMENT CYBER_STALKING CYBER_STALKING_AGAINST_WOMEN DATA_FALSIFICATION DEFAMATION DESIGN_INFRINGEMENT
DISCRIMINATION FEMALE_GENDERED_DISINFORMATION GEOGRAPHIC_INDICATIONS_INFRINGEMENT GEOGRAPHICAL_REQUIREMENTS
GOODS_SERVICES_NOT_PERMITTED GROOMING_SEXUAL_ENTICEMENT_MINORS HATE_SPEECH HIDDEN_ADVERTISEMENT HUMAN_EXPLOITATION
HUMAN_TRAFFICKING ILLEGAL_ORGANIZATIONS IMPERSONATION_ACCOUNT_HIJACKING INAUTHENTIC_ACCOUNTS INAUTHENTIC_LISTINGS
INAUTHENTIC_USER_REVIEWS INCITEMENT_AGAINST_WOMEN INCITEMENT_VIOLENCE_HATRED INSUFFICIENT_INFORMATION_ON_TRADERS
LANGUAGE_REQUIREMENTS MISINFORMATION_DISINFORMATION MISLEADING_INFO_CONSUMER_RIGHTS MISLEADING_INFO_GOODS_SERVICES
MISSING_PROCESSING_GROUND NON_CONSENSUAL_IMAGE_SHARING NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN
NON_CONSENSUAL_MATERIAL_DEEPFAKE NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN NONCOMPLIANCE_PRICING NUDITY
PATENT_INFRINGEMENT PHISHING PROHIBITED_PRODUCTS PYRAMID_SCHEMES RIGHT_TO_BE_FORGOTTEN RISK_ENVIRONMENTAL_DAMAGE
RISK_PUBLIC_HEALTH SELF_MUTILATION STALKING SUICIDE TERRORIST_CONTENT TRADE_SECRET_INFRINGEMENT TRADEMARK_INFRINGEMENT
TRAFFICKING_WOMEN_GIRLS UNLAWFUL_SALE_ANIMALS UNSAFE_CHALLENGES UNSAFE_PRODUCTS VIOLATION_EU_LAW VIOLATION_NATIONAL_LAW
OTHER""".split()}
SOURCE_TYPE = {"SOURCE_ARTICLE_16", "SOURCE_TRUSTED_FLAGGER", "SOURCE_TYPE_OTHER_NOTIFICATION", "SOURCE_VOLUNTARY"}
AUTOMATED_DECISION = {"AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_PARTIALLY", "AUTOMATED_DECISION_NOT_AUTOMATED"}
YES_NO = {"Yes", "No"}
EEA = set("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK".split())
ISO_639_1 = set("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es
et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj
kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv
ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".upper().split())
PUID_RE = re.compile(r"^[a-zA-Z0-9-_]+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)

#: Every field the database accepts, with its maximum length when it is a string.
STRING_LIMITS = {
    "decision_visibility_other": 500, "decision_monetary": None, "decision_monetary_other": 500,
    "decision_provision": None, "decision_account": None, "account_type": None, "decision_ground": None,
    "decision_ground_reference_url": 500, "illegal_content_legal_ground": 500, "illegal_content_explanation": 2000,
    "incompatible_content_ground": 500, "incompatible_content_explanation": 2000, "incompatible_content_illegal": None,
    "content_type_other": 500, "category": None, "category_specification_other": 500, "content_language": None,
    "content_date": None, "application_date": None, "end_date_account_restriction": None,
    "end_date_monetary_restriction": None, "end_date_service_restriction": None,
    "end_date_visibility_restriction": None, "decision_facts": 5000, "source_type": None, "source_identity": 500,
    "automated_detection": None, "automated_decision": None, "puid": 500,
}
ARRAY_FIELDS = {"decision_visibility": DECISION_VISIBILITY, "content_type": CONTENT_TYPE, "category_addition": CATEGORY,
                "category_specification": KEYWORDS, "territorial_scope": EEA}
ENUM_FIELDS = {"decision_monetary": DECISION_MONETARY, "decision_provision": DECISION_PROVISION,
               "decision_account": DECISION_ACCOUNT, "account_type": ACCOUNT_TYPE, "decision_ground": DECISION_GROUND,
               "incompatible_content_illegal": YES_NO, "category": CATEGORY, "source_type": SOURCE_TYPE,
               "automated_detection": YES_NO, "automated_decision": AUTOMATED_DECISION}
KNOWN_FIELDS = set(STRING_LIMITS) | set(ARRAY_FIELDS) | {"content_id"}
REQUIRED = ("decision_ground", "content_type", "category", "content_date", "application_date", "decision_facts",
            "source_type", "automated_detection", "automated_decision", "puid")
DATE_RANGES = {
    "content_date": (date(2000, 1, 1), date(2038, 1, 1)),
    "application_date": (date(2020, 1, 1), date(2038, 1, 1)),
    "end_date_account_restriction": (date(2000, 1, 1), date(2038, 1, 1)),
    "end_date_monetary_restriction": (date(2000, 1, 1), date(2038, 1, 1)),
    "end_date_service_restriction": (date(2000, 1, 1), date(2038, 1, 1)),
    "end_date_visibility_restriction": (date(2000, 1, 1), date(2038, 1, 1)),
}
FREE_TEXT = ("decision_visibility_other", "decision_monetary_other", "illegal_content_legal_ground",
             "illegal_content_explanation", "incompatible_content_ground", "incompatible_content_explanation",
             "content_type_other", "category_specification_other", "decision_facts", "source_identity")


class StatementInvalid(DomainError):
    code = "invalid_statement"

    def __init__(self, problems: list[tuple[str, str]], puid: str = ""):
        self.problems = problems
        text = "; ".join(f"{f}: {m}" for f, m in problems)
        super().__init__(f"Statement {puid or '(no puid)'} is not valid: {text}", field=problems[0][0] if problems else None)


def _present(value) -> bool:
    return value not in (None, "", [])


def errors(statement: dict) -> list[tuple[str, str]]:
    """Every rule the statement breaks, as (field, message); empty when it is valid."""
    if not isinstance(statement, dict):
        return [("statement", "must be a JSON object")]
    out: list[tuple[str, str]] = []
    s = statement
    for name in sorted(set(s) - KNOWN_FIELDS):
        out.append((name, "is not a field of a statement of reasons"))
    for name in REQUIRED:
        if not _present(s.get(name)):
            out.append((name, "is required"))
    # Strings: type and length.
    for name, limit in STRING_LIMITS.items():
        if name in s and s[name] is not None:
            if not isinstance(s[name], str):
                out.append((name, "must be a string"))
            elif limit is not None and len(s[name]) > limit:
                out.append((name, f"must be at most {limit} characters (it has {len(s[name])})"))
    # Arrays of enumerations.
    for name, allowed in ARRAY_FIELDS.items():
        if name not in s or s[name] is None:
            continue
        value = s[name]
        if not isinstance(value, list):
            out.append((name, "must be an array"))
            continue
        if name in ("decision_visibility", "content_type") and not value:
            out.append((name, "must not be empty"))
        bad = [v for v in value if not isinstance(v, str) or v not in allowed]
        if bad:
            out.append((name, f"has values that are not allowed: {', '.join(map(str, bad))}"))
        if len(set(map(str, value))) != len(value):
            out.append((name, "must not repeat a value"))
    for name, allowed in ENUM_FIELDS.items():
        if _present(s.get(name)) and isinstance(s[name], str) and s[name] not in allowed:
            out.append((name, f"'{s[name]}' is not one of the allowed values"))
    # At least one decision.
    decisions = [n for n in ("decision_visibility", "decision_monetary", "decision_provision", "decision_account")
                 if _present(s.get(n))]
    if not decisions:
        out.append(("decision_visibility", "is required unless decision_monetary, decision_provision or decision_account is given"))
    # "_other" fields are required exactly when the OTHER value is chosen.
    visibility = s.get("decision_visibility") or []
    for choice, other_field, chosen in (
        ("DECISION_VISIBILITY_OTHER", "decision_visibility_other", isinstance(visibility, list) and "DECISION_VISIBILITY_OTHER" in visibility),
        ("DECISION_MONETARY_OTHER", "decision_monetary_other", s.get("decision_monetary") == "DECISION_MONETARY_OTHER"),
        ("CONTENT_TYPE_OTHER", "content_type_other", isinstance(s.get("content_type"), list) and "CONTENT_TYPE_OTHER" in s["content_type"]),
    ):
        if chosen and not _present(s.get(other_field)):
            out.append((other_field, f"is required when {choice} is chosen"))
        if not chosen and _present(s.get(other_field)):
            out.append((other_field, f"is only allowed when {choice} is chosen"))
    # The ground decides which explanation is needed.
    ground = s.get("decision_ground")
    if ground == "DECISION_GROUND_ILLEGAL_CONTENT":
        for name in ("illegal_content_legal_ground", "illegal_content_explanation"):
            if not _present(s.get(name)):
                out.append((name, "is required when the decision ground is illegal content"))
    if ground == "DECISION_GROUND_INCOMPATIBLE_CONTENT":
        for name in ("incompatible_content_ground", "incompatible_content_explanation"):
            if not _present(s.get(name)):
                out.append((name, "is required when the decision ground is incompatible content"))
    # Dates.
    for name, (low, high) in DATE_RANGES.items():
        value = s.get(name)
        if not _present(value) or not isinstance(value, str):
            continue
        if not DATE_RE.match(value):
            out.append((name, "must be a date written Y-m-d"))
            continue
        try:
            day = date.fromisoformat(value)
        except ValueError:
            out.append((name, "is not a real date"))
            continue
        if not low <= day <= high:
            out.append((name, f"must be between {low.isoformat()} and {high.isoformat()}"))
    # Identifiers and codes.
    puid = s.get("puid")
    if isinstance(puid, str) and puid and not PUID_RE.match(puid):
        out.append(("puid", "may only contain letters, digits, '-' and '_'"))
    lang = s.get("content_language")
    if _present(lang) and isinstance(lang, str) and lang not in ISO_639_1:
        out.append(("content_language", "must be an upper-case ISO 639-1 code, such as EN or DE"))
    url = s.get("decision_ground_reference_url")
    if _present(url) and isinstance(url, str) and not URL_RE.match(url):
        out.append(("decision_ground_reference_url", "must be a URL"))
    content_id = s.get("content_id")
    if content_id is not None:
        if not isinstance(content_id, dict) or set(content_id) - {"EAN-13"}:
            out.append(("content_id", "must be an object with the key EAN-13"))
        elif not re.fullmatch(r"\d{13}", str(content_id.get("EAN-13", ""))):
            out.append(("content_id", "EAN-13 must be 13 digits"))
    # No personal data (DSA Art. 24(5)).
    from rightsdesk.privacy.redaction import contains_personal_data

    for name in FREE_TEXT:
        value = s.get(name)
        if isinstance(value, str) and value:
            found = contains_personal_data(value)
            if found:
                out.append((name, f"must not contain personal data (found: {', '.join(found)})"))
    return out


def validate(statement: dict) -> dict:
    problems = errors(statement)
    if problems:
        raise StatementInvalid(problems, puid=str(statement.get("puid", "")) if isinstance(statement, dict) else "")
    return statement
