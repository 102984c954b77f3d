"""The report arranged for the HTML page: formatted cells and charts, raw values kept alongside.

Each cell carries its raw value in the same spelling as the CSV (``csv_value``),
so tests (and anyone scraping the page) can check the page against the files.
"""

from __future__ import annotations

from django.utils.formats import number_format

from ..charts import table_chart
from .structure import DAYS, HOURS, PERCENT, Report, csv_value


def display(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == PERCENT:
        return f"{number_format(value, 1, use_l10n=True)} %"
    if unit in (DAYS, HOURS):
        return number_format(value, 1, use_l10n=True)
    return number_format(value, use_l10n=True, force_grouping=True)


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
                    })
                rows.append({"key": row.key, "label": row.label, "cells": cells})
            tables.append({
                "key": table.key, "title": table.title, "note": table.note, "columns": table.columns, "rows": rows,
                "chart": table_chart(section.key, table, rtl=rtl), "anchor": f"{section.key}-{table.key}",
            })
        sections.append({"key": section.key, "title": section.title, "intro": section.intro, "tables": tables})
    return sections
