"""The period report's entry point: computed from the cases of a period, written as a page, CSV and JSON.

``build_report(period)`` returns a :class:`~.structure.Report` (sections ->
tables -> rows); ``to_csv`` and ``to_json`` write it. See docs/report-format.md.
Its figures are exact: what the public sees goes through ``disclosure.disclose``
first (no singling out in short and custom ranges).
"""

from .sections import build_report
from .structure import CSV_HEADER, Report, csv_value, to_csv, to_json

__all__ = ["build_report", "Report", "to_csv", "to_json", "csv_value", "CSV_HEADER"]
