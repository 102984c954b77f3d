"""Facts for the public analytics, from the reviewed public record only (``transparency.PublicRecord`` listed in
the log, and the laws copied onto it at publication: ``laws.PublicRecordInstrument`` / ``PublicRecordAuthority``).

A public module (.importlinter ``public-side``): it never reaches the case models.
"""

from __future__ import annotations

from datetime import datetime, time, timezone as dt_timezone

from django.db.models import Count, Q

from rightsdesk.transparency.models import PublicRecord

from .figures import Fact, authority_ref, instrument_ref


def record_facts() -> list[Fact]:
    records = (PublicRecord.objects.listed().filter(Q(law_links__isnull=False) | Q(authority_link__isnull=False))
               .distinct().annotate(item_count=Count("items", distinct=True))
               .prefetch_related("law_links__instrument", "authority_link__authority"))
    facts = []
    for record in records:
        link = getattr(record, "authority_link", None) if hasattr(record, "authority_link") else None
        facts.append(Fact(
            received=datetime.combine(record.received_on, time(12), tzinfo=dt_timezone.utc), kind=record.kind,
            country=record.country or "", outcome=record.outcome, items=record.item_count,
            instruments=sorted({instrument_ref(l.instrument) for l in record.law_links.all()}, key=lambda r: r.key),
            authority=authority_ref(link.authority) if link else None,
            projects=sorted(record.projects or []),
        ))
    return facts
