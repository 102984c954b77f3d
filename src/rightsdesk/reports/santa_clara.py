"""The Santa Clara Principles' numbers (2.0, "Numbers"), one row each, counted from what rightsdesk records.

``sections.santa_clara_section`` builds the section from these counts and from figures the report already
has (appeals, items restored after an appeal, removals during crises): those are *copied* from the sections
that compute them, never counted twice, and :func:`relations` ties each copy to its source so that the
no-singling-out rule (``disclosure``) withholds both or neither (``santa_clara_layout``: the keys and sums,
without the models, so the rule's importers need none). What rightsdesk does not record is shown as
"not recorded" (no value), never as 0. docs/report-format.md, "The Santa Clara Principles' numbers", says how
each is computed.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef

from rightsdesk.accountactions.choices import ActionType, PolicyGround, Status
from rightsdesk.accountactions.models import AccountAction
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.laws.models import CaseInstrument

from .periods import Period

from .santa_clara_layout import COPIES, FLAG_SOURCES, SECTION  # noqa: F401 (the section's keys)


def flag_source(case: dict) -> str:
    if case["requester_type"] in c.GOVERNMENT_REQUESTERS:
        return "government"
    if case["trusted_flagger"] or case["requester_type"] == c.RequesterType.TRUSTED_FLAGGER:
        return "trusted_flagger"
    if case["automated_detection"]:
        return "automated"
    if case["source"] == c.Source.OWN_INITIATIVE:
        return "own_staff"
    return "user"


def flags_by_source(rows) -> dict[str, dict[str, int]]:
    """Content flags (takedown requests, copyright and trademark notices) by source: received and acted on.
    ``rows``: queries.Figures.flags (the content cases grouped by the fields :func:`flag_source` reads, with ``n``)."""
    counts = {key: {"received": 0, "granted": 0} for key in FLAG_SOURCES}
    for row in rows:
        entry = counts[flag_source(row)]
        entry["received"] += row["n"]
        if row["outcome"] in c.GRANTING_OUTCOMES:
            entry["granted"] += row["n"]
    return counts


def items_actioned_by(rows, field: str) -> dict[str, int]:
    """Items removed, hidden, restricted or labelled, by a field of their case ("content_ground", "country").
    ``rows``: queries.Figures.actioned (those items grouped by the two fields, with ``items``)."""
    out: dict[str, int] = {}
    for row in rows:
        out[row[field] or ""] = out.get(row[field] or "", 0) + row["items"]
    return {key: n for key, n in out.items() if n}


def _approved_in(period: Period):
    return AccountAction.objects.filter(status=Status.APPROVED, starts_on__gte=period.first_day,
                                        starts_on__lte=period.last_day)


def accounts_actioned_by_rule(period: Period) -> dict[str, int]:
    """Approved account actions (warnings, bans, locks; not the lifting of one) taking effect in the period."""
    counts = {ground: 0 for ground in PolicyGround.values}
    for row in _approved_in(period).exclude(action_type=ActionType.LIFT).values("ground").annotate(n=Count("id")):
        counts[row["ground"]] = row["n"]
    return counts


def accounts_reinstated_without_appeal(period: Period) -> int:
    """Liftings taking effect in the period of an action against whose evidence case no appeal was filed first."""
    appealed = Case.objects.filter(kind=c.Kind.APPEAL, appeal_of=OuterRef("lifts__case"),
                                   received_at__date__lte=OuterRef("starts_on"))
    return (_approved_in(period).filter(action_type=ActionType.LIFT, lifts__isnull=False)
            .exclude(Exists(appealed)).count())


def appeals_of_automated_decisions(cases) -> int:
    """Appeals received in the period against a decision taken by automated means. Counted from the cases at each
    report, not from the roll-up: the appealed decision's flag can change after the appeal's day was folded. The
    partial index ``case_automated`` (the few such decisions) lets the database start from them."""
    return cases.filter(kind=c.Kind.APPEAL, appeal_of__automated_decision__in=list(c.AUTOMATED_DECISIONS)).count()


#: Government demands are for content and user data; emergencies and harm reports are counted in their own
#: sections, protected there as sensitive (disclosure.SENSITIVE_SECTIONS), and not mixed in here.
GOVERNMENT_DEMAND_KINDS = (*c.CONTENT_KINDS, c.Kind.USER_DATA_REQUEST)


def government_cases(cases):
    return cases.filter(requester_type__in=list(c.GOVERNMENT_REQUESTERS), kind__in=list(GOVERNMENT_DEMAND_KINDS))


def government_demands(facts) -> dict[str, dict[str, int]]:
    """Demands from governments, courts and law enforcement: courts and other authorities (``facts``: the period's
    queries.Facts)."""
    demands = facts.where(requester_type=set(c.GOVERNMENT_REQUESTERS), kind=set(GOVERNMENT_DEMAND_KINDS))
    out = {}
    for key, part in (("court", demands.where(requester_type=c.RequesterType.COURT)),
                      ("other", demands.where(lambda row: row["requester_type"] != c.RequesterType.COURT))):
        out[key] = {"received": part.total(), "granted": part.granted()}
    return out


def government_demands_by_provision(cases, facts, government: dict | None = None) -> tuple[list[tuple[str, str, int]], int]:
    """([(instrument key, label, demands)], demands with no confirmed provision): the laws registry's confirmed
    links (laws.CaseInstrument); a demand invoking two provisions counts for each. ``facts``: the period's
    queries.Facts, whose government demands less those with a link are the ones without (no scan of the cases);
    ``government``: :func:`government_demands` of them, when the caller has it already.

    The links are few beside the cases, so the query walks the links and looks each one's case up (``Exists``);
    ``case__in`` made SQLite walk every case of the period instead (0.07 CPU-s at 100,000 cases, growing with them)."""
    links = CaseInstrument.objects.filter(Exists(government_cases(cases).filter(pk=OuterRef("case_id"))))
    rows = (links
            .values("instrument__key", "instrument__short_name", "instrument__provision", "instrument__jurisdiction")
            .annotate(n=Count("case", distinct=True)).order_by("-n", "instrument__key"))
    out = []
    for row in rows:
        label = " ".join(part for part in (row["instrument__short_name"], row["instrument__provision"]) if part)
        out.append((row["instrument__key"], f"{label} ({row['instrument__jurisdiction']})", row["n"]))
    linked = links.values("case").distinct().count()
    total = sum(part["received"] for part in (government or government_demands(facts)).values())
    return out, total - linked
