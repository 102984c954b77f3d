"""Entry point kept for callers that expect ``transparency.report``; the code lives in ``reporting``."""

from .reporting import CSV_HEADER, Report, build_report, csv_value, to_csv, to_json  # noqa: F401
