"""Every section of the transparency report, computed from the cases of a period.

No figure is typed in: each comes from the grouped facts of ``queries``.
docs/report-format.md defines every section, table, row and column; keep it
in step with this module.
"""

from __future__ import annotations

from typing import Any, Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django_countries import countries

from rightsdesk.accountactions.choices import PolicyGround
from rightsdesk.accountactions.selectors import restriction_counts as account_action_counts
from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import APPEAL_OUTCOME_LABELS, APPEAL_ROW_KEYS  # the words live in cases.policy
from rightsdesk.core.bidi import ltr_text
from rightsdesk.core.lists import and_list
from rightsdesk.core.sites import own_host
from rightsdesk.crisis import stats as crisis_stats
from rightsdesk.legalsupport.selectors import REGION_LABELS as LEGAL_SUPPORT_REGION_LABELS
from rightsdesk.legalsupport.selectors import REPORT_TEXT as LEGAL_SUPPORT_TEXT
from rightsdesk.legalsupport.selectors import counts_for_report as legal_support_counts
from rightsdesk.notices.stats import legally_barred_notices

from .periods import Period
from .preservation_section import preservation_section
from . import queries as q
from . import santa_clara as sc
from .structure import DAYS, HOURS, PERCENT, Column, Report, Row, Section, Table

UNKNOWN = "unknown"


# Labels ---------------------------------------------------------------------

def _received() -> Column:
    """The count of cases received, a column of many tables. "report column" is the sense of a count of requests
    (French "Reçues", plural), apart from the state "Received" of one case."""
    return Column("received", pgettext("report column", "Received"))


def _decided() -> Column:
    return Column("decided", pgettext("report column", "Decided"))


def country_label(code: str) -> str:
    if not code:
        return _("Not known")
    return str(countries.name(code) or code)


def choice_label(choices) -> Callable[[str], str]:
    labels = dict(choices.choices)

    def label(value: str) -> str:
        if not value:
            return _("Not known")
        return str(labels.get(value, value))

    return label


def project_label(project: str) -> str:
    return project or _("Not known")


def key_of(value: Any) -> str:
    """A row key for a categorical value: its stable identifier, "unknown" when blank."""
    if value in ("", None):
        return UNKNOWN
    return str(value)


def ordered(groups: dict, order: list | None = None) -> list:
    """Group keys in a stable order: the enumeration's order if given, else by size then name."""
    keys = list(groups)
    if order is not None:
        rank = {v: i for i, v in enumerate(order)}
        return sorted(keys, key=lambda k: (rank.get(k, len(rank)), str(k)))
    return sorted(keys, key=lambda k: (-groups[k].total(), str(k)))


# Generic tables -------------------------------------------------------------

#: Outcome rows of a summary table, in this order.
OUTCOME_ROWS = [
    ("granted", c.Outcome.GRANTED), ("partially_granted", c.Outcome.PARTIALLY_GRANTED),
    ("rejected", c.Outcome.REJECTED), ("invalid", c.Outcome.INVALID), ("withdrawn", c.Outcome.WITHDRAWN),
    ("challenged", c.Outcome.CHALLENGED), ("pending", c.Outcome.PENDING),
]


def outcome_summary(facts: q.Facts, *, key: str, title: str, total_label: str, granted_label: str,
                    labels: dict | None = None, keys: dict | None = None) -> Table:
    """Received, each outcome, and "granted in full or in part", each with its share of those received."""
    total = facts.total()
    by_outcome = facts.by("outcome")
    counts = {value: by_outcome[value].total() if value in by_outcome else 0 for _key, value in OUTCOME_ROWS}
    granted_any = counts[c.Outcome.GRANTED] + counts[c.Outcome.PARTIALLY_GRANTED]
    labels, keys = labels or {}, keys or {}
    received_key = keys.get("received", "received")
    rows = [Row(received_key, total_label, {"count": total, "percent": q.percent(total, total)})]
    for row_key, value in OUTCOME_ROWS:
        if row_key == "rejected":
            rows.append(Row(keys.get("granted_or_partially_granted", "granted_or_partially_granted"), granted_label,
                            {"count": granted_any, "percent": q.percent(granted_any, total)}))
        label = labels.get(value) or c.Outcome(value).label
        rows.append(Row(keys.get(value, row_key), str(label), {"count": counts[value], "percent": q.percent(counts[value], total)}))
    return Table(
        key, title, [Column("count", _("Number")), Column("percent", _("Share of those received, %"), PERCENT)], rows,
        note=_("Percentages are of the %(total)s received in the period (the first row); a request still being "
               "handled is counted as pending.") % {"total": total},
        denominator=(received_key, "count"),
        note_if_withheld=_("Percentages are of those received in the period (the first row); a request still being "
                           "handled is counted as pending."),
    )


def granted_breakdown(facts: q.Facts, field: str, label: Callable[[str], str], *, key: str, title: str,
                      order: list | None = None, granted_label: str | None = None, chart: bool = True,
                      rest: str = "") -> Table:
    """Rows per value of ``field``: received, granted in full or in part, and the share granted."""
    groups = facts.by(field)
    rows = []
    for value in ordered(groups, order):
        group = groups[value]
        received, granted = group.total(), group.granted()
        rows.append(Row(key_of(value), label(value),
                        {"received": received, "granted": granted, "percent_granted": q.percent(granted, received)}))
    granted_label = granted_label or _("Granted in full or in part")
    return Table(
        key, title,
        [_received(), Column("granted", granted_label),
         Column("percent_granted", _("Share of received, %"), PERCENT)],
        rows, chart="received" if chart else None, chart_rest=rest,
        note=_("The percentage is of the requests received in that row."),
    )


def requester_group_table(facts: q.Facts, *, key: str = "requester_group", granted_label: str | None = None) -> Table:
    is_gov = lambda row: row["requester_type"] in c.GOVERNMENT_REQUESTERS  # noqa: E731
    rows = []
    for row_key, label, part in [("government", _("Governments, courts and law enforcement"), facts.where(is_gov)),
                                 ("other", _("Everyone else"), facts.where(lambda r: not is_gov(r)))]:
        received, granted = part.total(), part.granted()
        rows.append(Row(row_key, label, {"received": received, "granted": granted,
                                         "percent_granted": q.percent(granted, received)}))
    return Table(
        key, _("Government and other requesters"),
        [_received(), Column("granted", granted_label or _("Granted in full or in part")),
         Column("percent_granted", _("Share of received, %"), PERCENT)],
        rows, note=_("Government: requester types government authority, court and law enforcement."),
    )


#: Row keys of the two project rows that count each request once: several of the platform's own projects named, and
#: only sites the platform does not run (core.sites, settings.RIGHTSDESK_OWN_SITES).
SEVERAL_PROJECTS, NOT_OWN_SITES = "several_projects", "not_own_sites"


def project_table(kind: str, items: list[dict], project_cases: dict, *, key: str = "project",
                  title: str | None = None) -> Table:
    """Rows per project of the platform targeted (its host, core.sites): requests naming it, those naming only it
    (and of these, granted), items named and acted on; then the requests naming several of the platform's projects,
    and those naming only sites it does not run, each counted once. A site the platform does not run has no row of
    its own: its host is typed by the requester, never reviewed, and can name a person (a personal homepage); it
    counts in the last row. ``project_cases``: per kind, rollup.project_sums (``items`` is kept for callers)."""
    sums = project_cases.get(kind) or {"projects": {}, "names": {}}
    columns = ("requests", "sole_requests", "sole_granted", "items", "items_actioned")
    own_site = {project: own_host(project) or None for project in sums["projects"]}  # None: no row of its own
    # Per own site (the ways it was typed as one) and for items with no project: requests naming it, naming only it,
    # of those granted, items named and acted on. The requests from the sets of projects named together, so that
    # each request counts once for a site however its projects were typed.
    per_project = {site: [0, 0, 0, 0, 0] for site in own_site.values() if site}
    if "" in sums["projects"]:
        per_project[""] = [0, 0, 0, 0, 0]
    for project, values in sums["projects"].items():
        row = per_project.get(own_site[project] or project)
        if row is not None:
            row[3] += values[3]
            row[4] += values[4]
    groups = {SEVERAL_PROJECTS: [0, 0, 0, 0], NOT_OWN_SITES: [0, 0, 0, 0]}  # requests, granted, items, acted
    for names, values in sums["names"].items():
        sites = {own_site[p] for p in names} - {None}
        requests, granted = values[0], values[1]
        named = sites | ({""} if "" in names else set())
        for site in named:
            per_project[site][0] += requests
        if len(named) == 1 and all(own_site[p] or not p for p in names):
            per_project[next(iter(named))][1] += requests
            per_project[next(iter(named))][2] += granted
        group = (groups[SEVERAL_PROJECTS] if len(sites) > 1
                 else groups[NOT_OWN_SITES] if all(p and own_site[p] is None for p in names) else None)
        if group is not None:
            for i, value in enumerate(values):
                group[i] += value
    order = sorted(per_project, key=lambda p: (-per_project[p][0], p))
    rows = [Row(key_of(p), project_label(p), dict(zip(columns, per_project[p]))) for p in order]
    for row_key, label in [(SEVERAL_PROJECTS, _("Requests naming several of the platform's projects")),
                           (NOT_OWN_SITES, _("Requests naming only sites the platform does not run"))]:
        requests, granted, named, acted = groups[row_key]
        rows.append(Row(row_key, label, {"requests": requests, "sole_requests": requests, "sole_granted": granted,
                                         "items": named, "items_actioned": acted}))
    return Table(
        key, title or _("By project or site"),
        [Column("requests", _("Requests")), Column("sole_requests", _("Requests naming only this one")),
         Column("sole_granted", _("Of those, granted or complied with in full or in part")),
         Column("items", _("Items named")), Column("items_actioned", _("Items acted on"))],
        rows, chart="requests", chart_rest="projects",
        note=_("A request naming items on several projects counts once for each in \"Requests\"; the next two "
               "columns count only the requests naming that project or site alone. The last two rows count each "
               "request once: those naming two or more of the platform's own projects, and those naming only sites "
               "it does not run. An item is acted on when anything but \"no action\" was done to it."),
    )


def timing_table(key: str, title: str, row_key: str, row_label: str, seconds: q.Seconds, unit: str,
                 count_label: str, note: str) -> Table:
    median = q.median(seconds)
    value = q.seconds_to_days(median) if unit == DAYS else q.seconds_to_hours(median)
    median_key = "median_days" if unit == DAYS else "median_hours"
    median_label = _("Median, days") if unit == DAYS else _("Median, hours")
    return Table(key, title, [Column("cases", count_label), Column(median_key, median_label, unit)],
                 [Row(row_key, row_label, {"cases": len(seconds), median_key: value})], note=note)




# Sections -------------------------------------------------------------------

def overview_section(facts: q.Facts, decided: dict) -> Section:
    by_kind = facts.by("kind")
    rows = []
    for kind in c.Kind.values:
        group = by_kind.get(kind, q.Facts([]))
        seconds = decided.get((kind,), q.Seconds())
        received = group.total()
        pending = group.where(outcome=c.Outcome.PENDING).total()
        rows.append(Row(kind, str(c.Kind(kind).label), {
            "received": received, "decided": len(seconds), "pending": pending,
            "median_days": q.seconds_to_days(q.median(seconds)),
        }))
    all_seconds = q.Seconds.merged(decided.values())
    rows.append(Row("all", _("All kinds"), {
        "received": facts.total(), "decided": len(all_seconds),
        "pending": facts.where(outcome=c.Outcome.PENDING).total(),
        "median_days": q.seconds_to_days(q.median(all_seconds)),
    }))
    table = Table(
        "by_kind", _("Requests and reports received, and the time taken to decide them"),
        [_received(), _decided(), Column("pending", pgettext("report column", "Pending")),
         Column("median_days", _("Median days to decision"), DAYS)],
        rows, chart="received", chart_title=_("Cases received, by kind"),
        note=_("Decided: cases of the period with a decision date. Median handling time: from receipt to decision, "
               "over the decided cases; the mean of the two middle values when their number is even."),
    )
    return Section("overview", _("Overview"), _("Every case received in the period, by kind."),
                   [table, channel_table(facts)])


def channel_table(facts: q.Facts) -> Table:
    """Requests received per intake channel (web form, API, e-mail, post, fax, phone, import...)."""
    by_source = facts.by("source")
    rows = [Row(key_of(value), choice_label(c.Source)(value), {"received": by_source[value].total()})
            for value in ordered(by_source, c.Source.values)]
    return Table("by_channel", _("Requests by channel"), [_received()], rows,
                 note=_("How each case of the period reached us. Post, fax and phone calls are entered by staff; "
                        "\"own initiative\" cases were opened by the platform itself."))


def content_section(facts: q.Facts, items, project_cases) -> Section:
    content = facts.of_kind(c.Kind.CONTENT_TAKEDOWN)
    return Section("content", _("Content alteration and takedown requests"), _(
        "Requests to change or remove content, including requests under the right to erasure, from anyone "
        "but copyright and trademark holders."), [
        outcome_summary(content, key="summary", title=_("Requests and what was done"),
                        total_label=_("Requests received"), granted_label=_("Granted in full or in part")),
        requester_group_table(content),
        granted_breakdown(content, "requester_type", choice_label(c.RequesterType), key="requester_type",
                          title=_("By type of requester"), order=c.RequesterType.values),
        granted_breakdown(content, "country", country_label, key="country", title=_("By country of origin"),
                          rest="countries"),
        project_table(c.Kind.CONTENT_TAKEDOWN, items, project_cases),
        granted_breakdown(content, "content_ground", choice_label(c.ContentGround), key="ground",
                          title=_("By what the request complained of"), order=c.ContentGround.values, chart=False),
    ])


def copyright_section(facts: q.Facts, items, project_cases) -> Section:
    notices = facts.of_kind(c.Kind.COPYRIGHT_NOTICE)
    counter = facts.of_kind(c.Kind.COPYRIGHT_COUNTER_NOTICE)
    trademark = facts.of_kind(c.Kind.TRADEMARK_NOTICE)
    complied = _("Complied with in full or in part")
    return Section("copyright", _("Copyright and trademark notices"), _(
        "Notices from rights holders (such as DMCA notices), the counter-notices of the people who posted the "
        "content, and trademark notices."), [
        outcome_summary(notices, key="notices", title=_("Copyright notices"), total_label=_("Notices received"),
                        granted_label=complied),
        granted_breakdown(notices, "country", country_label, key="notices_by_country",
                          title=_("Copyright notices by country of origin"), granted_label=complied,
                          rest="countries"),
        project_table(c.Kind.COPYRIGHT_NOTICE, items, project_cases, key="notices_by_project",
                      title=_("Copyright notices by project or site")),
        outcome_summary(counter, key="counter_notices", title=_("Copyright counter-notices"),
                        total_label=_("Counter-notices received"), granted_label=_("Content restored in full or in part")),
        granted_breakdown(counter, "country", country_label, key="counter_notices_by_country",
                          title=_("Counter-notices by country of origin"),
                          granted_label=_("Content restored in full or in part"), chart=False),
        outcome_summary(trademark, key="trademark", title=_("Trademark notices"), total_label=_("Notices received"),
                        granted_label=complied),
    ])


def user_data_section(facts: q.Facts) -> Section:
    data = facts.of_kind(c.Kind.USER_DATA_REQUEST)
    produced = _("Data produced in full or in part")
    by_country = data.by("country")
    country_rows = []
    for value in ordered(by_country):
        group = by_country[value]
        received = group.total()
        full = group.where(outcome=c.Outcome.GRANTED).total()
        partial = group.where(outcome=c.Outcome.PARTIALLY_GRANTED).total()
        country_rows.append(Row(key_of(value), country_label(value), {
            "received": received, "fully_complied": full, "partially_complied": partial,
            "percent_complied": q.percent(full + partial, received)}))
    accounts = Table(
        "accounts", _("Accounts concerned"), [Column("accounts", _("Accounts"))], [
            Row("potentially_affected", _("Accounts potentially affected (named in the requests)"),
                {"accounts": data.total("potentially")}),
            Row("actually_affected", _("Accounts actually affected (data produced)"), {"accounts": data.total("actually")}),
            Row("notified", _("Accounts whose holders were told"), {"accounts": data.total("notified")}),
        ], note=_("Sums over the requests for user information received in the period."))
    data_rows = []
    for row_key, label, field in [("content", _("Content data (what a user wrote or uploaded privately)"),
                                   "content_data_requested"),
                                  ("non_content", _("Non-content data (such as IP addresses or dates)"),
                                   "non_content_data_requested")]:
        part = data.where(**{field: True})
        data_rows.append(Row(row_key, label, {"requests": part.total(), "produced": part.granted()}))
    return Section("user_data", _("Requests for user information"), _(
        "Requests from governments, courts, companies and individuals for non-public information about users."), [
        outcome_summary(data, key="summary", title=_("Requests and what was done"), total_label=_("Requests received"),
                        granted_label=produced),
        requester_group_table(data, granted_label=produced),
        granted_breakdown(data, "legal_process", choice_label(c.LegalProcess), key="legal_process",
                          title=_("By legal process"), order=c.LegalProcess.values, granted_label=produced),
        Table("country", _("By country of origin"), [
            _received(), Column("fully_complied", _("Complied with in full")),
            Column("partially_complied", _("Complied with in part")),
            Column("percent_complied", _("Share complied with, %"), PERCENT)],
            country_rows, chart="received", chart_rest="countries", note=_("The percentage is of the requests received in that row.")),
        accounts,
        Table("data_type", _("Content and non-content data"), [
            Column("requests", _("Requests asking for it")), Column("produced", produced)], data_rows,
            note=_("A request can ask for both, and then counts in both rows.")),
    ])


def emergency_section(facts: q.Facts, decided_hours: q.Seconds) -> Section:
    emergency = facts.of_kind(c.Kind.EMERGENCY_DISCLOSURE)
    disclosed = pgettext("report column", "Data disclosed")
    origin_rows = []
    for value in c.EmergencyOrigin.values:
        part = emergency.where(emergency_origin=value)
        origin_rows.append(Row(value, str(c.EmergencyOrigin(value).label), {
            "cases": part.total(), "disclosed": part.granted(), "percent_disclosed": q.percent(part.granted(), part.total())}))
    origins = set(c.EmergencyOrigin.values)  # once: ``values`` builds a new list each time it is read
    unknown = emergency.where(lambda r: r["emergency_origin"] not in origins)
    if unknown.total():
        origin_rows.append(Row(UNKNOWN, _("Not known"), {"cases": unknown.total(), "disclosed": unknown.granted(),
                                                        "percent_disclosed": q.percent(unknown.granted(), unknown.total())}))
    threats = emergency.by("threat_type")
    threat_rows = []
    for value in ordered(threats, c.ThreatType.values):
        part = threats[value]
        threat_rows.append(Row(key_of(value), choice_label(c.ThreatType)(value), {
            "requested": part.where(emergency_origin=c.EmergencyOrigin.REQUESTED).total(),
            "voluntary": part.where(emergency_origin=c.EmergencyOrigin.VOLUNTARY).total(),
            "disclosed": part.granted()}))
    return Section("emergency", _("Emergency disclosures"), _(
        "Information disclosed to prevent imminent harm: at the request of an authority, or on the platform's "
        "own initiative."), [
        Table("origin", _("Requested and voluntary disclosures"), [
            Column("cases", _("Cases")), Column("disclosed", disclosed),
            Column("percent_disclosed", _("Share of cases, %"), PERCENT)], origin_rows,
            note=_("Disclosed: data produced in full or in part. The percentage is of the cases in that row.")),
        Table("threat_type", _("By type of threat"), [
            Column("requested", pgettext("report column", "Requested by an authority")),
            Column("voluntary", _("Voluntary")),
            Column("disclosed", disclosed)], threat_rows, chart="requested"),
        timing_table("timing", _("Time to decide"), "received_to_decided", _("From receipt to decision"),
                     decided_hours, HOURS, _("Decided cases"),
                     _("Median over the decided cases; the mean of the two middle values when their number is even.")),
    ])


def appeals_section(facts: q.Facts, decided_seconds: q.Seconds) -> Section:
    appeals = facts.of_kind(c.Kind.APPEAL)
    summary = outcome_summary(appeals, key="summary", title=_("Appeals and their outcome"),
                              total_label=_("Appeals filed"), granted_label=_("Reversed in full or in part"),
                              labels=APPEAL_OUTCOME_LABELS, keys=APPEAL_ROW_KEYS)
    return Section("appeals", _("Appeals"), _(
        "Requests to reconsider a decision, by a requester or an affected user. Upheld: the decision stands; "
        "reversed: it was changed."), [
        summary,
        timing_table("timing", _("Time to decide an appeal"), "received_to_decided", _("From filing to decision"),
                     decided_seconds, DAYS, _("Decided appeals"),
                     _("Median over the decided appeals; the mean of the two middle values when their number is even.")),
    ])


def harm_section(facts: q.Facts, first_response: q.Seconds) -> Section:
    harm = facts.of_kind(c.Kind.HARM_REPORT)
    acted = _("Action taken")
    return Section("harm", _("Harm and harassment reports"), _(
        "Reports of harassment, threats, doxxing and other harm from people using the projects."), [
        outcome_summary(harm, key="summary", title=_("Reports and what was done"), total_label=_("Reports received"),
                        granted_label=acted),
        granted_breakdown(harm, "harm_category", choice_label(c.HarmCategory), key="category",
                          title=_("By category"), order=c.HarmCategory.values, granted_label=acted),
        timing_table("timing", _("Time to first response"), "received_to_first_response",
                     _("From receipt to first response"), first_response, HOURS, _("Reports answered"),
                     _("First response: the acknowledgement of the report. Median over the reports acknowledged; "
                       "the mean of the two middle values when their number is even.")),
    ])


def _sla_row(first: q.Seconds, decided: q.Seconds) -> dict:
    return {"answered": len(first), "first_response_hours": q.seconds_to_hours(q.median(first)),
            "decided": len(decided), "decision_days": q.seconds_to_days(q.median(decided))}


def _sla_table(key: str, title: str, rows: list[Row]) -> Table:
    return Table(key, title, [
        Column("answered", _("Answered")), Column("first_response_hours", _("Median hours to first response"), HOURS),
        _decided(), Column("decision_days", _("Median days to decision"), DAYS)], rows,
        note=_("First response: the first message staff wrote to the requester (the automatic receipt does not "
               "count). Medians over the cases of the period answered or decided; the mean of the two middle "
               "values when their number is even."))


def sla_section(facts: q.Facts, first_response: dict, decided: dict) -> Section:
    """Median time to first response and to decision, per kind and per channel (``first_response`` and
    ``decided``: seconds grouped by (kind, source), from queries.durations)."""
    def spans(groups: dict, position: int, value: str) -> q.Seconds:
        return q.Seconds.merged(values for group, values in groups.items() if group[position] == value)

    every = lambda groups: q.Seconds.merged(groups.values())  # noqa: E731
    kind_rows = [Row(kind, str(c.Kind(kind).label), _sla_row(spans(first_response, 0, kind), spans(decided, 0, kind)))
                 for kind in c.Kind.values]
    kind_rows.append(Row("all", _("All kinds"), _sla_row(every(first_response), every(decided))))
    by_source = facts.by("source")
    channel_rows = [Row(key_of(value), choice_label(c.Source)(value),
                        _sla_row(spans(first_response, 1, value), spans(decided, 1, value)))
                    for value in ordered(by_source, c.Source.values)]
    return Section("sla", _("Response times"), _(
        "How long the cases received in the period waited for a first answer from staff and for a decision, by "
        "kind and by the channel that brought them."), [
        _sla_table("by_kind", _("Response times by kind"), kind_rows),
        _sla_table("by_channel", _("Response times by channel"), channel_rows),
    ])


def notices_section(facts: q.Facts, legally_barred: int) -> Section:
    rows = [Row("accounts_notified", _("Account holders told of a request for their data"),
                {"count": facts.total("notified")})]
    rows.append(Row("legally_barred", _("Notices not sent because the law forbade it"), {"count": legally_barred}))
    return Section("notices", _("Telling the people affected"), _(
        "We tell users about requests concerning them unless the law forbids it; this is how often each happened."), [
        Table("summary", _("Notices"), [Column("count", _("Number"))], rows,
              note=_("Counted over the cases received in the period.")),
    ])


def actions_section(items: list[dict]) -> Section:
    totals: dict[str, int] = {}
    for row in items:
        totals[row["action"]] = totals.get(row["action"], 0) + row["items"]
    rows = [Row(action or "pending", str(c.Action(action).label), {"items": totals.get(action, 0)})
            for action in c.Action.values]
    restored = sum(row["restored"] for row in items)
    return Section("actions", _("What was done to the items"), _(
        "Every page, revision, file or account named in a case of the period, by what was done to it."), [
        Table("by_action", _("Items by action"), [Column("items", _("Items"))], rows, chart="items",
              note=_("Items of all kinds of cases; \"not decided\" are items of cases still being handled.")),
        Table("restored", _("Items restored after an appeal"), [Column("items", _("Items"))],
              [Row("restored_after_appeal", _("Restricted items put back after an appeal reversed the decision"),
                   {"items": restored})],
              note=_("Items of the period's cases with a restoration date, whenever the appeal was decided.")),
    ])


def crisis_label(crisis) -> str:
    """A crisis as the public report names it: what happened, where and when (never the staff's own name or notes)."""
    # The sites and the days kept left to right (LRI … PDI in a right-to-left report): the Arabic row read
    # "… من 2026-05-21 إلى 2026-06-20" with the days' hyphens taking the Arabic's direction.
    where = and_list([country_label(code) for code in crisis.countries] + [ltr_text(s) for s in crisis.public_sites])
    last = ltr_text(crisis.ends_on.isoformat()) if crisis.ends_on else _("ongoing")
    return _("%(kind)s · %(where)s · %(first)s to %(last)s") % {
        "kind": crisis.get_kind_display(), "where": where, "first": ltr_text(crisis.starts_on.isoformat()),
        "last": last}


def crisis_section(period: Period) -> Section:
    """Requests and removals during declared crises (the Santa Clara Principles ask for them): one row per crisis
    that meets the period, counting the cases of the crisis received during it and within the period."""
    rows = [Row(f"crisis_{r['crisis'].pk}", crisis_label(r["crisis"]), {
        "received": r["received"], "content_requests": r["content_requests"],
        "items_restricted": r["items_restricted"], "data_requests": r["data_requests"],
        "data_granted": r["data_granted"]}) for r in crisis_stats.period_rows(period.first_day, period.last_day)]
    return Section("crisis", _("During declared crises"), _(
        "When malign actors target a community (an election, a coup, a campaign against editors), staff declare a "
        "crisis for the countries and projects concerned; its cases come first and stricter rules apply. These are "
        "the requests received during each crisis, and what was removed or disclosed."), [
        Table("by_crisis", _("Requests and removals during crises"), [
            Column("received", _("Requests received")), Column("content_requests", _("Requests to remove content")),
            Column("items_restricted", _("Items removed or restricted")),
            Column("data_requests", _("Requests for user data")),
            Column("data_granted", _("User-data requests granted in full or in part"))], rows,
              note=_("Counted over the cases of each crisis received during it and within the period. No crisis "
                     "was declared in the period when the table is empty.")),
    ])


def account_actions_section(period: Period) -> Section:
    """Measures the platform took on accounts (accountactions): on its own initiative, and the account restrictions
    (suspension: a temporary ban or lock, an event or interaction ban; termination: a global ban without end date),
    by policy ground. Counts approved actions taking effect in the period; the EU template's helper builds on it."""
    counts = account_action_counts(period.first_day, period.last_day)
    rows = [Row(ground, str(PolicyGround(ground).label), counts[ground]) for ground in PolicyGround.values]
    return Section("account_actions", _("Measures on accounts"), _(
        "Warnings, bans and locks of accounts, each approved by a chain of staff distinct from the person who "
        "proposed it, counted in the period they took effect."), [
        Table("by_ground", _("Account measures by policy ground"), [
            Column("own_initiative", _("Measures on the platform's own initiative")),
            Column("suspension", _("Suspensions")), Column("termination", _("Terminations"))], rows,
              note=_("A suspension restricts the account for a time or in part (a ban or lock with an end date, an "
                     "event or interaction ban); a termination is a global ban without end date. Warnings count only "
                     "as measures.")),
    ])


def legal_support_section(period: Period) -> Section:
    """Contributors' requests for legal support: only totals and world regions (never a country, a project or a
    kind of threat), every count from 1 to 4 withheld in every period (disclosure.ALWAYS_PROTECTED_SECTIONS)."""
    counts, text = legal_support_counts(period.start, period.end), LEGAL_SUPPORT_TEXT
    return Section("legal_support", str(text["title"]), str(text["intro"]), [
        Table("summary", str(text["summary"]), [Column("count", str(text["count"]))], [
            Row("received", str(text["received"]), {"count": counts["received"]}),
            Row("supported", str(text["supported"]), {"count": counts["supported"]}),
        ], note=str(text["note"])),
        Table("by_region", str(text["by_region"]), [Column("received", str(text["requests"]))],
              [Row(key, str(LEGAL_SUPPORT_REGION_LABELS[key]), {"received": value})
               for key, value in counts["by_region"].items()]),
    ])


def santa_clara_section(period: Period, cases, built: list[Section], figures: q.Figures) -> Section:
    """The Santa Clara Principles' numbers (reports/santa_clara.py counts them; figures other sections already
    have are copied from ``built``, never counted again). Rows rightsdesk cannot count read "not recorded"."""
    have = {s.key: s for s in built}

    def copied(table: str, row: str, column: str):
        section, *cell = sc.COPIES[(table, row, column)]
        try:
            return have[section].table(cell[0]).value(cell[1], cell[2])
        except KeyError:
            return None

    flags = sc.flags_by_source(figures.flags)
    flag_labels = {"government": _("Governments, courts and law enforcement"), "trusted_flagger": _("Trusted flaggers"),
                   "automated": _("Automated detection"), "own_staff": _("The platform's own staff"),
                   "user": _("Users and everyone else")}
    by_rule = sc.items_actioned_by(figures.actioned, "content_ground")
    by_country = sc.items_actioned_by(figures.actioned, "country")
    accounts = sc.accounts_actioned_by_rule(period)
    government = sc.government_demands(figures.facts)
    provisions, unnamed = sc.government_demands_by_provision(cases, figures.facts, government)
    crises = have["crisis"].table("by_crisis").rows if "crisis" in have else []
    number = [Column("count", _("Number"))]
    items = [Column("items", _("Items acted on"))]
    received = [_received(), Column("granted", _("Granted in full or in part"))]
    return Section(sc.SECTION, _("The Santa Clara Principles' numbers"), _(
        "The figures the Santa Clara Principles on transparency in content moderation ask for, gathered in one "
        "place; some repeat figures of the sections above."), [
        Table("flags_by_source", _("Flags by source"), received,
              [Row(key, str(flag_labels[key]), flags[key]) for key in sc.FLAG_SOURCES],
              note=_("Requests to alter or remove content, copyright and trademark notices. Each counts once, in the "
                     "first row that applies to it.")),
        Table("actioned_by_rule", _("Items acted on, by rule"), items,
              [Row(key_of(v), choice_label(c.ContentGround)(v), {"items": n})
               for v, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]
              + [Row("all", _("All items acted on"), {"items": sum(by_rule.values())})],
              note=_("Items removed, hidden, restricted or labelled, by what the request complained of.")),
        Table("actioned_by_country", _("Items acted on, by country of origin"), items,
              [Row(key_of(v), country_label(v), {"items": n})
               for v, n in sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))]
              + [Row("all", _("All items acted on"), {"items": sum(by_country.values())})]),
        Table("accounts_by_rule", _("Accounts acted on, by rule"), [Column("accounts", _("Measures on accounts"))],
              [Row(g, str(PolicyGround(g).label), {"accounts": accounts[g]}) for g in PolicyGround.values
               if g != PolicyGround.REVIEW]),
        Table("appeals", _("Appeals"), number, [
            Row("filed", _("Appeals filed"), {"count": copied("appeals", "filed", "count")}),
            Row("won", _("Won: the decision was reversed in full or in part"),
                {"count": copied("appeals", "won", "count")}),
            Row("lost", _("Lost: the decision was upheld"), {"count": copied("appeals", "lost", "count")}),
            Row("of_automated_decisions", _("Appeals of decisions taken by automated means"),
                {"count": sc.appeals_of_automated_decisions(cases)}),
        ]),
        Table("reinstated", _("Content and accounts reinstated"), number, [
            Row("content_after_appeal", _("Items restored after an appeal"),
                {"count": copied("reinstated", "content_after_appeal", "count")}),
            Row("content_without_appeal", _("Items restored without an appeal: not recorded"), {"count": None}),
            Row("accounts_without_appeal", _("Account measures lifted without an appeal"),
                {"count": sc.accounts_reinstated_without_appeal(period)}),
        ], note=_("Not recorded: rightsdesk does not record this figure, so it is left empty rather than shown as 0.")),
        Table("government", _("Government demands, by authority"), received, [
            Row("court", _("Courts"), government["court"]),
            Row("other", _("Other authorities (government, law enforcement)"), government["other"])]),
        Table("government_by_provision", _("Government demands, by legal provision"), [_received()],
              [Row(key, label, {"received": n}) for key, label, n in provisions]
              + [Row(UNKNOWN, _("No provision confirmed"), {"received": unnamed})],
              note=_("Provisions confirmed by staff in the laws registry; a demand invoking two counts for each.")),
        Table("crisis", _("During declared crises"), [
            Column("requests", _("Requests received")), Column("removals", _("Items removed or restricted"))], [
            Row("all_crises", _("All crises of the period"), {
                "requests": sum(r.values.get("received") or 0 for r in crises),
                "removals": sum(r.values.get("items_restricted") or 0 for r in crises)})]),
        Table("not_recorded", _("Not recorded"), number, [
            Row("accounts_by_country", _("Accounts acted on, by country: not recorded"), {"count": None})],
            note=_("Not recorded: rightsdesk does not record this figure, so it is left empty rather than shown as 0.")),
    ])


def build_report(period: Period) -> Report:
    """Compute the whole report for ``period`` in the active language."""
    cases = q.cases_in(period)
    figures = q.report_figures(period)  # from the daily roll-ups, exact (queries.report_figures)
    facts, items, project_cases = figures.facts, figures.items, figures.project_cases
    decided, first_response = figures.decided, figures.first_response
    answered, decided_by_channel = figures.answered, figures.decided_by_channel
    legally_barred = legally_barred_notices(cases)
    sections = [
        overview_section(facts, decided),
        content_section(facts, items, project_cases),
        copyright_section(facts, items, project_cases),
        user_data_section(facts),
        preservation_section(period),
        emergency_section(facts, decided.get((c.Kind.EMERGENCY_DISCLOSURE,), q.Seconds())),
        appeals_section(facts, decided.get((c.Kind.APPEAL,), q.Seconds())),
        harm_section(facts, first_response.get((), q.Seconds())),
        sla_section(facts, answered, decided_by_channel),
        notices_section(facts, legally_barred),
        actions_section(items),
        account_actions_section(period),
        crisis_section(period),
        legal_support_section(period),
    ]
    sections.append(santa_clara_section(period, cases, sections, figures))
    return Report(period=period, generated_at=timezone.now().replace(microsecond=0), sections=sections)
