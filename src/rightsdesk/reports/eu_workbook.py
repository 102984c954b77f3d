"""The EU harmonised transparency templates (Implementing Regulation (EU) 2024/2835) in their own layout.

One structure, two writers: :func:`sheets` builds the quantitative template's ten parts (and the
qualitative template as an eleventh sheet) as plain rows; :func:`to_xlsx` writes them as one workbook
(openpyxl), :func:`to_csv_zip` as one CSV per sheet in a zip. Both writers read the same rows, so the
two files cannot disagree.

The headers and row labels are the template's, in English (the language of the Commission's files;
regulators' parsers read them), so they are not translated. Where this module could not confirm a
header's exact wording against the Commission's published files, it uses the wording of the reference
notes; docs/report-format.md ("EU harmonised templates") says which and maps every row to how it is
computed.

Figures are exact, like the older DSA CSV (``dsa_template.py``), whose per-case rows and rules this module
reuses: the site offers the files to the public for half-years and years only (``disclosure.is_standard``).
Every figure column has a "Contextual information on …" column beside it; a figure rightsdesk cannot
know is left empty with the reason written there, never a zero.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from rightsdesk.accountactions.choices import PolicyGround
from rightsdesk.accountactions.selectors import article_23_suspensions, restriction_counts
from rightsdesk.appeals.selectors import out_of_court_disputes, processing_suspensions
from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import COMPLAINT_OUTCOMES, VISIBILITY_OF_ACTION, decision_ground_of
from rightsdesk.core.cells import csv_row, keep_text

from . import dsa_template as dsa
from .periods import Period
from .staff_figures import EU_LANGUAGES, QUALITATIVE_INDICATORS, figures_for

#: The common columns of every sheet of the quantitative template.
COMMON = ["Applicability", "Service", "Reporting period"]
TOTAL = "Total"
NOT_APPLICABLE = "Not applicable"

#: Who each part applies to (DSA articles 15, 24 and 42: every intermediary service, hosting services, online
#: platforms, very large ones). rightsdesk's reading; the template's own wording may differ (docs/report-format.md).
APPLICABILITY = {
    1: "All providers of intermediary services", 2: "All providers of intermediary services",
    3: "All providers of intermediary services", 4: "Providers of hosting services",
    5: "All providers of intermediary services", 6: "All providers of intermediary services",
    7: "Providers of online platforms", 8: "All providers of intermediary services",
    9: "Providers of very large online platforms and very large online search engines",
    10: "Providers of online platforms",
}

#: The template's word for each visibility restriction of cases.policy.VISIBILITY_OF_ACTION (the statements of
#: reasons' reading of an item's action).
VISIBILITY_WORD = {"removed": "removal", "disabled": "disabling", "labelled": "labelling"}

ORDER_FIGURES = ["Number of orders received", "Number of specific items of information in the orders",
                 "Median time to inform the authority of the receipt of the order",
                 "Median time to give effect to the order"]
NOTICE_FIGURES = [
    "Number of notices received", "Number of notices submitted by trusted flaggers",
    "Number of specific items of information in notices",
    "Number of specific items of information in notices submitted by trusted flaggers",
    "Median time to take action", "Median time to take action on notices submitted by trusted flaggers",
    "Number of actions taken on the basis of the law",
    "Number of actions taken on the basis of the law on notices submitted by trusted flaggers",
    "Number of actions taken on the basis of the terms and conditions",
    "Number of actions taken on the basis of the terms and conditions on notices submitted by trusted flaggers",
]
VISIBILITY = ["removal", "disabling", "demotion", "age restriction", "interaction restriction", "labelling", "other"]
MEASURE_FIGURES = (
    ["Number of measures", "Number of measures taken after detection with solely automated means"]
    + [f"Visibility restriction: {v}" for v in VISIBILITY]
    + ["Monetary restriction: suspension", "Monetary restriction: termination", "Monetary restriction: other",
       "Restriction of the provision of the service: suspension",
       "Restriction of the provision of the service: termination",
       "Account restriction: suspension", "Account restriction: termination"]
)
APPEAL_FIGURES = ["Number received", "Number of decisions upheld", "Number of decisions reversed",
                  "Number of decisions partially reversed", "Number of decisions omitted", "Median time to decide",
                  "Percentage of outcomes implemented"]


def contextual(figure: str) -> str:
    return f"Contextual information on {figure[0].lower()}{figure[1:]}"


def with_context(figures: list[str]) -> list[str]:
    """Each figure column followed by its "Contextual information on …" column."""
    return [name for figure in figures for name in (figure, contextual(figure))]


@dataclass
class Sheet:
    key: str
    title: str
    #: The columns after COMMON; rows hold the values of COMMON + these.
    columns: list[str]
    rows: list[list] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return (COMMON + self.columns) if self.key != "qualitative" else self.columns


@dataclass
class _Ctx:
    period: Period
    service: str
    span: str

    def common(self, part: int) -> list:
        return [APPLICABILITY[part], self.service, self.span]


def _span(period: Period) -> str:
    return f"{period.first_day.isoformat()}/{period.last_day.isoformat()}"


def _figures(values: list, notes: dict[int, str] | None = None) -> list:
    """Values with an empty contextual cell beside each, or the note given for that position."""
    notes = notes or {}
    return [cell for i, value in enumerate(values) for cell in (value, notes.get(i, ""))]


def category_code(category: str) -> str:
    return f"STATEMENT_CATEGORY_{category}"


def policy_code(ground: str) -> str:
    return f"TERMS_{ground.upper()}"


OWN_GROUNDS = [g for g in PolicyGround.values if g != PolicyGround.REVIEW]  # REVIEW only lifts earlier actions


# --- Case facts ------------------------------------------------------------------------------------------------

def _item_counts(period: Period) -> dict[int, Counter]:
    """Case id -> action -> number of items, for the period's cases."""
    from django.db.models import Count

    from rightsdesk.cases.models import TargetItem

    out: dict[int, Counter] = defaultdict(Counter)
    rows = (TargetItem.objects.filter(case__received_at__gte=period.start, case__received_at__lt=period.end)
            .order_by().values_list("case_id", "action").annotate(n=Count("id")))
    for case_id, action, n in rows:
        out[case_id][action] += n
    return out


def _category(row: dict) -> str:
    return row["dsa_category"] or c.DsaCategory.NOT_SPECIFIED_NOTICE


def _ground(row: dict) -> str:
    return decision_ground_of(row["kind"], row["decision_ground"], row["content_ground"])


def _is_information_order(row: dict) -> bool:
    return row["kind"] == c.Kind.USER_DATA_REQUEST or (
        row["kind"] == c.Kind.EMERGENCY_DISCLOSURE and row["emergency_origin"] != c.EmergencyOrigin.VOLUNTARY)


# --- The parts -------------------------------------------------------------------------------------------------

def _identification(ctx: _Ctx, published: date, previous: str) -> Sheet:
    sheet = Sheet("1_identification", "1 Identification", ["Indicator", "Value", "Contextual information"])
    values = [
        ("Name of the service provider", settings.RIGHTSDESK["PLATFORM_NAME"], ""),
        ("Service(s)", ctx.service, ""),
        ("Date of the publication of the report", published.isoformat(), "The day this file was produced."),
        ("Date of the publication of the latest previous report", previous,
         "" if previous else "Not recorded by rightsdesk; see the provider's transparency page."),
        ("Starting date of the reporting period", ctx.period.first_day.isoformat(), ""),
        ("Ending date of the reporting period", ctx.period.last_day.isoformat(), ""),
    ]
    sheet.rows = [ctx.common(1) + list(v) for v in values]
    return sheet


def _categories(ctx: _Ctx) -> Sheet:
    sheet = Sheet("2_categories", "2 Categories", ["Category name", "Description", "Code", "Contextual information"])
    for category in c.DsaCategory:
        sheet.rows.append(ctx.common(2) + [category.name.replace("_", " ").capitalize(),
                                           "Statement-of-reasons category of the EU Transparency Database",
                                           category_code(category.value), ""])
    for ground in OWN_GROUNDS:
        sheet.rows.append(ctx.common(2) + [str(PolicyGround(ground).label), "The provider's own terms-of-use category",
                                           policy_code(ground), ""])
    return sheet


def _orders(ctx: _Ctx, rows: list[dict], items: dict[int, Counter]) -> Sheet:
    sheet = Sheet("3_orders", "3 Orders from Member States",
                  ["Type of order", "Category", "Category code", "Member State"] + with_context(ORDER_FIGURES))
    kinds = [("Order to act against illegal content (Art. 9)", lambda r: r["kind"] in dsa.ACT_KINDS),
             ("Order to provide information (Art. 10)", _is_information_order)]
    note = {2: "hours, from receipt", 3: "hours, from receipt to the decision giving effect"}
    for label, wanted in kinds:
        groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for row in rows:
            if wanted(row) and dsa.is_order(row):
                for key in {(_category(row), dsa.member_state(row)), (_category(row), TOTAL), (TOTAL, TOTAL)}:
                    groups[key].append(row)
        order = [(cat.value, TOTAL) for cat in c.DsaCategory] + [(TOTAL, TOTAL)]
        order += sorted(k for k in groups if TOTAL not in k)  # each category's Member States, where it had orders
        for category, state in order:
            cases = groups.get((category, state), [])
            effected = [r for r in cases if r["outcome"] in c.GRANTING_OUTCOMES]
            values = [len(cases), sum(sum(items.get(r["id"], Counter()).values()) for r in cases),
                      dsa.median_hours([r["ack_s"] for r in cases]),
                      dsa.median_hours([r["decided_s"] for r in effected])]
            name = c.DsaCategory(category).name.replace("_", " ").capitalize() if category != TOTAL else TOTAL
            code = category_code(category) if category != TOTAL else ""
            sheet.rows.append(ctx.common(3) + [label, name, code, state] + _figures(values, note))
    return sheet


def _notices(ctx: _Ctx, rows: list[dict], items: dict[int, Counter]) -> Sheet:
    sheet = Sheet("4_notices", "4 Notices", ["Category", "Category code"] + with_context(NOTICE_FIGURES))
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row["kind"] in dsa.NOTICE_KINDS and not dsa.is_order(row):
            groups[_category(row)].append(row)
            groups[TOTAL].append(row)
    for category in [cat.value for cat in c.DsaCategory] + [TOTAL]:
        cases = groups.get(category, [])
        trusted = [r for r in cases if r["trusted_flagger"]]

        def n_items(subset):
            return sum(sum(items.get(r["id"], Counter()).values()) for r in subset)

        def acted(subset, ground):
            return sum(1 for r in subset if r["outcome"] in c.GRANTING_OUTCOMES and _ground(r) == ground)

        law, terms = c.DecisionGround.ILLEGAL_CONTENT, c.DecisionGround.INCOMPATIBLE_CONTENT
        values = [len(cases), len(trusted), n_items(cases), n_items(trusted),
                  dsa.median_hours([r["decided_s"] for r in cases]),
                  dsa.median_hours([r["decided_s"] for r in trusted]),
                  acted(cases, law), acted(trusted, law), acted(cases, terms), acted(trusted, terms)]
        notes = {4: "hours, from receipt to the decision", 5: "hours, from receipt to the decision"}
        notes[6] = notes[8] = "notices acted on (granted in whole or in part) on this basis"
        name = c.DsaCategory(category).name.replace("_", " ").capitalize() if category != TOTAL else TOTAL
        code = category_code(category) if category != TOTAL else ""
        sheet.rows.append(ctx.common(4) + [name, code] + _figures(values, notes))
    return sheet


def _measure_values(cases: list[dict], items: dict[int, Counter], accounts: dict | None = None) -> list:
    """The measure figures of own-initiative cases (one measure per restricted item) and account actions."""
    visibility = Counter()
    automated = 0
    for r in cases:
        for action, n in items.get(r["id"], Counter()).items():
            if action in VISIBILITY_OF_ACTION:
                visibility[VISIBILITY_WORD[VISIBILITY_OF_ACTION[action]]] += n
                automated += n if r["automated_detection"] else 0
    accounts = accounts or {"own_initiative": 0, "suspension": 0, "termination": 0}
    measures = sum(visibility.values()) + accounts["own_initiative"]
    return ([measures, automated] + [visibility[v] for v in VISIBILITY] + [0, 0, 0, 0, 0]
            + [accounts["suspension"], accounts["termination"]])


def _own_initiative(ctx: _Ctx, rows: list[dict], items: dict[int, Counter], part: int) -> Sheet:
    ground = c.DecisionGround.ILLEGAL_CONTENT if part == 5 else c.DecisionGround.INCOMPATIBLE_CONTENT
    title = ("5 Own-initiative (illegal)" if part == 5
             else "6 Own-initiative (terms)")
    sheet = Sheet(f"{part}_own_initiative_{'illegal' if part == 5 else 'terms'}", title,
                  ["Category", "Category code"] + with_context(MEASURE_FIGURES))
    own = [r for r in rows if r["source"] == c.Source.OWN_INITIATIVE and _ground(r) == ground]
    note = {9 + i: "rightsdesk takes no monetary measures and does not restrict the provision of the service."
            for i in range(5)}
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in own:
        groups[_category(r)].append(r)
    total = [0] * len(MEASURE_FIGURES)
    for category in c.DsaCategory:
        values = _measure_values(groups.get(category.value, []), items)
        total = [a + b for a, b in zip(total, values)]
        sheet.rows.append(ctx.common(part) + [category.name.replace("_", " ").capitalize(),
                                              category_code(category.value)] + _figures(values, note))
    if part == 6:  # measures on accounts: the terms of use's own categories (accountactions)
        counts = restriction_counts(ctx.period.first_day, ctx.period.last_day, own_initiative_only=True)
        for g in OWN_GROUNDS:
            values = _measure_values([], items, counts.get(g))
            total = [a + b for a, b in zip(total, values)]
            sheet.rows.append(ctx.common(part) + [str(PolicyGround(g).label), policy_code(g)]
                              + _figures(values, {**note, 0: "measures on accounts (warnings, bans, locks)"}))
    sheet.rows.append(ctx.common(part) + [TOTAL, ""] + _figures(total, note))
    return sheet


def _appeals(ctx: _Ctx, rows: list[dict]) -> Sheet:
    sheet = Sheet("7_appeals", "7 Complaints and disputes",
                  ["Mechanism", "Subject"] + with_context(APPEAL_FIGURES))
    appeals = [r for r in rows if r["kind"] == c.Kind.APPEAL]
    by_subject: dict[str, list[dict]] = defaultdict(list)
    for r in appeals:
        by_subject[r["appeal_of__decision_ground"] or "not_specified"].append(r)
    subjects = [(TOTAL, appeals)] + [(label, by_subject.get(key, [])) for key, label in SUBJECTS]
    for subject, cases in subjects:
        outcome = Counter(COMPLAINT_OUTCOMES.get(r["outcome"], "other") for r in cases)
        values = [len(cases), outcome["upheld"], outcome["reversed"], outcome["partly_reversed"], outcome["other"],
                  dsa.median_hours([r["decided_s"] for r in cases]), NOT_APPLICABLE]
        notes = {4: "withdrawn or invalid complaints, decided without a ruling on the merits",
                 5: "hours, from receipt to the decision", 6: "internal complaints have no outside outcome"}
        if outcome["pending"]:
            notes[0] = f"{outcome['pending']} still pending at the time of writing"
        sheet.rows.append(ctx.common(7) + ["Internal complaint-handling system (Art. 20)", subject]
                          + _figures(values, notes))
    first, last = ctx.period.first_day, ctx.period.last_day
    disputes = out_of_court_disputes(first, last)
    for subject, group in [(TOTAL, disputes)] + [
            (label, [d for d in disputes if _dispute_subject(d) == key]) for key, label in SUBJECTS]:
        outcome = Counter(d["outcome"] for d in group)
        decided = [d for d in group if d["outcome"]]
        implemented = sum(1 for d in decided if d["implemented"])
        days = [(d["decided_on"] - d["received_on"]).days * 86400 for d in decided if d["decided_on"]]
        values = [len(group), outcome["upheld"], outcome["reversed"], outcome["partly_reversed"], outcome["omitted"],
                  dsa.median_hours(days), round(100 * implemented / len(decided), 1) if decided else NOT_APPLICABLE]
        notes = {4: "settled without a decision on the merits", 5: "hours, from receipt to the decision (whole days)",
                 6: "of the disputes decided" if decided else "no dispute was decided"}
        if outcome[""]:
            notes[0] = f"{outcome['']} not decided yet"
        sheet.rows.append(ctx.common(7) + ["Out-of-court dispute settlement (Art. 21)", subject] + _figures(values, notes))
    suspended = processing_suspensions(first, last)
    for subject, count in [
            ("Suspensions for the provision of manifestly illegal content", article_23_suspensions(first, last)),
            ("Suspensions of the processing of manifestly unfounded notices", suspended["unfounded_notices"]),
            ("Suspensions of the processing of manifestly unfounded complaints", suspended["unfounded_complaints"])]:
        values = [count] + [NOT_APPLICABLE] * (len(APPEAL_FIGURES) - 1)
        sheet.rows.append(ctx.common(7) + ["Suspensions (Art. 23)", subject]
                          + _figures(values, {0: "suspensions taking effect in the period"}))
    return sheet


#: The subjects of complaints and disputes: the ground of the decision complained of.
SUBJECTS = [(c.DecisionGround.ILLEGAL_CONTENT, "Decisions on illegal content"),
            (c.DecisionGround.INCOMPATIBLE_CONTENT, "Decisions on incompatibility with the terms and conditions"),
            ("not_specified", "Decisions without a recorded ground")]


def _dispute_subject(row: dict) -> str:
    """A dispute is about the decision its case appealed, or about its case's own decision."""
    if row["case__kind"] == c.Kind.APPEAL:
        return row["case__appeal_of__decision_ground"] or "not_specified"
    return row["case__decision_ground"] or "not_specified"


def _automation(ctx: _Ctx, rows: list[dict]) -> Sheet:
    sheet = Sheet("8_automated_means", "8 Use of automated means", ["Indicator", "Value", "Contextual information"])
    decided = [r for r in rows if r["outcome"] != c.Outcome.PENDING]
    solely = sum(1 for r in decided if r["automated_decision"] == c.AutomatedDecision.FULLY)
    used = any(r["automated_decision"] != c.AutomatedDecision.NOT_AUTOMATED or r["automated_detection"] for r in rows)
    none = "No automated means are used, so there is nothing to measure."
    values = [
        ("Use of automated means for content moderation", "Yes" if used else "No",
         "Decisions recorded as automated or partly automated, or detected by automated means, in the period."
         if used else "rightsdesk uses no automated means: every decision is taken by a person."),
        ("Number of measures taken solely by automated means", solely, ""),
        ("Number of measures not taken solely by automated means", len(decided) - solely,
         "decided cases of the period (requests, notices, orders and complaints)"),
    ] + [(name, NOT_APPLICABLE if not used else "", none if not used else "Not measured by rightsdesk.")
         for name in ["Accuracy indicator", "Precision indicator", "Recall indicator", "Error rate"]]
    sheet.rows = [ctx.common(8) + list(v) for v in values]
    return sheet


def _staff_entered(ctx: _Ctx) -> list[Sheet]:
    entered = figures_for(ctx.period)
    missing = "Not entered by the provider's staff for this period."
    hr = Sheet("9_human_resources", "9 Human resources", ["Official EU language", "Language code",
                                                          *with_context(["Number of human resources"])])
    for code, name in EU_LANGUAGES.items():
        value = entered.human_resources.get(code, "") if entered else ""
        hr.rows.append(ctx.common(9) + [name, code, value, "" if value != "" else missing])
    amar = Sheet("10_active_recipients", "10 Active recipients",
                 ["Member State", *with_context(["Average monthly active recipients"])])
    for state in sorted(dsa.EU_MEMBER_STATES):
        value = entered.active_recipients.get(state, "") if entered else ""
        amar.rows.append(ctx.common(10) + [state, value, "" if value != "" else missing])
    quali = Sheet("qualitative", "Qualitative template", ["Indicator", "Value"])
    for key, label in QUALITATIVE_INDICATORS.items():
        quali.rows.append([str(label), (entered.qualitative.get(key, "") if entered else "")])
    return [hr, amar, quali]


def sheets(period: Period, *, published: date | None = None) -> list[Sheet]:
    """Every sheet of the quantitative template (parts 1 to 10), then the qualitative template."""
    from django.utils import timezone
    from django.utils.translation import override

    with override("en"):  # the template is in English; labels taken from choices must not follow the request
        ctx = _Ctx(period, settings.RIGHTSDESK["PLATFORM_NAME"], _span(period))
        rows = dsa.case_rows(period)
        items = _item_counts(period)
        entered = figures_for(period)
        previous = entered.previous_report_published.isoformat() if entered and entered.previous_report_published \
            else ""
        return [
            _identification(ctx, published or timezone.localdate(), previous), _categories(ctx),
            _orders(ctx, rows, items), _notices(ctx, rows, items),
            _own_initiative(ctx, rows, items, 5), _own_initiative(ctx, rows, items, 6),
            _appeals(ctx, rows), _automation(ctx, rows), *_staff_entered(ctx),
        ]


# --- The two writers ---------------------------------------------------------------------------------------------

def _cell(value):
    return "" if value is None else value


def to_xlsx(all_sheets: list[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in all_sheets:
        ws = workbook.create_sheet(sheet.title[:31])
        ws.append(sheet.header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in sheet.rows:
            ws.append([_cell(v) for v in row])
            keep_text(ws[ws.max_row])
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_csv(sheet: Sheet) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow(csv_row(_cell(v) for v in row))
    return buffer.getvalue()


def to_csv_zip(all_sheets: list[Sheet]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in all_sheets:
            archive.writestr(f"{sheet.key}.csv", sheet_csv(sheet).encode("utf-8"))
    return buffer.getvalue()
