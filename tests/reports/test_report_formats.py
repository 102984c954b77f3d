"""The page, the CSV and the JSON carry the same figures, and none of them anything private."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from rightsdesk.cases.models import Case, Party, TargetItem
from rightsdesk.reports.disclosure import disclose
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report
from rightsdesk.reports.structure import csv_value
from tests.reports.report_fixtures import demo_data  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]
PERIOD = "2026-H1"


class CellParser(HTMLParser):
    """Collects data-cell -> (data-value, shown text) from the report page, and the SVG charts."""

    def __init__(self):
        super().__init__()
        self.cells, self.current, self.text = {}, None, []
        self.svgs, self.titles_in_svg, self.in_svg = [], [], False
        self.in_previous = False  # the previous period's figure under a cell is not the cell's figure

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and "data-cell" in attrs:
            self.current, self.text = (attrs["data-cell"], attrs["data-value"]), []
        if tag == "span" and attrs.get("class") == "report-prev":
            self.in_previous = True
        if tag == "svg":
            self.svgs.append(attrs)
            self.in_svg = True

    def handle_endtag(self, tag):
        if tag == "td":
            self.in_previous = False
        if tag == "td" and self.current:
            self.cells[self.current[0]] = (self.current[1], "".join(self.text).strip())
            self.current = None
        if tag == "svg":
            self.in_svg = False

    def handle_data(self, data):
        if self.current and not self.in_previous:
            self.text.append(data)


def report_cells():
    """The figures the public may see: a half-year is exact but for the sections protected in every period
    (crisis, legal support), whose counts from 1 to 4 are withheld (reports.disclosure)."""
    report = disclose(build_report(parse_period(PERIOD)))
    return {"/".join(cell[:4]): csv_value(cell[4]) for cell in report.cells()}


def test_the_csv_download_is_rfc_4180_with_one_line_per_figure(client):
    response = client.get(f"/en/transparency/{PERIOD}/report.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content.decode("utf-8")
    assert raw.startswith("section,table,row,column,value\r\n")
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert all(len(row) == 5 for row in rows)
    assert {"/".join(row[:4]): row[4] for row in rows[1:]} == report_cells()


def test_the_json_download_has_the_same_figures_as_the_csv(client):
    response = client.get(f"/en/transparency/{PERIOD}/report.json")
    assert response.status_code == 200
    data = json.loads(response.content.decode("utf-8"))
    assert data["period"]["slug"] == PERIOD and data["period"]["start"].startswith("2026-01-01")
    from_json = {}
    for section in data["sections"]:
        for table in section["tables"]:
            assert table["title"] and table["columns"]
            for row in table["rows"]:
                assert row["label"]
                for column, value in row["values"].items():
                    if isinstance(value, dict) and value.get("suppressed"):
                        value = value["shown"]  # a withheld figure: {"value": null, "suppressed": true, "shown": "<5"}
                    from_json["/".join([section["key"], table["key"], row["key"], column])] = csv_value(value)
    assert from_json == report_cells()


def test_the_page_shows_the_same_figures_as_the_files(client):
    response = client.get(f"/en/transparency/{PERIOD}/")
    assert response.status_code == 200
    parser = CellParser()
    parser.feed(response.content.decode("utf-8"))
    assert {cell: value for cell, (value, _shown) in parser.cells.items()} == report_cells()
    for cell, (value, shown) in parser.cells.items():
        if re.fullmatch(r"\d+", value):
            assert shown == f"{int(value):,}", cell  # counts as written for people, e.g. 1,234
        elif value == "":
            assert "no value" in shown, cell


def test_the_page_links_the_downloads_and_draws_accessible_svg_charts(client):
    html = client.get(f"/en/transparency/{PERIOD}/").content.decode("utf-8")
    for name in ("report.csv", "report.json", "dsa-template.csv"):
        assert f"/en/transparency/{PERIOD}/{name}" in html
    parser = CellParser()
    parser.feed(html)
    assert len(parser.svgs) >= 8
    for svg in parser.svgs:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert f'<title id="{title_id}">' in html and f'<desc id="{desc_id}">' in html
    assert "<script" not in html.split("<main", 1)[1]  # the charts need no JavaScript


def test_the_arabic_page_is_right_to_left_translated_and_mirrors_its_charts(client):
    html = client.get(f"/ar/transparency/{PERIOD}/").content.decode("utf-8")
    assert '<html lang="ar" dir="rtl"' in html
    assert 'direction="rtl"' in html
    assert "Content alteration and takedown requests" not in html  # translated
    assert "طلبات" in html


def test_the_index_lists_the_half_years_with_links(client):
    html = client.get("/en/transparency/").content.decode("utf-8")
    for slug in ("2025-H2", "2026-H1", "2026-H2"):
        assert f"/en/transparency/{slug}/" in html
    assert "in progress" in html


def test_the_index_turns_a_range_of_days_into_a_report_link(client):
    response = client.get("/en/transparency/", {"from": "2025-10-01", "to": "2025-12-31"})
    assert response.status_code == 302
    assert response["Location"] == "/en/transparency/2025-10-01..2025-12-31/"
    assert client.get(response["Location"]).status_code == 200


def test_a_backwards_range_is_refused_with_a_message(client):
    response = client.get("/en/transparency/", {"from": "2025-12-31", "to": "2025-10-01"})
    assert response.status_code == 200
    assert "The last day (2025-10-01) is before the first day (2025-12-31)" in response.content.decode()


def test_a_period_that_is_not_a_real_date_is_not_found(client):
    assert client.get("/en/transparency/2025-02-30..2025-03-01/").status_code == 404
    assert client.get("/en/transparency/2025-H3/").status_code == 404


def private_values() -> set[str]:
    values = set()
    for row in Party.objects.values_list("name", "email", "phone", "postal_address", "account_name", "official_title"):
        values.update(v for v in row if v and len(v) >= 6)
    for row in TargetItem.objects.values_list("account_name", "disclosed_fields"):
        if row[0] and len(row[0]) >= 6:
            values.add(row[0])
    values.update(d for d in Case.objects.values_list("description", flat=True) if d)
    return values


def test_nothing_private_appears_in_any_report_output(client):
    private = private_values()
    assert len(private) > 200
    outputs = [client.get(f"/{lang}/transparency/{PERIOD}/{name}").content.decode("utf-8")
               for lang in ("en", "ar") for name in ("", "report.csv", "report.json", "dsa-template.csv")]
    outputs.append(client.get("/en/transparency/").content.decode("utf-8"))
    for output in outputs:
        leaked = [value for value in private if value in output]
        assert not leaked, leaked[:5]
