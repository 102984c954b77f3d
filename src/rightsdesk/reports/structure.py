"""The shape of a report: sections -> tables -> rows -> one value per column.

The web page, the CSV file and the JSON file are all written from this one
structure, so they cannot disagree. Keys (``section``, ``table``, ``row``,
``column``) are stable identifiers that open-data users can rely on across
periods and languages; labels are translated for people.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterator, Union

from rightsdesk.core.cells import csv_row

from .periods import Period


@dataclass(frozen=True)
class Withheld:
    """A figure a public report does not show, so that no one can be singled out.

    ``reports/disclosure.py`` decides which figures are withheld (see
    docs/report-format.md, "No singling out"); ``shown`` is what every
    output writes instead of the number: ``"<5"`` for a count from 1 to 4,
    ``"hidden"`` for any other figure withheld along with one.
    """

    shown: str


Value = Union[int, float, None, Withheld]

#: What a column holds; the page formats by it, the files keep the raw value.
COUNT, PERCENT, DAYS, HOURS = "count", "percent", "days", "hours"


@dataclass
class Column:
    key: str
    label: str
    unit: str = COUNT


@dataclass
class Row:
    key: str
    label: str
    values: dict[str, Value]


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    #: Definitions and the denominator of any percentage, shown under the table.
    note: str = ""
    #: The column drawn as a bar chart on the page, if any.
    chart: str | None = None
    #: What the chart shows, when the table's title says more than that (e.g. also times the chart does not draw).
    chart_title: str = ""
    #: What the rows are ("countries", "projects"): past the largest bars the chart draws one bar for the rest.
    chart_rest: str = ""
    #: (row, column) of the figure every percentage of the table is a share of, when they share one.
    denominator: tuple[str, str] | None = None
    #: The note to show instead of ``note`` when that figure is withheld (``note`` names it).
    note_if_withheld: str = ""

    def value(self, row: str, column: str) -> Value:
        for r in self.rows:
            if r.key == row:
                return r.values.get(column)
        raise KeyError(f"{self.key} has no row {row!r}")


@dataclass
class Section:
    key: str
    title: str
    intro: str
    tables: list[Table]

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(f"{self.key} has no table {key!r}")


@dataclass(frozen=True)
class Disclosure:
    """Which figures of a report are exact; set by ``reports.disclosure.disclose``.

    A report as computed (``build_report``) is exact and not yet fit for the
    public (``public=False``); only a report that went through the rule is.
    """

    #: The no-singling-out rule was applied: this report may be shown to anyone.
    public: bool = False
    #: Which figures the rule protects in this period: "none", "sensitive" or "all".
    protected: str = "none"
    #: How many figures are withheld.
    withheld: int = 0
    #: Counts from 1 to threshold - 1 are withheld (0 when nothing is protected).
    threshold: int = 0

    def as_dict(self) -> dict:
        return {"public": self.public, "exact": self.withheld == 0, "protected": self.protected,
                "withheld": self.withheld, "threshold": self.threshold or None}


@dataclass
class Report:
    period: Period
    generated_at: datetime
    sections: list[Section]
    #: Exact as computed, or with some figures withheld for the public.
    disclosure: Disclosure = field(default_factory=Disclosure)

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(f"The report has no section {key!r}")

    def value(self, section: str, table: str, row: str, column: str) -> Value:
        return self.section(section).table(table).value(row, column)

    def cells(self) -> Iterator[tuple[str, str, str, str, Value]]:
        """Every figure as (section, table, row, column, value), in page order."""
        for s in self.sections:
            for t in s.tables:
                for r in t.rows:
                    for col in t.columns:
                        yield s.key, t.key, r.key, col.key, r.values.get(col.key)

    def as_dict(self) -> dict:
        return {
            "format": "rightsdesk-transparency-report",
            "version": 1,
            "period": self.period.as_dict(),
            "generated_at": self.generated_at.isoformat(),
            "disclosure": self.disclosure.as_dict(),
            "sections": [
                {
                    "key": s.key, "title": s.title, "intro": s.intro,
                    "tables": [
                        {
                            "key": t.key, "title": t.title, "note": t.note,
                            "columns": [{"key": col.key, "label": col.label, "unit": col.unit} for col in t.columns],
                            "rows": [
                                {"key": r.key, "label": r.label,
                                 "values": {col.key: json_value(r.values.get(col.key)) for col in t.columns}}
                                for r in t.rows
                            ],
                        }
                        for t in s.tables
                    ],
                }
                for s in self.sections
            ],
        }


CSV_HEADER = ["section", "table", "row", "column", "value"]


def json_value(value: Value):
    """A figure in the JSON: the number, null for no value, or an object for a withheld figure."""
    if isinstance(value, Withheld):
        return {"value": None, "suppressed": True, "shown": value.shown}
    return value


def csv_value(value: Value) -> str:
    """How a figure is written in the CSV: integers as digits, decimals with a dot, no value as empty,
    a withheld figure as ``<5`` or ``hidden``."""
    if value is None:
        return ""
    if isinstance(value, Withheld):
        return value.shown
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(report: Report) -> str:
    """RFC 4180: a header row, CRLF line ends, quoting where needed. Encode as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for cell in report.cells():
        writer.writerow([*csv_row(cell[:4]), csv_value(cell[4])])
    return buffer.getvalue()


def to_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"
