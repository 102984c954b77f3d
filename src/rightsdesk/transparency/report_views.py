"""Public pages of the transparency report. Thin: the figures come from ``reporting``."""

from __future__ import annotations

from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_bidi

from rightsdesk.cases.models import Case

from . import dsa_template
from .periods import Period, PeriodError, half_years_between, parse_period, period_containing
from .reporting import to_csv, to_json
from .reporting.cache import cached, cached_report
from .reporting.presentation import page_sections


def _period_or_404(slug: str) -> Period:
    try:
        return parse_period(slug)
    except PeriodError as exc:
        raise Http404(exc.message) from None


def _download(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content.encode("utf-8"), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def listed_periods(now=None) -> list[dict]:
    """The half-years from the first case received to now, newest first, each with its number of cases."""
    now = now or timezone.now()
    bounds = Case.objects.aggregate(first=Min("received_at"), last=Max("received_at"))
    if bounds["first"] is None:
        return []
    periods = half_years_between(bounds["first"], max(bounds["last"], now))
    counts = Case.objects.aggregate(**{
        f"p{i}": Count("id", filter=Q(received_at__gte=p.start, received_at__lt=p.end)) for i, p in enumerate(periods)
    })
    current = period_containing(now)
    return [{"period": p, "cases": counts[f"p{i}"], "in_progress": p == current} for i, p in enumerate(periods)]


def index(request):
    error = ""
    start, end = request.GET.get("from", "").strip(), request.GET.get("to", "").strip()
    if start or end:
        try:
            period = parse_period(f"{start}..{end}")
        except PeriodError as exc:
            error = exc.message
        else:
            return redirect(reverse("transparency:report", args=[period.slug]))
    return render(request, "transparency/report_index.html", {
        "periods": cached("periods", listed_periods), "error": error, "start": start, "end": end,
    })


def report_page(request, period: str):
    period = _period_or_404(period)
    report = cached_report(period)
    return render(request, "transparency/report.html", {
        "report": report, "period": period, "sections": page_sections(report, rtl=get_language_bidi()),
        "in_progress": period.end > timezone.now(),
        "downloads": {
            "csv": reverse("transparency:report_csv", args=[period.slug]),
            "json": reverse("transparency:report_json", args=[period.slug]),
            "dsa": reverse("transparency:report_dsa_template", args=[period.slug]),
        },
    })


def report_csv(request, period: str):
    period = _period_or_404(period)
    return _download(to_csv(cached_report(period)), "text/csv", f"transparency-report-{period.slug}.csv")


def report_json(request, period: str):
    period = _period_or_404(period)
    return _download(to_json(cached_report(period)), "application/json", f"transparency-report-{period.slug}.json")


def report_dsa_template(request, period: str):
    period = _period_or_404(period)
    return _download(dsa_template.to_csv(period), "text/csv", f"dsa-transparency-template-{period.slug}.csv")

