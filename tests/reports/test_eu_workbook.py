"""The EU harmonised transparency templates (Implementing Regulation (EU) 2024/2835) as a workbook and as CSV parts:
every sheet's headers are the template's, and every figure agrees with an independent count of the demo's cases.

The expected headers are written out here from the reference notes (../shared/reference/eu-harmonised-templates.md),
not read from the code, so a changed header in the code fails these tests.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter

import pytest
from openpyxl import load_workbook

from rightsdesk.accountactions.choices import PolicyGround, Status
from rightsdesk.accountactions.models import AccountAction
from rightsdesk.cases.models import Case, TargetItem
from rightsdesk.reports import eu_workbook
from rightsdesk.reports.periods import parse_period
from tests.reports.report_expectations import hand_median, hours, seconds
from tests.reports.report_fixtures import demo_data  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]
PERIOD = "2025-H2"
EU = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
      "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
GOVERNMENT = {"government", "court", "law_enforcement"}
GRANTING = {"granted", "partially_granted"}
COMMON = ["Applicability", "Service", "Reporting period"]


def ctx(*figures):
    out = []
    for figure in figures:
        out += [figure, "Contextual information on " + figure[0].lower() + figure[1:]]
    return out


VIS = ["removal", "disabling", "demotion", "age restriction", "interaction restriction", "labelling", "other"]
EXPECTED_HEADERS = {
    "1 Identification": COMMON + ["Indicator", "Value", "Contextual information"],
    "2 Categories": COMMON + ["Category name", "Description", "Code", "Contextual information"],
    "3 Orders from Member States": COMMON + ["Type of order", "Category", "Category code", "Member State"] + ctx(
        "Number of orders received", "Number of specific items of information in the orders",
        "Median time to inform the authority of the receipt of the order", "Median time to give effect to the order"),
    "4 Notices": COMMON + ["Category", "Category code"] + ctx(
        "Number of notices received", "Number of notices submitted by trusted flaggers",
        "Number of specific items of information in notices",
        "Number of specific items of information in notices submitted by trusted flaggers",
        "Median time to take action", "Median time to take action on notices submitted by trusted flaggers",
        "Number of actions taken on the basis of the law",
        "Number of actions taken on the basis of the law on notices submitted by trusted flaggers",
        "Number of actions taken on the basis of the terms and conditions",
        "Number of actions taken on the basis of the terms and conditions on notices submitted by trusted flaggers"),
    "5 Own-initiative (illegal)": None,  # filled below: the same columns as part 6
    "6 Own-initiative (terms)": COMMON + ["Category", "Category code"] + ctx(
        "Number of measures", "Number of measures taken after detection with solely automated means",
        *[f"Visibility restriction: {v}" for v in VIS],
        "Monetary restriction: suspension", "Monetary restriction: termination", "Monetary restriction: other",
        "Restriction of the provision of the service: suspension",
        "Restriction of the provision of the service: termination",
        "Account restriction: suspension", "Account restriction: termination"),
    "7 Complaints and disputes": COMMON + ["Mechanism", "Subject"] + ctx(
        "Number received", "Number of decisions upheld", "Number of decisions reversed",
        "Number of decisions partially reversed", "Number of decisions omitted", "Median time to decide",
        "Percentage of outcomes implemented"),
    "8 Use of automated means": COMMON + ["Indicator", "Value", "Contextual information"],
    "9 Human resources": COMMON + ["Official EU language", "Language code"] + ctx("Number of human resources"),
    "10 Active recipients": COMMON + ["Member State"] + ctx("Average monthly active recipients"),
    "Qualitative template": ["Indicator", "Value"],
}
EXPECTED_HEADERS["5 Own-initiative (illegal)"] = EXPECTED_HEADERS[
    "6 Own-initiative (terms)"]
#: Excel caps a sheet's name at 31 characters.
SHEET_NAMES = {title[:31]: title for title in EXPECTED_HEADERS}


@pytest.fixture(scope="module")
def workbook_bytes(demo_data, django_db_blocker):  # noqa: F811
    with django_db_blocker.unblock():
        return eu_workbook.to_xlsx(eu_workbook.sheets(parse_period(PERIOD)))


@pytest.fixture(scope="module")
def book(workbook_bytes):
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    return {SHEET_NAMES[ws.title]: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}


@pytest.fixture
def cases():
    period = parse_period(PERIOD)
    return list(Case.objects.filter(received_at__gte=period.start, received_at__lt=period.end))


def table(book, title):
    """The sheet's rows as dicts by header."""
    header, *rows = book[title]
    return [dict(zip(header, row)) for row in rows]


def items_of(case_list):
    ids = {x.pk for x in case_list}
    return sum(1 for item in TargetItem.objects.all() if item.case_id in ids)


def median_hours(spans):
    return hours(hand_median([s for s in spans if s is not None]))


def state_of(case):
    return str(case.authority_country or case.country)


def is_order(case):
    return case.requester_type in GOVERNMENT and state_of(case) in EU


def test_every_part_is_a_sheet_with_the_templates_headers_in_order(book):
    assert list(book) == list(EXPECTED_HEADERS)
    for title, header in EXPECTED_HEADERS.items():
        assert book[title][0] == header, title


def test_every_row_of_the_quantitative_template_names_its_applicability_service_and_period(book):
    for title, rows in book.items():
        if title == "Qualitative template":
            continue
        for row in rows[1:]:
            assert row[0] and row[1] == "Wikimedia Foundation" and row[2] == "2025-07-01/2025-12-31", (title, row)


def test_identification_gives_the_provider_and_the_period(book):
    values = {r["Indicator"]: r["Value"] for r in table(book, "1 Identification")}
    assert values["Name of the service provider"] == "Wikimedia Foundation"
    assert values["Starting date of the reporting period"] == "2025-07-01"
    assert values["Ending date of the reporting period"] == "2025-12-31"


def test_the_category_list_holds_every_statement_category_and_the_platforms_own(book):
    codes = {r["Code"] for r in table(book, "2 Categories")}
    assert "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH" in codes and "STATEMENT_CATEGORY_VIOLENCE" in codes
    assert len([x for x in codes if x.startswith("STATEMENT_CATEGORY_")]) == 16
    assert {f"TERMS_{g.upper()}" for g in PolicyGround.values if g != "review"} <= codes


def test_orders_to_act_count_each_member_states_orders_and_their_items(book, cases):
    rows = [r for r in table(book, "3 Orders from Member States")
            if r["Type of order"] == "Order to act against illegal content (Art. 9)"]
    orders = [x for x in cases if x.kind in {"content_takedown", "copyright_notice", "trademark_notice",
                                             "copyright_counter_notice"} and is_order(x)]
    assert orders, "the demo has orders to act"
    total = next(r for r in rows if r["Category"] == "Total" and r["Member State"] == "Total")
    assert total["Number of orders received"] == len(orders)
    assert total["Number of specific items of information in the orders"] == items_of(orders)
    assert total["Median time to inform the authority of the receipt of the order"] == median_hours(
        [seconds(x.acknowledged_at, x.received_at) if x.acknowledged_at else None for x in orders])
    effected = [x for x in orders if x.outcome in GRANTING]
    assert total["Median time to give effect to the order"] == median_hours(
        [seconds(x.decided_at, x.received_at) if x.decided_at else None for x in effected])
    by_state = Counter(state_of(x) for x in orders)
    shown = Counter()
    for r in rows:
        if r["Member State"] != "Total":
            shown[r["Member State"]] += r["Number of orders received"]
    assert shown == by_state


def test_orders_to_provide_information_are_user_data_requests_and_emergency_requests_from_member_states(book, cases):
    rows = table(book, "3 Orders from Member States")
    total = next(r for r in rows if r["Type of order"] == "Order to provide information (Art. 10)"
                 and r["Category"] == "Total" and r["Member State"] == "Total")
    orders = [x for x in cases if is_order(x) and (x.kind == "user_data_request" or (
        x.kind == "emergency_disclosure" and x.emergency_origin != "voluntary"))]
    assert total["Number of orders received"] == len(orders)
    assert total["Number of specific items of information in the orders"] == items_of(orders)


def test_notices_per_category_with_trusted_flaggers_items_and_the_basis_of_each_action(book, cases):
    rows = {r["Category code"] or "Total": r for r in table(book, "4 Notices")}
    notices = [x for x in cases if x.kind in {"content_takedown", "copyright_notice", "trademark_notice", "harm_report"}
               and not is_order(x)]
    assert rows["Total"]["Number of notices received"] == len(notices)
    assert rows["Total"]["Number of notices submitted by trusted flaggers"] == sum(x.trusted_flagger for x in notices)
    assert rows["Total"]["Number of specific items of information in notices"] == items_of(notices)
    for category in {x.dsa_category or "NOT_SPECIFIED_NOTICE" for x in notices}:
        group = [x for x in notices if (x.dsa_category or "NOT_SPECIFIED_NOTICE") == category]
        row = rows[f"STATEMENT_CATEGORY_{category}"]
        assert row["Number of notices received"] == len(group), category
        assert row["Median time to take action"] == median_hours(
            [seconds(x.decided_at, x.received_at) if x.decided_at else None for x in group]), category

    def on_law(x):  # written out independently of cases.policy: the recorded ground, else the alleged illegality
        if x.decision_ground:
            return x.decision_ground == "illegal_content"
        return x.kind in {"copyright_notice", "trademark_notice"} or x.content_ground in {
            "defamation", "privacy", "right_to_erasure", "government_order", "copyright", "trademark", "child_safety"}

    trusted = [x for x in notices if x.trusted_flagger]
    assert rows["Total"]["Number of specific items of information in notices submitted by trusted flaggers"] == \
        items_of(trusted)
    assert rows["Total"]["Median time to take action on notices submitted by trusted flaggers"] == median_hours(
        [seconds(x.decided_at, x.received_at) if x.decided_at else None for x in trusted])
    acted = [x for x in notices if x.outcome in GRANTING]
    law = rows["Total"]["Number of actions taken on the basis of the law"]
    terms = rows["Total"]["Number of actions taken on the basis of the terms and conditions"]
    assert law == sum(1 for x in acted if on_law(x))
    assert law + terms == len(acted)


def test_own_initiative_measures_on_accounts_are_counted_by_the_platforms_policy_categories(book):
    period = parse_period(PERIOD)
    actions = AccountAction.objects.filter(status=Status.APPROVED, own_initiative=True,
                                           starts_on__gte=period.first_day, starts_on__lte=period.last_day)
    rows = {r["Category code"]: r for r in table(book, "6 Own-initiative (terms)")}
    for ground in PolicyGround.values:
        if ground == "review":
            continue
        mine = [a for a in actions if a.ground == ground]
        row = rows[f"TERMS_{ground.upper()}"]
        assert row["Number of measures"] == len(mine), ground
        suspended = [a for a in mine if a.action_type not in ("warning", "lift")
                     and not (a.action_type == "global_ban" and a.ends_on is None)]
        terminated = [a for a in mine if a.action_type == "global_ban" and a.ends_on is None]
        assert row["Account restriction: suspension"] == len(suspended), ground
        assert row["Account restriction: termination"] == len(terminated), ground


def test_own_initiative_content_measures_count_each_restricted_item_by_its_visibility_restriction(book, cases):
    own = [x for x in cases if x.source == "own_initiative"]
    words = {"remove": "removal", "hide_revision": "disabling", "restrict_country": "disabling", "label": "labelling"}
    expected = Counter()
    for item in TargetItem.objects.filter(case__in=own):
        if item.action in words:
            expected[words[item.action]] += 1
    shown = Counter()
    for title in ["5 Own-initiative (illegal)", "6 Own-initiative (terms)"]:
        total = next(r for r in table(book, title) if r["Category"] == "Total")
        for word in ["removal", "disabling", "labelling"]:
            shown[word] += total[f"Visibility restriction: {word}"]
        assert total["Monetary restriction: suspension"] == 0 and total["Visibility restriction: demotion"] == 0
    assert shown == expected


def test_internal_complaints_by_outcome_with_the_median_time(book, cases):
    rows = table(book, "7 Complaints and disputes")
    total = next(r for r in rows if r["Mechanism"].startswith("Internal") and r["Subject"] == "Total")
    appeals = [x for x in cases if x.kind == "appeal"]
    assert total["Number received"] == len(appeals)
    assert total["Number of decisions upheld"] == sum(1 for x in appeals if x.outcome == "rejected")
    assert total["Number of decisions reversed"] == sum(1 for x in appeals if x.outcome == "granted")
    assert total["Number of decisions partially reversed"] == sum(1 for x in appeals if x.outcome == "partially_granted")
    assert total["Median time to decide"] == median_hours(
        [seconds(x.decided_at, x.received_at) if x.decided_at else None for x in appeals])
    assert {r["Mechanism"] for r in rows} >= {"Out-of-court dispute settlement (Art. 21)", "Suspensions (Art. 23)"}


def test_a_platform_without_automated_moderation_says_so_with_zeros_not_blanks(book, cases):
    values = {r["Indicator"]: r for r in table(book, "8 Use of automated means")}
    assert values["Use of automated means for content moderation"]["Value"] == "No"
    assert values["Number of measures taken solely by automated means"]["Value"] == 0
    decided = [x for x in cases if x.outcome]
    assert values["Number of measures not taken solely by automated means"]["Value"] == len(decided)
    for name in ["Accuracy indicator", "Precision indicator", "Recall indicator", "Error rate"]:
        assert values[name]["Value"] == "Not applicable" and values[name]["Contextual information"]


def test_figures_staff_have_not_entered_are_empty_with_the_reason_beside_them(book):
    for title, figure in [("9 Human resources", "Number of human resources"),
                          ("10 Active recipients", "Average monthly active recipients")]:
        rows = table(book, title)
        assert rows and all(r[figure] is None for r in rows)
        assert all("Not entered" in r["Contextual information on " + figure[0].lower() + figure[1:]] for r in rows)
    assert {r["Member State"] for r in table(book, "10 Active recipients")} == EU
    assert len(table(book, "9 Human resources")) == 24


def test_the_csv_parts_hold_the_same_rows_as_the_workbook(book):
    data = eu_workbook.to_csv_zip(eu_workbook.sheets(parse_period(PERIOD)))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert len(names) == len(book)
        for name, title in zip(names, book):
            text = archive.read(name).decode("utf-8")
            assert text.endswith("\r\n")
            rows = list(csv.reader(io.StringIO(text, newline="")))
            expected = [["" if v is None else str(v) for v in row] for row in book[title]]
            if title == "1 Identification":  # the publication date is the day the file is written
                rows, expected = rows[:3] + rows[4:], expected[:3] + expected[4:]
            assert rows == expected, title


def test_the_public_downloads_the_workbook_and_the_csv_zip_for_a_half_year_but_not_a_short_range(client):
    from django.urls import reverse

    xlsx, zipped = reverse("reports:report_eu_xlsx", args=[PERIOD]), reverse("reports:report_eu_csv", args=[PERIOD])
    response = client.get(xlsx)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="eu-transparency-templates-{PERIOD}.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "1 Identification"
    response = client.get(zipped)
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "4_notices.csv" in archive.namelist()
    assert client.get(reverse("reports:report_eu_xlsx", args=["2025-07-01..2025-07-31"])).status_code == 404
    page = client.get(reverse("reports:report", args=[PERIOD])).content.decode()
    assert xlsx in page and zipped in page


def test_the_report_command_writes_the_workbook_and_the_csv_zip(tmp_path):
    from django.core.management import call_command

    call_command("report", period=PERIOD, formats=["eu-xlsx", "eu-csv"], out=str(tmp_path), stdout=io.StringIO())
    workbook = load_workbook(tmp_path / f"eu-transparency-templates-{PERIOD}.xlsx")
    assert len(workbook.sheetnames) == len(EXPECTED_HEADERS)
    with zipfile.ZipFile(tmp_path / f"eu-transparency-templates-{PERIOD}-csv.zip") as archive:
        assert len(archive.namelist()) == len(EXPECTED_HEADERS)
