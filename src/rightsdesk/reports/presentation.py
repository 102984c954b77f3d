"""The report arranged for the HTML page: formatted cells and charts, raw values kept alongside.

Each cell carries its raw value in the same spelling as the CSV (``csv_value``),
so tests (and anyone scraping the page) can check the page against the files.
A figure withheld by the no-singling-out rule (``disclosure``) reads "fewer
than 5" or "hidden", and is left out of the chart.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from rightsdesk.core.bidi import ltr_text

from .charts import chart_title, share_chart, table_chart
from . import disclosure, numbers
from .structure import COUNT, DAYS, HOURS, PERCENT, Report, Table, Value, Withheld, csv_value

#: The columns a share chart splits: the part granted of those received (granted_breakdown, requester tables).
SHARE_COLUMNS = ("granted", "received")


def display(value, unit: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, Withheld):
        return disclosure.display(value)
    if unit == PERCENT:
        return f"{numbers.one_decimal(value)} %"
    if unit in (DAYS, HOURS):
        return numbers.one_decimal(value)
    return numbers.count(value)


def chart(section_key: str, table: Table, *, rtl: bool = False):
    """The table's bar chart; bars of withheld figures are not drawn (their length would tell the figure)."""
    if not table.chart:
        return None
    if not any(isinstance(row.values.get(table.chart), Withheld) for row in table.rows):
        return table_chart(section_key, table, rtl=rtl)
    return table_chart(section_key, table, rtl=rtl, leave_out=lambda value: isinstance(value, Withheld),
                       note=_("Rows shown as “fewer than 5” or “hidden” in the table are not drawn."))


def change(current: Value, previous: Value, unit: str) -> tuple[float | None, float | None]:
    """(absolute change, percent change) from the previous period's figure to this one's.

    No change where either figure is missing or withheld; no percent change where the previous figure is 0, nor
    for figures that are themselves percentages or durations (their absolute change says it: points, days, hours).
    """
    if current is None or previous is None or isinstance(current, Withheld) or isinstance(previous, Withheld):
        return None, None
    absolute = round(current - previous, 2)
    if unit != COUNT or previous == 0:
        return absolute, None
    return absolute, round(100 * (current - previous) / previous, 1)


def signed(value: float, unit: str) -> str:
    text = display(abs(value), COUNT if unit == COUNT else DAYS)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def change_display(absolute: float | None, relative: float | None, unit: str) -> str:
    """"+3 (+33.3 %)", "−1.5" (days, hours) or "+2.5 points" (a share); "" when there is no change to tell."""
    if absolute is None:
        return ""
    text = signed(absolute, unit)
    if relative is not None:
        text += f" ({signed(relative, DAYS)} %)"
    if unit == PERCENT:
        return _("%(change)s points") % {"change": ltr_text(text)}
    return ltr_text(text)


def share_title(table: Table) -> str:
    return _("%(table)s: share granted") % {"table": table.title}


def share(section_key: str, table: Table, *, rtl: bool = False):
    """The share chart of a table with a part granted of those received; withheld rows are not drawn."""
    keys = {col.key for col in table.columns}
    part, whole = SHARE_COLUMNS
    if not {part, whole} <= keys or len(table.rows) < 2:
        return None
    granted = next(col.label for col in table.columns if col.key == part)
    bars, left_out = [], False
    for row in table.rows:
        p, w = row.values.get(part), row.values.get(whole)
        if isinstance(p, Withheld) or isinstance(w, Withheld):
            left_out = True
            continue
        bars.append((row.label, p or 0, w or 0))
    return share_chart(
        chart_id=f"share-{section_key}-{table.key}", title=share_title(table),
        bars=bars, part_label=granted, rest_label=_("Not granted (refused, invalid, withdrawn or pending)"), rtl=rtl,
        note=_("Rows shown as “fewer than 5” or “hidden” in the table are not drawn.") if left_out else "")


def page_sections(report: Report, *, rtl: bool = False, previous: Report | None = None) -> list[dict]:
    """The sections as the page shows them; with ``previous`` (the report of the period before, disclosed alike),
    each cell also carries that period's figure and the change."""
    before = {cell[:4]: cell[4] for cell in previous.cells()} if previous else {}
    sections = []
    for section in report.sections:
        tables = []
        for table in section.tables:
            rows = []
            for row in table.rows:
                cells = []
                for col in table.columns:
                    value = row.values.get(col.key)
                    cell = {
                        "id": f"{section.key}/{table.key}/{row.key}/{col.key}",
                        "value": csv_value(value), "display": display(value, col.unit), "empty": value is None,
                        "withheld": isinstance(value, Withheld),
                    }
                    if previous is not None:
                        old = before.get((section.key, table.key, row.key, col.key))
                        absolute, relative = change(value, old, col.unit)
                        cell.update({
                            "previous": csv_value(old), "previous_display": display(old, col.unit),
                            "change": "" if absolute is None else csv_value(absolute),
                            "change_percent": "" if relative is None else csv_value(relative),
                            "change_display": change_display(absolute, relative, col.unit),
                        })
                    cells.append(cell)
                rows.append({"key": row.key, "label": row.label, "cells": cells})
            tables.append({
                "key": table.key, "title": table.title, "note": table.note, "columns": table.columns, "rows": rows,
                "chart": chart(section.key, table, rtl=rtl), "share_chart": share(section.key, table, rtl=rtl),
                "share_chart_title": share_title(table),
                "anchor": f"{section.key}-{table.key}",
                "chart_title": chart_title(table) if table.chart else "",
            })
        sections.append({"key": section.key, "title": section.title, "intro": section.intro, "tables": tables})
    return sections
