"""Demo links of cases to the registry (deterministic): what the matcher suggests from each demo case's text, and
for texts too vague to match ("National internet law"), the law of the case's country, as staff would confirm.
Runs after the cases and before the public log is published, so the public records carry their laws."""

from __future__ import annotations

from rightsdesk.demo import register

#: "National internet law" in a government order, by country.
NATIONAL = {"TR": "tr-5651", "RU": "ru-149-fz", "IN": "in-it-act-69a", "DE": "de-netzdg", "BR": "br-marco-civil-19",
            "PK": "pk-peca-37", "ID": "id-mr5-2020", "FR": "fr-lcen-6"}
EU = {"DE", "FR", "IT", "ES", "NL", "PL", "AT", "SE"}


@register("laws", order=55)
def build_links(rng, write) -> None:
    from rightsdesk.cases import choices as c
    from rightsdesk.cases.models import Case

    from .matching import suggest_for_case
    from .models import Authority, CaseInstrument, Instrument, LinkSource
    from .seeding import load_seed
    from .services import set_case_links

    if CaseInstrument.objects.exists():
        write("  laws: links already there")
        return
    load_seed(Instrument, Authority)  # migration 0002 seeds it; a database emptied since (a test's flush) has none
    instruments = {i.key: i.pk for i in Instrument.objects.all()}
    authorities = {a.key: a.pk for a in Authority.objects.all()}
    linked = 0
    for case in Case.objects.order_by("received_at", "reference"):
        country = getattr(case.country, "code", case.country) or ""
        matches, authority = suggest_for_case(case)
        keys = {m.key for m in matches}
        year = case.received_at.year
        if case.law_invoked == "National internet law":
            keys.add(NATIONAL.get(country) or ("eu-dsa-9" if country in EU and year >= 2026 else ""))
        if case.law_invoked == "Defamation law" and country == "GB":
            keys.add("uk-defamation-2013")
        if case.kind == c.Kind.USER_DATA_REQUEST and case.requester_type in c.GOVERNMENT_REQUESTERS:
            if country == "IN":
                keys.add("in-it-act-69a")
            elif country in EU and year >= 2026:
                keys.add("eu-dsa-10")
        authority_id = authority.pk if authority else None
        if case.requester_type == c.RequesterType.COURT:
            authority_id = authorities.get(f"{country.lower()}-courts", authority_id)
        if case.requester_type not in c.GOVERNMENT_REQUESTERS:
            authority_id = None
        ids = [instruments[k] for k in sorted(keys) if k in instruments]
        if ids or authority_id:
            set_case_links(case, "demo", ids, authority_id, source=LinkSource.DEMO)
            linked += 1
    write(f"  laws: {linked} cases linked to the registry")
