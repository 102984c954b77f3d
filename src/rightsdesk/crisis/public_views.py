"""The public human-rights report (page and JSON): reviewed public wording and counts only (crisis.hr_report).

This module imports nothing but ``crisis.hr_report`` of the project; the import contract ``hr-report-public``
(.importlinter) keeps it so, and tests/crisis/test_hr_report.py proves with canaries that unreviewed wording and
private notes never appear.
"""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from . import hr_report

FIRST_YEAR = 2000


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404("no report for that year")
    return year


def human_rights_latest(request):
    return redirect("crisis:hr_report", year=timezone.localdate().year)


def human_rights_report(request, year: int):
    report = hr_report.build(_year(year))
    years = list(range(timezone.localdate().year, max(FIRST_YEAR, timezone.localdate().year - 5) - 1, -1))
    return render(request, "crisis/hr_report.html", {"report": report, "years": years})


def human_rights_report_json(request, year: int):
    response = JsonResponse(hr_report.build(_year(year)), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response
