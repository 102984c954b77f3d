"""Statements of reasons for the EU DSA Transparency Database, one per restricting decision on an item.

A statement is owed for each targeted item whose action restricts content
(cases.choices.RESTRICTING_ACTIONS) in a decided case, whether or not the
case is published in our own log. The schema is the database's (see
/work/shared/reference/dsa-statement-of-reasons.md): enumeration KEY strings,
"Yes"/"No", EEA country codes, dates as Y-m-d. ``puid`` is our stable id,
``<case reference>-<item id>``, so a statement sent twice is recognised as a
duplicate rather than stored twice.

No personal data may be sent (DSA Art. 24(5)): the free texts come from the
decision's reasons and go through the redactor with the case's known
private values, and the sender is named only when it is an organisation.
Decisions that restrict content only outside the EEA are not in the DSA's
scope and get no statement.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Iterable, Iterator

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, TargetItem
from rightsdesk.privacy import redaction

from . import dsa_validator

DECIDED_STATES = (c.State.DECIDED, c.State.NOTIFIED, c.State.CLOSED)
EEA = sorted(dsa_validator.EEA)

VISIBILITY = {
    c.Action.REMOVE: "DECISION_VISIBILITY_CONTENT_REMOVED",
    c.Action.HIDE_REVISION: "DECISION_VISIBILITY_CONTENT_DISABLED",
    c.Action.RESTRICT_COUNTRY: "DECISION_VISIBILITY_CONTENT_DISABLED",
    c.Action.LABEL: "DECISION_VISIBILITY_CONTENT_LABELLED",
}
#: Grounds under which the requester alleges illegality, when the case does not say which ground applied.
ILLEGAL_GROUNDS = {c.ContentGround.DEFAMATION, c.ContentGround.PRIVACY, c.ContentGround.RIGHT_TO_ERASURE,
                   c.ContentGround.GOVERNMENT_ORDER, c.ContentGround.COPYRIGHT, c.ContentGround.TRADEMARK,
                   c.ContentGround.CHILD_SAFETY}
CATEGORY_FOR_GROUND = {
    c.ContentGround.DEFAMATION: c.DsaCategory.ILLEGAL_OR_HARMFUL_SPEECH,
    c.ContentGround.HATE_SPEECH: c.DsaCategory.ILLEGAL_OR_HARMFUL_SPEECH,
    c.ContentGround.PRIVACY: c.DsaCategory.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS,
    c.ContentGround.RIGHT_TO_ERASURE: c.DsaCategory.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS,
    c.ContentGround.COPYRIGHT: c.DsaCategory.INTELLECTUAL_PROPERTY_INFRINGEMENTS,
    c.ContentGround.TRADEMARK: c.DsaCategory.INTELLECTUAL_PROPERTY_INFRINGEMENTS,
    c.ContentGround.CHILD_SAFETY: c.DsaCategory.PROTECTION_OF_MINORS,
}
CATEGORY_FOR_HARM = {
    c.HarmCategory.HARASSMENT: c.DsaCategory.CYBER_VIOLENCE, c.HarmCategory.THREAT: c.DsaCategory.VIOLENCE,
    c.HarmCategory.DOXXING: c.DsaCategory.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS,
    c.HarmCategory.HATE: c.DsaCategory.ILLEGAL_OR_HARMFUL_SPEECH, c.HarmCategory.CHILD_SAFETY: c.DsaCategory.PROTECTION_OF_MINORS,
    c.HarmCategory.SELF_HARM: c.DsaCategory.SELF_HARM, c.HarmCategory.IMPERSONATION: c.DsaCategory.SCAMS_AND_FRAUD,
}
KEYWORD_FOR_GROUND = {
    c.ContentGround.DEFAMATION: "KEYWORD_DEFAMATION", c.ContentGround.HATE_SPEECH: "KEYWORD_HATE_SPEECH",
    c.ContentGround.RIGHT_TO_ERASURE: "KEYWORD_RIGHT_TO_BE_FORGOTTEN",
    c.ContentGround.COPYRIGHT: "KEYWORD_COPYRIGHT_INFRINGEMENT", c.ContentGround.TRADEMARK: "KEYWORD_TRADEMARK_INFRINGEMENT",
    c.ContentGround.GOVERNMENT_ORDER: "KEYWORD_VIOLATION_NATIONAL_LAW",
}
KEYWORD_FOR_HARM = {
    c.HarmCategory.HARASSMENT: "KEYWORD_CYBER_HARASSMENT", c.HarmCategory.THREAT: "KEYWORD_INCITEMENT_VIOLENCE_HATRED",
    c.HarmCategory.HATE: "KEYWORD_HATE_SPEECH", c.HarmCategory.SELF_HARM: "KEYWORD_SUICIDE",
    c.HarmCategory.IMPERSONATION: "KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING",
}
CONTENT_TYPE = {c.ContentType.TEXT: "CONTENT_TYPE_TEXT", c.ContentType.IMAGE: "CONTENT_TYPE_IMAGE",
                c.ContentType.VIDEO: "CONTENT_TYPE_VIDEO", c.ContentType.AUDIO: "CONTENT_TYPE_AUDIO",
                c.ContentType.SYNTHETIC_MEDIA: "CONTENT_TYPE_SYNTHETIC_MEDIA", c.ContentType.OTHER: "CONTENT_TYPE_OTHER"}
ORGANISATION_REQUESTERS = set(c.RequesterType.values) - {c.RequesterType.INDIVIDUAL, c.RequesterType.ANONYMOUS}


def _clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _day(value, low: date) -> str:
    day = value.date() if hasattr(value, "date") and callable(value.date) else value
    return max(day, low).isoformat()


def territorial_scope(item: TargetItem) -> list[str]:
    if item.action == c.Action.RESTRICT_COUNTRY:
        return sorted({str(code).upper() for code in (item.action_countries or [])} & set(EEA))
    return list(EEA)


def _source_type(case: Case) -> str:
    if case.source == c.Source.OWN_INITIATIVE:
        return "SOURCE_VOLUNTARY"
    if case.trusted_flagger or case.requester_type == c.RequesterType.TRUSTED_FLAGGER:
        return "SOURCE_TRUSTED_FLAGGER"
    if case.requester_type in c.GOVERNMENT_REQUESTERS:
        return "SOURCE_TYPE_OTHER_NOTIFICATION"  # orders of authorities (Art. 9), not Art. 16 notices
    return "SOURCE_ARTICLE_16"


def _category(case: Case) -> str:
    if case.dsa_category:
        return f"STATEMENT_CATEGORY_{case.dsa_category}"
    if case.kind == c.Kind.HARM_REPORT:
        category = CATEGORY_FOR_HARM.get(case.harm_category, c.DsaCategory.OTHER_VIOLATION_TC)
    else:
        category = CATEGORY_FOR_GROUND.get(case.content_ground, c.DsaCategory.NOT_SPECIFIED_NOTICE)
    return f"STATEMENT_CATEGORY_{category}"


def _decision_ground(case: Case) -> str:
    if case.decision_ground:
        return f"DECISION_GROUND_{case.decision_ground.upper()}"
    if case.kind in (c.Kind.COPYRIGHT_NOTICE, c.Kind.TRADEMARK_NOTICE) or case.content_ground in ILLEGAL_GROUNDS:
        return "DECISION_GROUND_ILLEGAL_CONTENT"
    return "DECISION_GROUND_INCOMPATIBLE_CONTENT"


def _content_language(item: TargetItem) -> str:
    prefix = (item.project or "").split(".", 1)[0].upper()
    return prefix if prefix in dsa_validator.ISO_639_1 else ""


def statement_for(item: TargetItem, known: redaction.KnownData | None = None) -> dict | None:
    """The statement of reasons for one restricting decision, or None when none is owed."""
    case = item.case
    if item.action not in c.RESTRICTING_ACTIONS or case.state not in DECIDED_STATES:
        return None
    scope = territorial_scope(item)
    if not scope:
        return None
    known = known or redaction.known_data_for_case(case)
    policy = redaction.Policy(redact_account_names=True)
    # Learn what the detectors find anywhere in the case, so it is hidden in every text.
    texts = {"reason": item.reason, "summary": case.decision_summary, "ground": item.ground, "law": case.law_invoked,
             "subject": case.subject, "description": case.description}
    spans = redaction.find_spans_in_texts(texts, known, policy)

    def clean(text: str, limit: int) -> str:
        for key, value in texts.items():
            if value and value == text:
                return _clip(redaction.apply_spans(text, spans.get(key, [])), limit)
        return _clip(redaction.redact(text, known, policy).text, limit)

    ground = _decision_ground(case)
    reason, summary = clean(item.reason, 2000), clean(case.decision_summary, 2000)
    explanation = _clip(" ".join(filter(None, [reason, summary])), 2000) or \
        "The content was restricted after a review of the notice."
    legal_ground = clean(item.ground or case.law_invoked, 500) or (
        "Terms of Use" if ground.endswith("INCOMPATIBLE_CONTENT") else "Applicable law")
    facts = _clip(" ".join(filter(None, [
        f"{c.Kind(case.kind).label}.",
        f"Action: {c.Action(item.action).label}." if item.action else "",
        f"Item: {item.get_item_type_display()} on {item.project}." if item.project else "",
        reason, summary,
    ])), 5000)
    statement = {
        "decision_visibility": [VISIBILITY[item.action]],
        "decision_ground": ground,
        "content_type": [CONTENT_TYPE.get(item.content_type, "CONTENT_TYPE_OTHER")],
        "category": _category(case),
        "territorial_scope": scope,
        "content_date": _day(item.content_date or case.received_at, date(2000, 1, 1)),
        "application_date": _day(case.decided_at or case.received_at, date(2020, 1, 1)),
        "decision_facts": facts,
        "source_type": _source_type(case),
        "automated_detection": "Yes" if case.automated_detection else "No",
        "automated_decision": f"AUTOMATED_DECISION_{(case.automated_decision or 'not_automated').upper()}",
        "puid": f"{case.reference}-{item.pk}",
    }
    if statement["content_type"] == ["CONTENT_TYPE_OTHER"]:
        statement["content_type_other"] = item.get_item_type_display()
    if ground == "DECISION_GROUND_ILLEGAL_CONTENT":
        statement["illegal_content_legal_ground"] = legal_ground
        statement["illegal_content_explanation"] = explanation
    else:
        statement["incompatible_content_ground"] = legal_ground
        statement["incompatible_content_explanation"] = explanation
        statement["incompatible_content_illegal"] = "No"
    keyword = KEYWORD_FOR_HARM.get(case.harm_category) if case.kind == c.Kind.HARM_REPORT else KEYWORD_FOR_GROUND.get(case.content_ground)
    if keyword:
        statement["category_specification"] = [keyword]
    language = _content_language(item)
    if language:
        statement["content_language"] = language
    if item.action_end_date:
        statement["end_date_visibility_restriction"] = item.action_end_date.isoformat()
    if statement["source_type"] != "SOURCE_VOLUNTARY" and case.requester_type in ORGANISATION_REQUESTERS \
            and case.requester_organisation:
        statement["source_identity"] = _clip(case.requester_organisation, 500)
    return statement


def restricting_items(start=None, end=None):
    """Items with a restricting action in cases decided in [start, end)."""
    qs = TargetItem.objects.filter(action__in=c.RESTRICTING_ACTIONS, case__state__in=DECIDED_STATES,
                                   case__decided_at__isnull=False)
    if start is not None:
        qs = qs.filter(case__decided_at__gte=start)
    if end is not None:
        qs = qs.filter(case__decided_at__lt=end)
    return qs.select_related("case").order_by("case__decided_at", "case_id", "id")


def statements(start=None, end=None, *, validate: bool = True) -> Iterator[dict]:
    """Every statement owed for decisions in the period, validated (an invalid one raises StatementInvalid)."""
    known_by_case: dict[int, redaction.KnownData] = {}
    for item in restricting_items(start, end).iterator(chunk_size=500):
        if item.case_id not in known_by_case:
            known_by_case.clear()  # items come grouped by case
            known_by_case[item.case_id] = redaction.known_data_for_case(item.case)
        statement = statement_for(item, known_by_case[item.case_id])
        if statement is None:
            continue
        if validate:
            dsa_validator.validate(statement)
        yield statement


def write_jsonl(rows: Iterable[dict], out) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
