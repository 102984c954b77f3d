"""``rightsdesk report --period 2025-H1 --format html|csv|json|dsa-template|eu-xlsx|eu-csv --out DIR [--exact]``.

The files are what the public report shows: the no-singling-out rule
(``reports.disclosure``) applies to the page, CSV and JSON, so a short or
custom range has its small figures withheld. ``--exact`` writes the exact
figures instead, for staff; they are not to be published for such a range.
The EU DSA template and the EU harmonised templates (``eu-xlsx``: the
workbook; ``eu-csv``: its sheets as CSV files in a zip) are always exact, so
for a range that is not a half-year or a year they are written only with
``--exact``.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand, language_option
from django.template.loader import render_to_string
from django.utils import translation

from rightsdesk.reports import dsa_template, eu_workbook
from rightsdesk.reports.periods import PeriodError, parse_period
from rightsdesk.reports import disclosure
from rightsdesk.reports.sections import build_report
from rightsdesk.reports.structure import to_csv, to_json
from rightsdesk.reports.presentation import page_sections

FORMATS = ("html", "csv", "json", "dsa-template", "eu-xlsx", "eu-csv")
#: Always exact: written for half-years and years, or with --exact.
EXACT_FORMATS = ("dsa-template", "eu-xlsx", "eu-csv")


def file_name(fmt: str, slug: str) -> str:
    if fmt == "dsa-template":
        return f"dsa-transparency-template-{slug}.csv"
    if fmt == "eu-xlsx":
        return f"eu-transparency-templates-{slug}.xlsx"
    if fmt == "eu-csv":
        return f"eu-transparency-templates-{slug}-csv.zip"
    return f"transparency-report-{slug}.{fmt}"


def inline_css() -> str:
    """The site's and the report's stylesheets, so the HTML file stands alone."""
    parts = []
    for name in ("rightsdesk/site.css", "reports/report.css"):
        found = finders.find(name)
        if found:
            parts.append(Path(found).read_text(encoding="utf-8"))
    return "\n".join(parts)


class Command(BaseCommand):
    help = "Write the transparency report of a period as HTML, CSV, JSON or the EU DSA template (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True,
                            help="2025-H1, 2025-H2, 2025, or a range of days 2025-01-01..2025-03-31 (both included).")
        parser.add_argument("--format", action="append", choices=FORMATS + ("all",), dest="formats",
                            help="html, csv, json, dsa-template, eu-xlsx or eu-csv; repeat it, or 'all'. "
                                 "Default: all.")
        parser.add_argument("--out", required=True, help="Directory to write the files into (created if missing).")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE,
                            help="Language of the HTML page and the labels in the JSON (default: %(default)s).")
        parser.add_argument("--exact", action="store_true",
                            help="Exact figures for any period, for staff: without it a range that is not a half-year "
                                 "or a year has small figures withheld, as on the public report, and no DSA template.")

    def handle(self, *args, period, formats, out, language, exact=False, **options):
        try:
            period = parse_period(period)
        except PeriodError as exc:
            raise CommandError(exc.message) from None
        language = language_option(language)
        every = not formats or "all" in formats
        formats = list(FORMATS) if every else list(dict.fromkeys(formats))
        exact_only = [f for f in formats if f in EXACT_FORMATS]
        if exact_only and not exact and not disclosure.is_standard(period):
            if not every:
                raise CommandError(f"The EU DSA templates are exact, so {', '.join(exact_only)} is written for "
                                   f"{period.slug} only with --exact (without it, only for half-years and years).")
            for fmt in exact_only:
                formats.remove(fmt)
            self.stdout.write(f"Not writing the EU DSA templates: {period.slug} is not a half-year or a year "
                              f"(--exact writes them).")
        directory = Path(out)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"Cannot create the output directory {directory}: {exc.strerror}.") from None
        with translation.override(language):
            report = build_report(period) if set(formats) - set(EXACT_FORMATS) else None
            eu_sheets = eu_workbook.sheets(period) if {"eu-xlsx", "eu-csv"} & set(formats) else None
            if report is not None and not exact:
                report = disclosure.disclose(report)
            protected = disclosure.protection(period) != disclosure.NONE
            for fmt in formats:
                if fmt == "html":
                    content = render_to_string("reports/report_document.html", {
                        "report": report, "period": period, "sections": page_sections(report, rtl=translation.get_language_bidi()),
                        "platform_name": settings.RIGHTSDESK["PLATFORM_NAME"], "inline_css": inline_css(),
                        "exact_view": exact and protected,
                    })
                elif fmt == "csv":
                    content = to_csv(report)
                elif fmt == "json":
                    content = to_json(report)
                elif fmt in ("eu-xlsx", "eu-csv"):
                    target = directory / file_name(fmt, period.slug)
                    writer = eu_workbook.to_xlsx if fmt == "eu-xlsx" else eu_workbook.to_csv_zip
                    target.write_bytes(writer(eu_sheets))
                    self.stdout.write(f"Wrote {target}")
                    continue
                else:
                    content = dsa_template.to_csv(period)
                target = directory / file_name(fmt, period.slug)
                # newline="" keeps the CSV's CRLF line ends as they are (RFC 4180).
                target.write_text(content, encoding="utf-8", newline="")
                self.stdout.write(f"Wrote {target}")
