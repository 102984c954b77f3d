"""The published notices as bulk tables: notices, their items and their legal instruments.

Public side (``.importlinter`` ``public-side``): read from the reviewed public record only
(``transparency.PublicRecord`` / ``PublicRecordItem``, listed in the public log) and the laws registry's public
links (``laws.PublicRecordInstrument``), with exactly the fields the public notices API shows
(``transparency.api.notice_out``), so the files never say more than the log.
"""

from __future__ import annotations

from django.urls import reverse

from rightsdesk.cases import choices as c
from rightsdesk.core.public_urls import public_url
from rightsdesk.laws.models import LawType, PublicRecordInstrument
from rightsdesk.transparency.models import PublicRecord, PublicRecordItem

from .tables import Column, Table, plain

#: The notices are redacted copies of what requesters and staff wrote: published under CC BY 4.0 where the
#: texts are the platform's, and as facts where they quote others (docs/open-data.md, "Licences").
NOTICES_LICENCE = "CC-BY-4.0"


def _records(start=None, end=None):
    qs = PublicRecord.objects.listed()
    if start is not None:
        qs = qs.filter(decided_on__gte=start)
    if end is not None:
        qs = qs.filter(decided_on__lt=end)
    return qs.order_by("sort_key")


def _permalink(public_id: str) -> str:
    path = reverse("transparency:notice-detail", kwargs={"public_id": public_id})
    return public_url(path)


NOTICE_COLUMNS = [
    Column("public_id", "string", "The notice's public identifier, as in the public log and /api/v1/notices.", True),
    Column("permalink", "string", "The notice's page in the public log."),
    Column("kind", "string", "Kind of request.", True, tuple(c.Kind.values)),
    Column("content_ground", "string", "The ground the requester gave, for content requests."),
    Column("country", "string", "Country the request came from (ISO 3166-1 alpha-2), empty when unknown."),
    Column("outcome", "string", "The decision.", enum=tuple(c.Outcome.values)),
    Column("requester_type", "string", "Who asked: individual, company, law firm, government, court, ...", True),
    Column("trusted_flagger", "boolean", "Sent by a trusted flagger (EU DSA Art. 22)."),
    Column("sender_name", "string", "The sender's name when an organisation; empty for a private person."),
    Column("sender_kind", "string", "individual or organisation."),
    Column("principal", "string", "On whose behalf, when an organisation."),
    Column("projects", "string", "The projects concerned, space-separated (e.g. en.wikipedia.org)."),
    Column("title", "string", "Title as published (redacted)."),
    Column("body", "string", "The request as published (redacted)."),
    Column("summary", "string", "The reasons for the decision as published (redacted)."),
    Column("law_invoked", "string", "The law or rule invoked, as published."),
    Column("instruments", "string", "Keys of the legal instruments invoked (laws registry), space-separated."),
    Column("language", "string", "Language of the request."),
    Column("received_on", "date", "Day the request was received.", True),
    Column("decided_on", "date", "Day of the decision.", True),
    Column("published_at", "datetime", "When the notice was published (UTC).", True),
    Column("reopened_at", "datetime", "Set while the decision is being made anew (appeal or correction)."),
]

ITEM_COLUMNS = [
    Column("public_id", "string", "The notice the item belongs to.", True),
    Column("position", "integer", "The item's position in the notice.", True),
    Column("url", "string", "The targeted location (account names redacted)."),
    Column("project", "string", "The project, e.g. en.wikipedia.org."),
    Column("page_title", "string", "The page's title as published."),
    Column("item_type", "string", "page, file, revision, account, ...", enum=tuple(c.ItemType.values)),
    Column("content_type", "string", "text, image, video, audio, ...", enum=tuple(c.ContentType.values)),
    Column("action", "string", "What was done to the item.", enum=tuple(c.Action.values)),
    Column("action_countries", "string", "Countries an action was limited to, space-separated (empty: everywhere)."),
    Column("reason", "string", "The reason for the item's decision as published (redacted)."),
    Column("copyrighted_work", "string", "The work claimed, for copyright notices."),
    Column("copyrighted_url", "string", "Where the original work is, for copyright notices."),
]

INSTRUMENT_COLUMNS = [
    Column("public_id", "string", "The notice.", True),
    Column("instrument", "string", "The instrument's stable key in the laws registry.", True),
    Column("short_name", "string", "Its short name, e.g. DMCA, GDPR, NetzDG."),
    Column("provision", "string", "The provision or article (empty: the instrument as a whole)."),
    Column("law_type", "string", "Type of law.", enum=tuple(LawType.values)),
    Column("jurisdiction", "string", "ISO 3166-1 alpha-2 code, EU or INT."),
]


def _instruments_by_record(records) -> dict[int, list[dict]]:
    links: dict[int, list[dict]] = {}
    rows = (PublicRecordInstrument.objects.filter(record__in=records)
            .order_by("record_id", "instrument__key")
            .values("record_id", "instrument__key", "instrument__short_name", "instrument__provision",
                    "instrument__law_type", "instrument__jurisdiction"))
    for row in rows:
        links.setdefault(row["record_id"], []).append(row)
    return links


def notice_rows(start=None, end=None):
    records = _records(start, end)
    instruments = _instruments_by_record(records)
    for n in records.iterator(chunk_size=500):
        yield {
            "public_id": n.public_id, "permalink": _permalink(n.public_id), "kind": n.kind,
            "content_ground": n.content_ground, "country": n.country, "outcome": n.outcome,
            "requester_type": n.requester_type, "trusted_flagger": n.trusted_flagger,
            "sender_name": n.sender_name or "", "sender_kind": n.sender_kind, "principal": n.principal_name,
            "projects": plain(list(n.projects or [])), "title": n.title, "body": n.body, "summary": n.summary,
            "law_invoked": n.law_invoked,
            "instruments": " ".join(i["instrument__key"] for i in instruments.get(n.pk, [])),
            "language": n.language, "received_on": plain(n.received_on), "decided_on": plain(n.decided_on),
            "published_at": plain(n.published_at), "reopened_at": plain(n.reopened_at),
        }


def item_rows(start=None, end=None):
    items = (PublicRecordItem.objects.filter(notice__in=_records(start, end))
             .select_related("notice").order_by("notice__sort_key", "position", "id"))
    for i in items.iterator(chunk_size=1000):
        yield {
            "public_id": i.notice.public_id, "position": i.position, "url": i.url, "project": i.project,
            "page_title": i.page_title, "item_type": i.item_type, "content_type": i.content_type, "action": i.action,
            "action_countries": plain(list(i.action_countries or [])), "reason": i.reason,
            "copyrighted_work": i.copyrighted_work, "copyrighted_url": i.copyrighted_url,
        }


def instrument_rows(start=None, end=None):
    records = _records(start, end)
    public_ids = dict(records.values_list("pk", "public_id"))
    for record_id, links in _instruments_by_record(records).items():
        for link in links:
            yield {"public_id": public_ids[record_id], "instrument": link["instrument__key"],
                   "short_name": link["instrument__short_name"], "provision": link["instrument__provision"],
                   "law_type": link["instrument__law_type"], "jurisdiction": link["instrument__jurisdiction"]}


def notice_tables(start=None, end=None) -> list[Table]:
    notice_key = {"fields": "public_id", "reference": {"resource": "notices", "fields": "public_id"}}
    return [
        Table("notices", "Published notices",
              "Every notice in the public notice log: the reviewed, redacted public record of a decided case.",
              NOTICES_LICENCE, NOTICE_COLUMNS, lambda: notice_rows(start, end), primary_key=["public_id"]),
        Table("notice_items", "Items of the published notices",
              "Each targeted item of a published notice, as published, and what was done to it.",
              NOTICES_LICENCE, ITEM_COLUMNS, lambda: item_rows(start, end),
              foreign_keys=[notice_key]),
        Table("notice_instruments", "Legal instruments of the published notices",
              "The legal instruments (laws registry) each published notice invokes, one row per pair.",
              NOTICES_LICENCE, INSTRUMENT_COLUMNS, lambda: instrument_rows(start, end),
              primary_key=["public_id", "instrument"], foreign_keys=[notice_key]),
    ]
