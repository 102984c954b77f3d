"""Facts for the staff analytics, from the cases and their confirmed links (private: staff only)."""

from __future__ import annotations

from django.db.models import Count, Q

from rightsdesk.cases.models import Case
from rightsdesk.core.sites import own_host

from .figures import Fact, authority_ref, instrument_ref


def case_facts() -> list[Fact]:
    cases = (Case.objects.filter(Q(law_links__isnull=False) | Q(authority_link__isnull=False)).distinct()
             .annotate(item_count=Count("items", distinct=True))
             .prefetch_related("law_links__instrument", "authority_link__authority", "items"))
    facts = []
    for case in cases:
        link = getattr(case, "authority_link", None) if hasattr(case, "authority_link") else None
        facts.append(Fact(
            received=case.received_at, kind=case.kind, country=getattr(case.country, "code", case.country) or "",
            outcome=case.outcome, items=case.item_count,
            instruments=sorted({instrument_ref(l.instrument) for l in case.law_links.all()}, key=lambda r: r.key),
            authority=authority_ref(link.authority) if link else None,
            # Named as the public record names them (core.sites.own_host): a site the platform does not run is typed
            # by the requester, never reviewed, can name a person, and is not named in the public view either.
            projects=sorted({own_host(i.project) for i in case.items.all()} - {""}),
        ))
    return facts
