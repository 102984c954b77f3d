"""What the staff and public analytics pages share: the period form, the page, the CSV and the JSON."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from rightsdesk.core.errors import DomainError
from rightsdesk.reports.disclosure import disclose
from rightsdesk.reports.presentation import page_sections
from rightsdesk.reports.charts import bar_chart, chart_title
from rightsdesk.reports.structure import Withheld, to_csv

from . import figures

FORMATS = ("html", "csv", "json")


def respond(request, facts, *, exact: bool, template: str, base_name: str, extra: dict | None = None,
            fmt: str = "html") -> HttpResponse:
    """The analytics of the ``period`` query parameter, exact or through the no-singling-out rule."""
    error = ""
    try:
        period = figures.parse(request.GET.get("period", ""), facts)
    except DomainError as exc:
        error, period = exc.message, figures.all_time(facts)
    report = figures.build(facts, period)
    shown = report if exact else disclose(report)
    if fmt == "csv":
        response = HttpResponse(to_csv(shown).encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="laws-{period.slug}.csv"'
    elif fmt == "json":
        body = dict(shown.as_dict(), format="rightsdesk-laws-analytics", view="staff-exact" if exact else "public")
        response = HttpResponse(json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="laws-{period.slug}.json"'
    else:
        query = f"?period={period.slug}"
        sections = page_sections(shown, rtl=get_language_bidi())
        _chronological_trend(shown, sections)
        context = {
            "report": shown, "period": period, "sections": sections,
            "error": error, "period_text": request.GET.get("period", ""), "exact": exact,
            "csv_url": f"{base_name}data.csv{query}", "json_url": f"{base_name}data.json{query}",
            "period_choices": _period_choices(facts),
            **(extra or {}),
        }
        response = render(request, template, context, status=400 if error else 200)
    if exact:
        response["Cache-Control"] = "private, no-store"
    return response


def _chronological_trend(report, sections) -> None:
    """The trend's chart in time order (the report's charts put the largest bar first)."""
    table = report.section("trend").table("by_half_year")
    bars = [(row.label, row.values.get("cases")) for row in table.rows if not isinstance(row.values.get("cases"), Withheld)]
    chart = bar_chart(chart_id="chart-trend-by_half_year", title=chart_title(table), bars=bars, rtl=get_language_bidi())
    for section in sections:
        for page_table in section["tables"]:
            if section["key"] == "trend" and page_table["key"] == "by_half_year":
                page_table["chart"] = chart


def _period_choices(facts) -> list[tuple[str, str]]:
    report_all = figures.all_time(facts)
    choices = [(figures.ALL, _("Every half-year"))]
    from rightsdesk.reports.periods import period_containing

    half = period_containing(report_all.start)
    halves = []
    while half.start < report_all.end:
        halves.append((half.slug, half.label))
        half = period_containing(half.end)
    return choices + list(reversed(halves))
