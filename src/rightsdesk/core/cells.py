"""Cells of the CSV files and workbooks we write: text is kept as text, never run as a formula. One home.

A spreadsheet opening a CSV runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or a
carriage return) as a formula: a notice's title, a law's name in the registry or a reviewer's qualitative answer
that begins so would run on the machine of whoever opens the file (CSV injection, CWE-1236). OWASP's remedy is
applied to text only: such a cell is written with a leading apostrophe, which spreadsheets show as text and do not
keep. Figures, and text that is a plain number ("-3.2", "+5"), are written as they are.

In a workbook (openpyxl) a text cell is marked as text instead, so the text stays exactly as written: openpyxl would
otherwise store a value beginning with ``=`` as a formula.

Machine-readable copies (JSON Lines, Parquet, JSON) carry the text as it is; only the files a person opens in a
spreadsheet go through here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value: Any) -> Any:
    """``value`` as a CSV cell: text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(value) for value in values]


def keep_text(cells) -> None:
    """Mark the text cells of a written workbook row (openpyxl cells) as text: none is stored as a formula."""
    for cell in cells:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"
