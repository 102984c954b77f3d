"""Statements of reasons for the EU DSA Transparency Database, one per restricting decision on an item.

A statement is owed for each item whose action restricts content
(cases.choices.RESTRICTING_ACTIONS). It is built from the case's reviewed
public record (PublicRecord and PublicRecordItem), listed in our own log or
not, so the texts sent are exactly what staff approved in the redaction
editor, corrections included; a decision whose record is not approved yet
has no statement yet. The schema is the database's (see
shared/reference/dsa-statement-of-reasons.md): enumeration KEY strings,
"Yes"/"No", EEA country codes, dates as Y-m-d. ``puid`` is our stable id,
``<case reference>-<item id>``, so a statement sent twice is recognised as a
duplicate rather than stored twice.

No personal data may be sent (DSA Art. 24(5)). Decisions that restrict
content only outside the EEA are not in the DSA's scope and get no statement.
A statement the validator refuses is set aside with the reason
(:func:`statements` ``refused=``), and the rest of the period is exported.

This module is on the public side: it must not import the case models
(``.importlinter``).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Iterable, Iterator

from rightsdesk.cases import choices as c
from rightsdesk.cases import policy
from rightsdesk.core.errors import DomainError

from ..models import PublicRecordItem, PublicRecord
from . import dsa_validator

EEA = sorted(dsa_validator.EEA)

VISIBILITY = {action: f"DECISION_VISIBILITY_CONTENT_{word.upper()}" for action, word in policy.VISIBILITY_OF_ACTION.items()}
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


def _clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _day(value, low: date) -> str:
    day = value.date() if hasattr(value, "date") and callable(value.date) else value
    return max(day, low).isoformat()


def territorial_scope(item: PublicRecordItem) -> list[str]:
    if item.action == c.Action.RESTRICT_COUNTRY:
        return sorted({str(code).upper() for code in (item.action_countries or [])} & set(EEA))
    return list(EEA)


def _source_type(notice: PublicRecord) -> str:
    if notice.source == c.Source.OWN_INITIATIVE:
        return "SOURCE_VOLUNTARY"
    if notice.trusted_flagger or notice.requester_type == c.RequesterType.TRUSTED_FLAGGER:
        return "SOURCE_TRUSTED_FLAGGER"
    if notice.requester_type in c.GOVERNMENT_REQUESTERS:
        return "SOURCE_TYPE_OTHER_NOTIFICATION"  # orders of authorities (Art. 9), not Art. 16 notices
    return "SOURCE_ARTICLE_16"


def _category(notice: PublicRecord) -> str:
    if notice.dsa_category:
        return f"STATEMENT_CATEGORY_{notice.dsa_category}"
    if notice.kind == c.Kind.HARM_REPORT:
        category = CATEGORY_FOR_HARM.get(notice.harm_category, c.DsaCategory.OTHER_VIOLATION_TC)
    else:
        category = CATEGORY_FOR_GROUND.get(notice.content_ground, c.DsaCategory.NOT_SPECIFIED_NOTICE)
    return f"STATEMENT_CATEGORY_{category}"


def _decision_ground(notice: PublicRecord) -> str:
    ground = policy.decision_ground_of(notice.kind, notice.decision_ground, notice.content_ground)
    return f"DECISION_GROUND_{ground.upper()}"


def _content_language(item: PublicRecordItem) -> str:
    prefix = (item.project or "").split(".", 1)[0].upper()
    return prefix if prefix in dsa_validator.ISO_639_1 else ""


def statement_for(item: PublicRecordItem) -> dict | None:
    """The statement of reasons for one restricting decision, from the public record; None when none is owed."""
    notice = item.notice
    if item.action not in c.RESTRICTING_ACTIONS or notice.unpublished_at is not None:
        return None
    scope = territorial_scope(item)
    if not scope:
        return None
    ground = _decision_ground(notice)
    reason, summary = _clip(item.reason, 2000), _clip(notice.summary, 2000)
    explanation = _clip(" ".join(filter(None, [reason, summary])), 2000) or \
        "The content was restricted after a review of the notice."
    legal_ground = _clip(item.ground or notice.law_invoked, 500) or (
        "Terms of Use" if ground.endswith("INCOMPATIBLE_CONTENT") else "Applicable law")
    facts = _clip(" ".join(filter(None, [
        f"{c.Kind(notice.kind).label}.",
        f"Action: {c.Action(item.action).label}." if item.action else "",
        f"Item: {item.get_item_type_display()} on {item.project}." if item.project else "",
        reason, summary,
    ])), 5000)
    statement = {
        "decision_visibility": [VISIBILITY[item.action]],
        "decision_ground": ground,
        "content_type": [CONTENT_TYPE.get(item.content_type, "CONTENT_TYPE_OTHER")],
        "category": _category(notice),
        "territorial_scope": scope,
        "content_date": _day(item.content_date or notice.received_on, date(2000, 1, 1)),
        "application_date": _day(notice.decided_on, date(2020, 1, 1)),
        "decision_facts": facts,
        "source_type": _source_type(notice),
        "automated_detection": "Yes" if notice.automated_detection else "No",
        "automated_decision": f"AUTOMATED_DECISION_{(notice.automated_decision or 'not_automated').upper()}",
        "puid": item.puid,
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
    keyword = (KEYWORD_FOR_HARM.get(notice.harm_category) if notice.kind == c.Kind.HARM_REPORT
               else KEYWORD_FOR_GROUND.get(notice.content_ground))
    if keyword:
        statement["category_specification"] = [keyword]
    language = _content_language(item)
    if language:
        statement["content_language"] = language
    if item.action_end_date:
        statement["end_date_visibility_restriction"] = item.action_end_date.isoformat()
    # The sender's name is the reviewed one (empty for private persons, or when staff hid it).
    if statement["source_type"] != "SOURCE_VOLUNTARY" and notice.requester_type in policy.ORGANISATION_REQUESTERS \
            and notice.sender_name:
        statement["source_identity"] = _clip(notice.sender_name, 500)
    return statement


def restricting_items(start=None, end=None):
    """Restricting items of approved, not withdrawn public records decided in [start, end)."""
    qs = PublicRecordItem.objects.filter(action__in=list(c.RESTRICTING_ACTIONS), notice__unpublished_at__isnull=True)
    if start is not None:
        qs = qs.filter(notice__decided_on__gte=start.date() if hasattr(start, "date") else start)
    if end is not None:
        qs = qs.filter(notice__decided_on__lt=end.date() if hasattr(end, "date") else end)
    return qs.select_related("notice").order_by("notice__decided_on", "notice_id", "position", "id")


def statements(start=None, end=None, *, validate: bool = True, refused: list | None = None) -> Iterator[dict]:
    """Every statement owed for decisions in the period, validated.

    A statement the validator refuses is not yielded: with ``refused`` (a list) it is appended there as
    ``(puid, message)`` and the export goes on, so one bad record cannot hold back a period's statements;
    without it the error is raised (StatementInvalid).
    """
    for item in restricting_items(start, end).iterator(chunk_size=500):
        statement = statement_for(item)
        if statement is None:
            continue
        if validate:
            try:
                dsa_validator.validate(statement)
            except DomainError as exc:
                if refused is None:
                    raise
                refused.append((statement.get("puid", ""), exc.message))
                continue
        yield statement


def write_jsonl(rows: Iterable[dict], out) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
