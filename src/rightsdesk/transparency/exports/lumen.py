"""Published notices as Lumen notice JSON (see /work/shared/reference/lumen-notice.md).

Built from PublicRecord only, the redacted public copy, so nothing that
is not already in the public log can reach Lumen. The sender is named only
when it is an organisation; a private person is "[private individual]".
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Iterable, Iterator

from django.conf import settings
from django.utils import timezone

from rightsdesk.cases import choices as c

from ..models import PublicRecord

PRIVATE_SENDER = "[private individual]"
LUMEN_EPOCH = date(1998, 10, 28)
TYPES = {"DMCA", "Counternotice", "Counterfeit", "CourtOrder", "DataProtection", "Defamation", "GovernmentRequest",
         "LawEnforcementRequest", "LocalLaw", "PrivateInformation", "Trademark", "Other"}
ACTIONS = {"Yes", "No", "Partial", "Unspecified"}
SOURCE_LABELS = {c.Source.WEB_FORM: "Online form", c.Source.API: "API", c.Source.EMAIL: "Email",
                 c.Source.POST: "Postal mail", c.Source.FAX: "Fax", c.Source.PHONE: "Phone",
                 c.Source.IMPORT: "Historic import", c.Source.OWN_INITIATIVE: "Own initiative"}
WORK_KIND = {c.ContentType.IMAGE: "photograph", c.ContentType.VIDEO: "movie", c.ContentType.AUDIO: "music",
             c.ContentType.TEXT: "text"}


def lumen_type(notice: PublicRecord) -> str:
    kind, ground = notice.kind, notice.content_ground
    if kind == c.Kind.COPYRIGHT_NOTICE:
        return "DMCA"
    if kind == c.Kind.COPYRIGHT_COUNTER_NOTICE:
        return "Counternotice"
    if kind == c.Kind.TRADEMARK_NOTICE:
        return "Trademark"
    if notice.requester_type == c.RequesterType.COURT:
        return "CourtOrder"
    if notice.requester_type == c.RequesterType.LAW_ENFORCEMENT:
        return "LawEnforcementRequest"
    if ground == c.ContentGround.GOVERNMENT_ORDER or notice.requester_type == c.RequesterType.GOVERNMENT:
        return "GovernmentRequest"
    return {c.ContentGround.DEFAMATION: "Defamation", c.ContentGround.PRIVACY: "PrivateInformation",
            c.ContentGround.RIGHT_TO_ERASURE: "DataProtection", c.ContentGround.COPYRIGHT: "DMCA",
            c.ContentGround.TRADEMARK: "Trademark"}.get(ground, "Other")


def action_taken(notice: PublicRecord) -> str:
    if notice.outcome == c.Outcome.GRANTED:
        return "Yes"
    if notice.outcome == c.Outcome.PARTIALLY_GRANTED:
        return "Partial"
    if notice.outcome in (c.Outcome.REJECTED, c.Outcome.INVALID, c.Outcome.WITHDRAWN):
        return "No"
    return "Unspecified"


def _lumen_date(day: date) -> str:
    today = timezone.now().date()
    return min(max(day, LUMEN_EPOCH), today).isoformat()


def _works(notice: PublicRecord) -> list[dict]:
    works = []
    for item in notice.items.all():
        work = {
            "kind": WORK_KIND.get(item.content_type, "other"),
            "description": item.copyrighted_work or item.page_title or item.get_item_type_display(),
            "copyrighted_urls_attributes": [{"url": item.copyrighted_url}] if item.copyrighted_url else [],
            "infringing_urls_attributes": [{"url": item.url}] if item.url else [],
        }
        works.append(work)
    if not works:
        works.append({"kind": "other", "description": "Not specified", "copyrighted_urls_attributes": [],
                      "infringing_urls_attributes": []})
    return works


def _roles(notice: PublicRecord) -> list[dict]:
    sender = {"name": notice.sender_name, "kind": "organization"} if notice.sender_name else \
        {"name": PRIVATE_SENDER, "kind": "individual"}
    if notice.country:
        sender["country_code"] = notice.country
    roles = [{"name": "sender", "entity_attributes": sender}]
    if notice.principal_name:
        roles.append({"name": "principal", "entity_attributes": {"name": notice.principal_name, "kind": "organization"}})
    if notice.requester_type == c.RequesterType.COURT and notice.sender_name:
        roles.append({"name": "issuing_court", "entity_attributes": {"name": notice.sender_name, "kind": "organization"}})
    roles.append({"name": "recipient", "entity_attributes": {
        "name": settings.RIGHTSDESK["PLATFORM_NAME"], "kind": "organization",
        "country_code": getattr(settings, "RIGHTSDESK_PLATFORM_COUNTRY", "US")}})
    return roles


def notice_json(notice: PublicRecord) -> dict:
    received = _lumen_date(notice.received_on)
    payload = {
        "type": lumen_type(notice),
        "title": notice.title,
        "subject": notice.get_kind_display() if hasattr(notice, "get_kind_display") else notice.kind,
        "body": notice.body,
        "date_sent": received,
        "date_received": received,
        "source": SOURCE_LABELS.get(notice.source, "Online form"),
        "language": notice.language or "en",
        "tag_list": ", ".join(notice.projects or []),
        "jurisdiction_list": notice.country,
        "regulation_list": notice.law_invoked,
        "action_taken": action_taken(notice),
        "works_attributes": _works(notice),
        "entity_notice_roles_attributes": _roles(notice),
    }
    return {"notice": {k: str(v) if k == "subject" else v for k, v in payload.items()}}


def encode(payload: dict) -> bytes:
    """The notice JSON as the bytes sent to Lumen's API (``opendata.lumen_client.post``). Keys sorted: equal payloads
    are equal bytes, so :func:`digest` tells whether Lumen got the payload a record gives now."""
    return json.dumps(payload, sort_keys=True).encode("utf-8")


def digest(payload: dict) -> str:
    """The sha256 (hex) of what :func:`encode` sends: kept of the copy Lumen stored (``opendata.LumenSubmission.
    payload_digest``) in place of the text, and compared with the payload the record gives now."""
    return hashlib.sha256(encode(payload)).hexdigest()


def check(payload: dict) -> list[str]:
    """Lumen's own rules: a known type and action, dates in range, at least one work and one role."""
    problems = []
    notice = payload.get("notice", {})
    if notice.get("type") not in TYPES:
        problems.append("type is not one of Lumen's notice types")
    if notice.get("action_taken") not in ACTIONS:
        problems.append("action_taken must be Yes, No, Partial or Unspecified")
    for name in ("date_sent", "date_received"):
        value = notice.get(name)
        if value and not (LUMEN_EPOCH.isoformat() <= value <= timezone.now().date().isoformat()):
            problems.append(f"{name} must be after 1998-10-28 and not in the future")
    if not notice.get("works_attributes"):
        problems.append("a notice needs at least one work")
    if not notice.get("entity_notice_roles_attributes"):
        problems.append("a notice needs at least one role")
    return problems


def published_notices(start=None, end=None):
    """Public notices decided in [start, end)."""
    qs = PublicRecord.objects.listed().prefetch_related("items")
    if start is not None:
        qs = qs.filter(decided_on__gte=start.date() if hasattr(start, "date") else start)
    if end is not None:
        qs = qs.filter(decided_on__lt=end.date() if hasattr(end, "date") else end)
    return qs.order_by("sort_key")


def notices(start=None, end=None) -> Iterator[dict]:
    for notice in published_notices(start, end).iterator(chunk_size=200):
        yield notice_json(notice)


def write_jsonl(rows: Iterable[dict], out) -> int:
    import json

    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
