"""The EU DSA harmonised transparency-report template figures for a period, as CSV.

Articles 15 and 24 DSA ask for: orders from member-state authorities (to act
against illegal content, Art. 9; to provide information, Art. 10) by member
state and type, with median times; notices (Art. 16) by category, from
trusted flaggers, by action taken, processed by automated means, with the
median time to act; and internal complaints (Art. 20) by basis and outcome,
with the median time and the number of decisions reversed.

The file is one tidy table: ``section, member_state, type, metric, value``.
"ALL" in member_state or type is the total over that column. How each figure
maps onto our cases is in docs/report-format.md ("DSA template").
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from statistics import median

from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import COMPLAINT_OUTCOMES  # how an appeal's outcome reads as a complaint outcome
from rightsdesk.core.cells import csv_row

from .periods import Period
from .queries import SecondsBetween, cases_in, raw_rows
from .structure import csv_value

#: The 27 member states of the European Union (ISO 3166-1 alpha-2).
EU_MEMBER_STATES = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
    "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})
ALL = "ALL"
HEADER = ["section", "member_state", "type", "metric", "value"]

#: Kinds whose government-sent cases are orders to act against content (Art. 9), and whose other cases are notices (Art. 16).
ACT_KINDS = frozenset(c.CONTENT_KINDS | {c.Kind.COPYRIGHT_COUNTER_NOTICE})  # not a policy rule: DSA Art. 9 orders
NOTICE_KINDS = frozenset(c.CONTENT_KINDS | {c.Kind.HARM_REPORT})


FIELDS = ("id", "kind", "requester_type", "authority_country", "country", "dsa_category", "legal_process",
          "emergency_origin", "trusted_flagger", "automated_decision", "outcome", "appeal_of__decision_ground",
          "decision_ground", "content_ground", "source", "automated_detection", "ack_s", "decided_s")


def median_hours(seconds: list[float]) -> float | None:
    """The median of the durations, in hours to two decimals (None when there are none)."""
    values = [round(s) for s in seconds if s is not None]
    return round(median(values) / 3600, 2) if values else None


def member_state(row: dict) -> str:
    """The member state whose authority sent an order: its authority country, else the country of origin."""
    return row["authority_country"] or row["country"]


def is_order(row: dict) -> bool:
    return row["requester_type"] in c.GOVERNMENT_REQUESTERS and member_state(row) in EU_MEMBER_STATES


def case_rows(period: Period) -> list[dict]:
    """The period's cases as dicts of FIELDS (the EU workbook counts the same rows: eu_workbook.py)."""
    rows = (
        cases_in(period).order_by()
        .annotate(ack_s=SecondsBetween("acknowledged_at", "received_at"), decided_s=SecondsBetween("decided_at", "received_at"))
        .values_list(*FIELDS)
    )
    return [dict(zip(FIELDS, row)) for row in raw_rows(rows)]


class _Groups:
    """Rows of the template collected under (member_state, type), each with its own cases."""

    def __init__(self):
        self.groups: dict[tuple[str, str], list[dict]] = defaultdict(list)

    def add(self, state: str, kind: str, row: dict) -> None:
        for key in {(state, kind), (state, ALL), (ALL, kind), (ALL, ALL)}:
            self.groups[key].append(row)

    def ordered(self):
        return sorted(self.groups.items(), key=lambda item: (item[0][0] != ALL, item[0][0], item[0][1] != ALL, item[0][1]))


def _orders(rows: list[dict], section: str) -> list[list]:
    groups = _Groups()
    for row in rows:
        if section == "orders_to_act":
            wanted = row["kind"] in ACT_KINDS
            kind = row["dsa_category"] or c.DsaCategory.NOT_SPECIFIED_NOTICE
        else:
            wanted = row["kind"] == c.Kind.USER_DATA_REQUEST or (
                row["kind"] == c.Kind.EMERGENCY_DISCLOSURE and row["emergency_origin"] != c.EmergencyOrigin.VOLUNTARY)
            kind = row["legal_process"] or "not_specified"
        if wanted and is_order(row):
            groups.add(member_state(row), kind, row)
    out = [[section, ALL, ALL, "orders", 0]] if not groups.groups else []
    for (state, kind), cases in groups.ordered():
        out += [
            [section, state, kind, "orders", len(cases)],
            [section, state, kind, "given_effect", sum(1 for r in cases if r["outcome"] in c.GRANTING_OUTCOMES)],
            [section, state, kind, "median_hours_to_acknowledge", median_hours([r["ack_s"] for r in cases])],
            [section, state, kind, "median_hours_to_decision", median_hours([r["decided_s"] for r in cases])],
        ]
    return out


def _notices(rows: list[dict], item_actions: dict[str, dict[str, int]]) -> list[list]:
    groups = _Groups()
    for row in rows:
        if row["kind"] in NOTICE_KINDS and not is_order(row):
            groups.add("", row["dsa_category"] or c.DsaCategory.NOT_SPECIFIED_NOTICE, row)
    out = []
    for (state, kind), cases in groups.ordered():
        if state == ALL:
            continue  # notices have no member state: the "" rows already cover every notice
        actioned = sum(1 for r in cases if r["outcome"] in c.GRANTING_OUTCOMES)
        decided = sum(1 for r in cases if r["outcome"] != c.Outcome.PENDING)
        out += [
            ["notices", "", kind, "notices", len(cases)],
            ["notices", "", kind, "trusted_flagger_notices", sum(1 for r in cases if r["trusted_flagger"])],
            ["notices", "", kind, "actioned", actioned],
            ["notices", "", kind, "not_actioned", decided - actioned],
            ["notices", "", kind, "automated_processing",
             sum(1 for r in cases if r["automated_decision"] != c.AutomatedDecision.NOT_AUTOMATED)],
            ["notices", "", kind, "median_hours_to_decision", median_hours([r["decided_s"] for r in cases])],
        ]
        actions = item_actions.get(kind, {})
        for action in sorted(c.RESTRICTING_ACTIONS):
            out.append(["notices", "", kind, f"items_{action}", actions.get(action, 0)])
    if not out:
        out.append(["notices", "", ALL, "notices", 0])
    return out


def _complaints(rows: list[dict]) -> list[list]:
    appeals = [r for r in rows if r["kind"] == c.Kind.APPEAL]
    reversed_ = [r for r in appeals if r["outcome"] in c.GRANTING_OUTCOMES]
    out = [
        ["complaints", "", ALL, "complaints", len(appeals)],
        ["complaints", "", ALL, "decisions_reversed", len(reversed_)],
        ["complaints", "", ALL, "median_hours_to_decision", median_hours([r["decided_s"] for r in appeals])],
    ]
    by_outcome: dict[str, list[dict]] = defaultdict(list)
    for r in appeals:
        by_outcome[COMPLAINT_OUTCOMES.get(r["outcome"], "other")].append(r)
    for outcome in ["upheld", "reversed", "partly_reversed", "other", "pending"]:
        cases = by_outcome.get(outcome, [])
        out += [["complaints", "", f"outcome:{outcome}", "complaints", len(cases)],
                ["complaints", "", f"outcome:{outcome}", "median_hours_to_decision", median_hours([r["decided_s"] for r in cases])]]
    by_basis: dict[str, list[dict]] = defaultdict(list)
    for r in appeals:
        by_basis[r["appeal_of__decision_ground"] or "not_specified"].append(r)
    for basis in sorted(by_basis):
        cases = by_basis[basis]
        out += [["complaints", "", f"basis:{basis}", "complaints", len(cases)],
                ["complaints", "", f"basis:{basis}", "decisions_reversed",
                 sum(1 for r in cases if r["outcome"] in c.GRANTING_OUTCOMES)]]
    return out


def _item_actions(period: Period) -> dict[str, dict[str, int]]:
    """DSA category (of the notices) -> action -> items, over non-order notices."""
    from django.db.models import Count, Q

    from rightsdesk.cases.models import TargetItem

    gov = Q(case__requester_type__in=c.GOVERNMENT_REQUESTERS) & (
        Q(case__authority_country__in=EU_MEMBER_STATES) | Q(case__authority_country="", case__country__in=EU_MEMBER_STATES))
    rows = (
        TargetItem.objects.filter(case__received_at__gte=period.start, case__received_at__lt=period.end,
                                  case__kind__in=NOTICE_KINDS)
        .exclude(gov).order_by().values("case__dsa_category", "action").annotate(items=Count("id"))
    )
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        category = r["case__dsa_category"] or c.DsaCategory.NOT_SPECIFIED_NOTICE
        out[category][r["action"]] += r["items"]
        out[ALL][r["action"]] += r["items"]
    return out


def template_rows(period: Period) -> list[list]:
    """Every figure of the template for the period as [section, member_state, type, metric, value]."""
    rows = case_rows(period)
    return (_orders(rows, "orders_to_act") + _orders(rows, "orders_to_provide_information")
            + _notices(rows, _item_actions(period)) + _complaints(rows))


def to_csv(period: Period) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in template_rows(period):
        writer.writerow([*csv_row(row[:4]), csv_value(row[4])])
    return buffer.getvalue()
