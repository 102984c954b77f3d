"""The report arranged for the HTML page: formatted cells and charts, raw values kept alongside.

Each cell carries its raw value in the same spelling as the CSV (``csv_value``),
so tests (and anyone scraping the page) can check the page against the files.
A figure withheld by the no-singling-out rule (``disclosure``) reads "fewer
than 5" or "hidden", and is left out of the chart.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .charts import chart_title, table_chart
from . import disclosure
from .structure import DAYS, HOURS, PERCENT, Report, Table, Withheld, csv_value


def display(value, unit: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, Withheld):
        return disclosure.display(value)
    if unit == PERCENT:
        return f"{number_format(value, 1, use_l10n=True)} %"
    if unit in (DAYS, HOURS):
        return number_format(value, 1, use_l10n=True)
    return number_format(value, use_l10n=True, force_grouping=True)


def chart(section_key: str, table: Table, *, rtl: bool = False):
    """The table's bar chart; bars of withheld figures are not drawn (their length would tell the figure)."""
    if not table.chart:
        return None
    if not any(isinstance(row.values.get(table.chart), Withheld) for row in table.rows):
        return table_chart(section_key, table, rtl=rtl)
    return table_chart(section_key, table, rtl=rtl, leave_out=lambda value: isinstance(value, Withheld),
                       note=_("Rows shown as “fewer than 5” or “hidden” in the table are not drawn."))


def page_sections(report: Report, *, rtl: bool = False) -> list[dict]:
    sections = []
    for section in report.sections:
        tables = []
        for table in section.tables:
            rows = []
            for row in table.rows:
                cells = []
                for col in table.columns:
                    value = row.values.get(col.key)
                    cells.append({
                        "id": f"{section.key}/{table.key}/{row.key}/{col.key}",
                        "value": csv_value(value), "display": display(value, col.unit), "empty": value is None,
                        "withheld": isinstance(value, Withheld),
                    })
                rows.append({"key": row.key, "label": row.label, "cells": cells})
            tables.append({
                "key": table.key, "title": table.title, "note": table.note, "columns": table.columns, "rows": rows,
                "chart": chart(section.key, table, rtl=rtl), "anchor": f"{section.key}-{table.key}",
                "chart_title": chart_title(table) if table.chart else "",
            })
        sections.append({"key": section.key, "title": section.title, "intro": section.intro, "tables": tables})
    return sections
