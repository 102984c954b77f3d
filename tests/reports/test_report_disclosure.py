"""No singling out: small figures of short and custom ranges are withheld from the public report.

The rule is ``rightsdesk.reports.disclosure`` (docs/report-format.md, "No singling out").
The cases here are received in 2024, where the demo data set (used by the last tests of this module)
has none.
"""

from __future__ import annotations

import csv
import html as html_text
import io
import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from django.core.management import CommandError, call_command

from rightsdesk.cases import choices as c
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports import disclosure
from rightsdesk.reports.sections import build_report
from rightsdesk.reports.cache import cached_report
from rightsdesk.reports.structure import COUNT, Withheld
from tests.reports.report_fixtures import demo_data  # noqa: F401

pytestmark = pytest.mark.django_db

DAY = "2024-03-05..2024-03-05"
NOON = datetime(2024, 3, 5, 12, tzinfo=timezone.utc)
SELF_HARM = "emergency/threat_type/suicide_self_harm/requested"
REQUESTED = "emergency/origin/requested/cases"
FEWER, HIDDEN = "<5", "hidden"


# Cases, made with the services the other report tests use ---------------------------------------------------------

def emergency(make_case, threat=c.ThreatType.SUICIDE_SELF_HARM, *, origin=c.EmergencyOrigin.REQUESTED,
              when=NOON, country="DE", disclosed=True):
    return make_case(c.Kind.EMERGENCY_DISCLOSURE, received_at=when, threat_type=threat, emergency_origin=origin,
                     requester_type=c.RequesterType.LAW_ENFORCEMENT, country=country,
                     legal_process=c.LegalProcess.EMERGENCY, state=c.State.DECIDED,
                     decided_at=when + timedelta(hours=2),
                     outcome=c.Outcome.GRANTED if disclosed else c.Outcome.REJECTED)


def harm(make_case, category=c.HarmCategory.DOXXING, *, when=NOON):
    return make_case(c.Kind.HARM_REPORT, received_at=when, harm_category=category,
                     acknowledged_at=when + timedelta(hours=1))


def data_request(make_case, country="FR", *, when=NOON):
    return make_case(c.Kind.USER_DATA_REQUEST, received_at=when, country=country,
                     requester_type=c.RequesterType.LAW_ENFORCEMENT, legal_process=c.LegalProcess.COURT_ORDER)


def takedown(make_case, *, when=NOON):
    return make_case(c.Kind.CONTENT_TAKEDOWN, received_at=when)


# The public outputs, read back as {"section/table/row/column": value as written} ----------------------------------

def csv_cells(client, slug, query="") -> dict[str, str]:
    response = client.get(f"/en/transparency/{slug}/report.csv{query}")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"), newline="")))
    assert rows[0] == ["section", "table", "row", "column", "value"]
    return {"/".join(row[:4]): row[4] for row in rows[1:]}


def json_report(client, slug, query="") -> dict:
    return json.loads(client.get(f"/en/transparency/{slug}/report.json{query}").content.decode("utf-8"))


def json_cells(client, slug, query="") -> dict:
    data = json_report(client, slug, query)
    return {"/".join([s["key"], t["key"], r["key"], col]): value
            for s in data["sections"] for t in s["tables"] for r in t["rows"] for col, value in r["values"].items()}


CELL = re.compile(r'<td class="num[^"]*" data-cell="([^"]+)" data-value="([^"]*)">(.*?)</td>', re.S)


def page(client, slug, query="") -> str:
    response = client.get(f"/en/transparency/{slug}/{query}")
    assert response.status_code == 200
    return response.content.decode("utf-8")


def page_cells(client, slug, query="") -> dict[str, tuple[str, str]]:
    """data-cell -> (data-value, the text shown)."""
    return {cell: (html_text.unescape(value), html_text.unescape(re.sub(r"<[^>]+>", "", shown)).strip())
            for cell, value, shown in CELL.findall(page(client, slug, query))}


def shown_in(fmt, client, slug, cell, query=""):
    """A figure as the public reads it in one output: the CSV value, the JSON value, or the page's (value, text)."""
    if fmt == "csv":
        return csv_cells(client, slug, query)[cell]
    if fmt == "json":
        return json_cells(client, slug, query)[cell]
    return page_cells(client, slug, query)[cell]


WITHHELD_AS = {
    "csv": FEWER,
    "json": {"value": None, "suppressed": True, "shown": FEWER},
    "html": (FEWER, "fewer than 5"),
}
EXACT_ONE_AS = {"csv": "1", "json": 1, "html": ("1", "1")}


# The rule ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "csv", "json"])
def test_a_one_day_range_with_one_self_harm_emergency_shows_fewer_than_5(client, make_case, fmt):
    emergency(make_case)
    assert shown_in(fmt, client, DAY, SELF_HARM) == WITHHELD_AS[fmt]
    assert shown_in(fmt, client, DAY, "overview/by_kind/emergency_disclosure/received") == WITHHELD_AS[fmt]


def test_the_page_says_in_one_line_why_a_figure_is_withheld_and_only_when_one_is(client, make_case):
    emergency(make_case)
    assert "no one can be singled out" in page(client, DAY)
    assert "no one can be singled out" not in page(client, "2024-H1")
    assert "no one can be singled out" not in page(client, "2024-03-06..2024-03-06")  # no case: nothing withheld


def test_the_json_says_how_the_figures_were_protected(client, make_case):
    emergency(make_case)
    day, half = json_report(client, DAY)["disclosure"], json_report(client, "2024-H1")["disclosure"]
    assert day["public"] and not day["exact"] and day["protected"] == "all" and day["withheld"] > 0
    assert day["threshold"] == 5
    assert half == {"public": True, "exact": True, "protected": "none", "withheld": 0, "threshold": None}


@pytest.mark.parametrize("fmt", ["html", "csv", "json"])
@pytest.mark.parametrize("slug", ["2024-H1", "2024", "2024-01-01..2024-06-30", "2024-01-01..2024-12-31"])
def test_the_half_year_and_the_year_show_the_exact_figure(client, make_case, slug, fmt):
    emergency(make_case)
    assert shown_in(fmt, client, slug, SELF_HARM) == EXACT_ONE_AS[fmt]


@pytest.mark.parametrize("slug, level", [
    ("2024-H1", "none"),
    ("2024-H2", "none"),
    ("2024", "none"),
    ("2024-01-01..2024-06-30", "none"),  # the same days as 2024-H1
    ("2024-07-01..2024-12-31", "none"),
    ("2024-01-01..2024-12-31", "none"),
    ("2024-03-05..2024-03-05", "all"),
    ("2024-01-01..2024-06-29", "all"),
    ("2024-01-15..2024-07-13", "all"),  # a day short of six months
    ("2024-01-15..2024-07-14", "sensitive"),  # six calendar months
    ("2024-08-31..2025-02-26", "all"),
    ("2024-08-31..2025-02-27", "sensitive"),  # 31 August + 6 months is the end of February
    ("2024-02-01..2024-07-31", "sensitive"),
    ("2023-01-01..2024-12-31", "sensitive"),  # two years: not a standard period
])
def test_standard_periods_are_exact_short_ranges_protect_everything_longer_ones_sensitive_figures(slug, level):
    assert disclosure.protection(parse_period(slug)) == level


@pytest.mark.parametrize("cases, expected", [
    (0, "0"),  # zero stays zero
    (1, FEWER),
    (4, FEWER),
    (5, "5"),  # 5 and above are exact
    (12, "12"),
])
def test_zero_stays_zero_1_to_4_are_fewer_than_5_and_5_and_above_are_exact(client, make_case, cases, expected):
    for _ in range(cases):
        emergency(make_case)
    figures = csv_cells(client, DAY)
    assert figures[REQUESTED] == expected
    assert figures["overview/by_kind/emergency_disclosure/received"] == expected
    if cases:
        assert figures[SELF_HARM] == expected


def test_a_longer_custom_range_withholds_only_the_sensitive_figures(client, make_case):
    """Seven months: harm, emergencies and user data by country are protected; content requests are not."""
    when = datetime(2024, 2, 10, tzinfo=timezone.utc)
    harm(make_case, when=when)
    data_request(make_case, "FR", when=when)
    for _ in range(2):
        takedown(make_case, when=when)
    figures = csv_cells(client, "2024-01-15..2024-08-14")
    assert figures["harm/category/doxxing/received"] == FEWER
    assert figures["harm/summary/received/count"] == FEWER
    assert figures["user_data/country/FR/received"] == FEWER
    assert figures["content/summary/received/count"] == "2"  # not sensitive, and needed by no sum
    assert figures["content/country/DE/received"] == "2"


@pytest.mark.parametrize("table, sensitive", [
    ("harm/category", True), ("harm/summary", True), ("harm/timing", True), ("emergency/origin", True),
    ("emergency/threat_type", True), ("emergency/timing", True), ("user_data/country", True),
    ("user_data/summary", False), ("user_data/legal_process", False), ("content/country", False),
    ("copyright/notices", False), ("actions/by_action", False),
])
def test_sensitive_tables_are_protected_in_any_range_that_is_not_a_standard_period(table, sensitive):
    section, key = table.split("/")
    assert disclosure.is_protected(disclosure.SENSITIVE, section, key, "any") is sensitive
    assert disclosure.is_protected(disclosure.ALL, section, key, "any")
    assert not disclosure.is_protected(disclosure.NONE, section, key, "any")


# Secondary suppression -------------------------------------------------------------------------------------------

#: Sums the public report shows, written out here independently of disclosure.relations:
#: (total, the pattern of its parts). Rows absent from a table count as zero.
SUMS = [
    ("overview/by_kind/all/received", r"overview/by_kind/(?!all/)[^/]+/received"),
    ("overview/by_kind/all/decided", r"overview/by_kind/(?!all/)[^/]+/decided"),
    ("overview/by_kind/emergency_disclosure/received", r"emergency/origin/[^/]+/cases"),
    ("emergency/origin/requested/cases", r"emergency/threat_type/[^/]+/requested"),
    ("emergency/origin/voluntary/cases", r"emergency/threat_type/[^/]+/voluntary"),
    ("overview/by_kind/harm_report/received", r"harm/category/[^/]+/received"),
    ("harm/summary/received/count", r"harm/category/[^/]+/received"),
    ("harm/summary/granted_or_partially_granted/count", r"harm/category/[^/]+/granted"),
    ("user_data/summary/received/count", r"user_data/country/[^/]+/received"),
    ("user_data/summary/granted/count", r"user_data/country/[^/]+/fully_complied"),
    ("overview/by_kind/user_data_request/received", r"user_data/country/[^/]+/received"),
    ("content/summary/received/count", r"content/country/[^/]+/received"),
    ("overview/by_kind/emergency_disclosure/decided", r"emergency/timing/received_to_decided/cases"),
]

SCENARIOS = {
    # One self-harm emergency among six violent ones: 7 requested - 6 violent = 1.
    "one self-harm among violent threats": lambda m: (
        emergency(m), *[emergency(m, c.ThreatType.INDIVIDUAL_VIOLENT) for _ in range(6)]),
    # One doxxing report among many harassment reports, on a busy day for content requests.
    "one doxxing among harassment": lambda m: (
        harm(m), *[harm(m, c.HarmCategory.HARASSMENT) for _ in range(8)], *[takedown(m) for _ in range(9)]),
    # One data request from a small country among many from another.
    "one data request from a small country": lambda m: (
        data_request(m, "LU"), *[data_request(m, "DE") for _ in range(6)], *[data_request(m, "FR") for _ in range(7)]),
    # Only emergencies that day: the day's total is the emergency count.
    "nothing but one emergency": lambda m: (emergency(m),),
}


def _withheld(value: str) -> bool:
    return value in (FEWER, HIDDEN)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
@pytest.mark.parametrize("total, parts", SUMS)
def test_secondary_suppression_never_leaves_a_withheld_figure_alone_in_a_sum(client, make_case, scenario, total,
                                                                             parts):
    SCENARIOS[scenario](make_case)
    figures = csv_cells(client, DAY)
    cells = [total, *[cell for cell in figures if re.fullmatch(parts, cell)]]
    withheld = [cell for cell in cells if _withheld(figures[cell])]
    assert len(withheld) != 1, f"{withheld[0]} = {total} minus the others"


def test_the_smallest_other_figure_of_a_sum_is_withheld_with_a_small_one(client, make_case):
    SCENARIOS["one self-harm among violent threats"](make_case)
    figures = csv_cells(client, DAY)
    assert figures[SELF_HARM] == FEWER
    assert figures["emergency/threat_type/individual_violent/requested"] == HIDDEN  # 6, or 7 - 6 = 1 shows
    assert figures[REQUESTED] == "7"  # the total stays exact: only its split is withheld


def test_percentages_and_medians_of_withheld_counts_are_hidden_and_notes_do_not_name_them(client, make_case):
    harm(make_case)
    emergency(make_case)
    figures = csv_cells(client, DAY)
    assert figures["emergency/origin/requested/percent_disclosed"] == HIDDEN
    assert figures["emergency/timing/received_to_decided/median_hours"] == HIDDEN
    assert figures["harm/summary/received/percent"] == HIDDEN
    assert figures["harm/category/doxxing/percent_granted"] == HIDDEN
    assert figures["harm/timing/received_to_first_response/median_hours"] == HIDDEN
    assert figures["overview/by_kind/emergency_disclosure/median_days"] == HIDDEN
    assert figures["emergency/origin/voluntary/percent_disclosed"] == ""  # no value stays no value
    harm_tables = next(s["tables"] for s in json_report(client, DAY)["sections"] if s["key"] == "harm")
    notes = {t["key"]: t["note"] for t in harm_tables}
    assert "Percentages are of those received" in notes["summary"]
    assert not re.search(r"\d", notes["summary"])


def test_charts_leave_out_the_bars_of_withheld_figures(client, make_case):
    SCENARIOS["one data request from a small country"](make_case)
    html = page(client, DAY)
    chart = html.split('id="chart-user_data-country"', 1)[1].split("</svg>", 1)[0]
    assert "France: 7" in chart and "are not drawn" in chart
    assert "Luxembourg" not in chart and "Germany" not in chart  # 1, and the 6 withheld with it


# Staff see exact figures; the cache keeps the two apart --------------------------------------------------------------

@pytest.mark.parametrize("role, query, exact", [
    ("reviewer", "?exact=1", True),
    ("legal approver", "?exact=1", True),
    ("trust and safety", "?exact=1", True),
    ("reviewer", "", False),  # staff see what the public sees unless they ask
    ("auditor", "?exact=1", False),  # no cases.access_private_data
    ("intake", "?exact=1", False),
    (None, "?exact=1", False),  # anyone else: the parameter is ignored
])
@pytest.mark.parametrize("fmt", ["html", "csv", "json"])
def test_staff_who_may_see_private_data_see_exact_figures_when_they_ask(client, make_case, make_staff, role, query,
                                                                         exact, fmt):
    emergency(make_case)
    if role:
        client.force_login(make_staff(role))
    assert shown_in(fmt, client, DAY, SELF_HARM, query) == (EXACT_ONE_AS if exact else WITHHELD_AS)[fmt]


@pytest.mark.parametrize("path", ["", "report.csv", "report.json", "dsa-template.csv"])
def test_exact_figures_are_never_kept_in_shared_or_browser_caches(client, make_case, make_staff, path):
    emergency(make_case)
    client.force_login(make_staff("reviewer"))
    assert client.get(f"/en/transparency/{DAY}/{path}?exact=1")["Cache-Control"] == "private, no-store"
    assert "no-store" not in client.get(f"/en/transparency/2024-H1/{path}").get("Cache-Control", "")


def test_staff_see_a_link_to_the_exact_figures_and_a_warning_on_them(client, make_case, make_staff):
    emergency(make_case)
    client.force_login(make_staff("reviewer"))
    assert f"/en/transparency/{DAY}/?exact=1" in page(client, DAY)
    exact = page(client, DAY, "?exact=1")
    assert "shown to staff only" in exact and "no one can be singled out" not in exact
    assert f"/en/transparency/{DAY}/report.csv?exact=1" in exact
    assert "?exact=1" not in page(client, "2024-H1")  # nothing to show: the half-year is exact


@pytest.mark.two_factor
def test_staff_must_have_a_verified_second_factor_to_see_exact_figures(client, make_case, make_staff, verified_login):
    emergency(make_case)
    reviewer = make_staff("reviewer")
    client.force_login(reviewer)
    assert csv_cells(client, DAY, "?exact=1")[SELF_HARM] == FEWER
    verified_login(client, reviewer)
    assert csv_cells(client, DAY, "?exact=1")[SELF_HARM] == "1"


@pytest.mark.parametrize("first", ["staff", "public"])
def test_the_cache_never_serves_exact_figures_to_the_public_nor_public_ones_to_staff(client, make_case, make_staff,
                                                                                      first):
    from django.test import Client

    emergency(make_case)
    staff, public = Client(), Client()
    staff.force_login(make_staff("reviewer"))
    order = [("staff", staff), ("public", public)]
    for who, browser in order if first == "staff" else reversed(order):
        for fmt in ("html", "csv", "json"):
            expected = EXACT_ONE_AS if who == "staff" else WITHHELD_AS
            assert shown_in(fmt, browser, DAY, SELF_HARM, "?exact=1") == expected[fmt], (who, fmt)


def test_the_cache_holds_only_the_public_report_and_checks_it(make_case, monkeypatch):
    from rightsdesk.reports import cache

    emergency(make_case)
    period = parse_period(DAY)
    cell = ("emergency", "threat_type", "suicide_self_harm", "requested")
    assert cached_report(period).disclosure.public
    assert isinstance(cached_report(period).value(*cell), Withheld)
    assert cached_report(period, exact=True).value(*cell) == 1
    # Even if an exact report were found under the public key, the public would not get it.
    monkeypatch.setattr(cache, "cached", lambda name, compute, *keyed_by: build_report(period))
    assert isinstance(cached_report(period).value(*cell), Withheld)


# The EU DSA template stays exact --------------------------------------------------------------------------------------

def dsa_figures(text: str) -> dict[tuple, str]:
    return {tuple(row[:4]): row[4] for row in list(csv.reader(io.StringIO(text, newline="")))[1:]}


@pytest.mark.parametrize("slug, role, status", [
    ("2024-H1", None, 200),
    ("2024", None, 200),
    (DAY, None, 404),  # exact, so not offered to the public for a custom range
    (DAY, "reviewer", 200),  # staff, with ?exact=1
])
def test_the_dsa_template_is_exact_and_public_for_half_years_and_years_only(client, make_case, make_staff, slug, role,
                                                                             status):
    emergency(make_case)
    if role:
        client.force_login(make_staff(role))
    response = client.get(f"/en/transparency/{slug}/dsa-template.csv" + ("?exact=1" if role else ""))
    assert response.status_code == status
    if status == 200:
        figures = dsa_figures(response.content.decode("utf-8"))
        assert figures[("orders_to_provide_information", "DE", "ALL", "orders")] == "1"
        assert figures[("orders_to_provide_information", "ALL", "ALL", "orders")] == "1"


def test_the_page_links_the_dsa_template_only_where_the_public_can_have_it(client, make_case):
    emergency(make_case)
    assert "dsa-template.csv" in page(client, "2024-H1")
    assert "dsa-template.csv" not in page(client, DAY)


# The report command ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("options, expected", [({}, FEWER), ({"exact": True}, "1")])
def test_the_report_command_withholds_small_figures_unless_asked_for_exact_ones(tmp_path, make_case, options,
                                                                                 expected):
    emergency(make_case)
    call_command("report", period=DAY, out=str(tmp_path), formats=["csv", "json", "html"], **options)
    rows = list(csv.reader((tmp_path / f"transparency-report-{DAY}.csv").open(newline="", encoding="utf-8")))
    assert {"/".join(row[:4]): row[4] for row in rows[1:]}[SELF_HARM] == expected
    data = json.loads((tmp_path / f"transparency-report-{DAY}.json").read_text(encoding="utf-8"))
    assert data["disclosure"]["exact"] is (expected == "1")
    html = (tmp_path / f"transparency-report-{DAY}.html").read_text(encoding="utf-8")
    assert f'data-cell="{SELF_HARM}" data-value="{expected.replace("<", "&lt;")}"' in html


def test_the_report_command_writes_the_exact_dsa_template_of_a_custom_range_only_with_exact(tmp_path, make_case):
    emergency(make_case)
    call_command("report", period=DAY, out=str(tmp_path / "all"), formats=None)
    assert not (tmp_path / "all" / f"dsa-transparency-template-{DAY}.csv").exists()
    with pytest.raises(CommandError, match="--exact"):
        call_command("report", period=DAY, out=str(tmp_path / "dsa"), formats=["dsa-template"])
    call_command("report", period=DAY, out=str(tmp_path / "dsa"), formats=["dsa-template"], exact=True)
    figures = dsa_figures((tmp_path / "dsa" / f"dsa-transparency-template-{DAY}.csv").read_text(encoding="utf-8"))
    assert figures[("orders_to_provide_information", "DE", "ALL", "orders")] == "1"


# The rule covers the whole report -----------------------------------------------------------------------------------

def test_every_table_of_the_report_is_in_a_sum_of_the_rule_or_declared_to_have_none(make_case):
    for kind in c.Kind.values:  # a case of every kind, so that every breakdown has a row
        make_case(kind, received_at=NOON)
    report = build_report(parse_period(DAY))
    tables = {(s.key, t.key) for s in report.sections for t in s.tables}
    columns = {(s.key, t.key, col.key): col.unit for s in report.sections for t in s.tables for col in t.columns}
    in_sums = {cell[:2] for cells in disclosure.relations(report) for cell in cells}
    assert tables - in_sums == set(disclosure.NO_SUMS)
    for cells in disclosure.relations(report):
        for section, table, _row, column in cells:
            assert columns[(section, table, column)] == COUNT, (section, table, column)


@pytest.fixture(scope="module")
def demo_ranges(demo_data, django_db_blocker):  # noqa: F811
    """The public reports of a week, a quarter and seven months of the demo, next to the exact ones."""
    from rightsdesk.reports.disclosure import disclose

    with django_db_blocker.unblock():
        out = {}
        for slug in ["2026-02-02..2026-02-08", "2026-01-01..2026-03-31", "2025-08-01..2026-02-28"]:
            exact = build_report(parse_period(slug))
            out[slug] = (exact, disclose(exact))
        return out


@pytest.mark.parametrize("slug", ["2026-02-02..2026-02-08", "2026-01-01..2026-03-31", "2025-08-01..2026-02-28"])
def test_on_the_demo_no_protected_count_from_1_to_4_is_published_and_no_sum_has_one_unknown(demo_ranges, slug):
    exact, public = demo_ranges[slug]
    level = disclosure.protection(exact.period)
    assert level != "none"
    published = {cell[:4]: cell[4] for cell in public.cells()}
    units = {(s.key, t.key, col.key): col.unit for s in public.sections for t in s.tables for col in t.columns}
    assert public.disclosure.withheld == sum(isinstance(v, Withheld) for v in published.values()) > 0
    for (section, table, row, column), value in published.items():
        if units[(section, table, column)] == COUNT and disclosure.is_protected(level, section, table, row):
            assert not (isinstance(value, int) and 0 < value < 5), (section, table, row, column, value)
    for cells in disclosure.relations(exact):
        present = [cell for cell in cells if cell in published]
        assert sum(isinstance(published[cell], Withheld) for cell in present) != 1, present
    for cell, value in published.items():  # what is shown is exact
        if not isinstance(value, Withheld):
            assert value == exact.value(*cell), cell
