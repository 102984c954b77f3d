"""Public pages of the transparency report. Thin: the figures come from the modules beside it.

Everyone gets the figures with the no-singling-out rule applied
(``disclosure``). Staff who may see exact figures
(``disclosure.may_see_exact``) get them by adding ``?exact=1``; for anyone
else the parameter is ignored. Exact responses are never cached.
"""

from __future__ import annotations

from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from rightsdesk.cases.models import Case
from rightsdesk.core import shared_pages

from . import dsa_template
from .periods import (
    Period, PeriodError, has_begun, half_years_between, parse_period, period_containing, previous_period,
    range_of_days,
)
from .structure import to_csv, to_json
from . import disclosure
from . import cache as report_cache
from .cache import cached, cached_report
from .presentation import page_sections
from .charts import line_style, trend_chart
from .trends import kind_trend


def _period_or_404(slug: str) -> Period:
    try:
        return parse_period(slug)
    except PeriodError as exc:
        raise Http404(exc.message) from None


def _begun_or_404(slug: str) -> Period:
    """For the downloads: a period that has not begun has no figures to give."""
    period = _period_or_404(slug)
    if not has_begun(period, timezone.now()):
        raise Http404(_("The period %(label)s has not begun yet, so there are no figures to download.")
                      % {"label": period.label})
    return period


def _exact(request) -> bool:
    """Whether to show exact figures: asked for with ?exact=1, and only to staff who may see them."""
    return request.GET.get("exact") == "1" and disclosure.may_see_exact(request.user)


def _private(response: HttpResponse, exact: bool) -> HttpResponse:
    if exact:  # exact figures stay out of shared caches and the browser's history cache
        response["Cache-Control"] = "private, no-store"
    return response


def _download(content: str, content_type: str, filename: str, exact: bool = False) -> HttpResponse:
    response = HttpResponse(content.encode("utf-8"), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response, exact)


def _with_exact(url: str, exact: bool) -> str:
    return f"{url}?exact=1" if exact else url


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
    error = None
    start, end = request.GET.get("from", "").strip(), request.GET.get("to", "").strip()
    if "from" in request.GET or "to" in request.GET:  # the range form was sent, even empty: say what to fill in
        try:
            period = range_of_days(start, end, today=timezone.now().date())
        except PeriodError as exc:
            error = exc  # shown with the dates as typed, next to the field to correct
        else:
            return redirect(reverse("reports:report", args=[period.slug]))
    return render(request, "reports/report_index.html", {
        "periods": cached("periods", listed_periods), "error": error, "start": start, "end": end,
    })


def _previous(period: Period, exact: bool) -> tuple[Period | None, object]:
    """The period of the same length just before, and its report disclosed alike; (None, None) when that period
    ended before the first case was received (a comparison with a time before any data would only show zeros)."""
    before = previous_period(period)
    first = Case.objects.aggregate(first=Min("received_at"))["first"]
    if before is None or first is None or before.end <= first:
        return None, None
    return before, cached_report(before, exact=exact)


def _trend(period: Period, rtl: bool) -> dict | None:
    """Cases received per kind in every half-year from the first with data to ``period``: chart and table."""
    trend = cached(f"trend:{period.slug}", lambda: kind_trend(period), report_cache.up_to(period))
    if len(trend["periods"]) < 2:  # one half-year is no trend; the overview table already has its figures
        return None
    slugs = [p.slug for p in trend["periods"]]
    title = _("Cases received per half-year, by kind")
    return {
        "title": title, "periods": trend["periods"],
        "rows": [{**row, "colour": line_style(i)[0]} for i, row in enumerate(trend["rows"])],
        "chart": trend_chart(chart_id="chart-overview-trend", title=title, periods=slugs,
                             lines=[(row["label"], row["values"]) for row in trend["rows"]], rtl=rtl),
    }


#: The public report pages this process keeps (shared_pages): ~500 KB each at a million cases.
_pages = shared_pages.Kept(16)
_PAGE_MARKS = {shared_pages.CSRF: 1, shared_pages.PATH: None}


# Compression: settings.MIDDLEWARE's GZipMiddleware compresses every page, these included (the report page is
# ~130 KB, ~15 KB compressed). BREACH needs a secret and attacker-chosen text in the same compressed response: the
# report page's only secret is the language form's CSRF token, which Django masks with a new random value in every
# response (so it never repeats for BREACH to guess); what the page echoes of the request is its own address (the
# period must match PERIOD_URL_REGEX; the query string goes, escaped, into the language form's ``next``, as on every
# page); Django's gzip also pads each response at random.
def report_page(request, period: str):
    """The report of a period. An anonymous visitor gets the page kept for its period, language and sections
    (``shared_pages``), under the fingerprint of every case received up to the period's end (``cache.up_to``: the
    period, the one before it and the trend), for at most ``REPORT_CACHE_SECONDS``; others get it rendered."""
    period = _period_or_404(period)
    now = timezone.now()
    if not has_begun(period, now):  # a report of zeros would read as "nothing happened": say why there is none
        day = '<bdi class="report-day">{}</bdi>'  # an ISO date never breaks at its hyphens, nor flips in Arabic
        return render(request, "reports/report_not_begun.html", {
            "period": period, "current": period_containing(now),
            "first": format_html(day, period.first_day.isoformat()), "last": format_html(day, period.last_day.isoformat()),
        }, status=404)
    exact = _exact(request)
    keep = report_cache.seconds()
    if exact or not keep or not shared_pages.same_for_everyone(request):
        return _render_report_page(request, period, now, exact)
    key = (get_language(), timezone.get_current_timezone_name(), period.slug, request.GET.get("sections") == "all",
           period.end > now, report_cache.period_fingerprint(report_cache.up_to(period)))
    parts = _pages.get(key, keep)
    if parts is None:
        parts = shared_pages.split(
            _render_report_page(request, period, now, False, shared_pages.MARKED).content.decode(), _PAGE_MARKS)
        if parts is None:  # the template no longer has its marks: render for each visitor
            return _render_report_page(request, period, now, False)
        _pages.put(key, parts)
    return HttpResponse(shared_pages.fill(parts, shared_pages.visitor_parts(request)))


def _render_report_page(request, period: Period, now, exact: bool, marks: dict | None = None) -> HttpResponse:
    report = cached_report(period, exact=exact)
    before, previous = _previous(period, exact)
    rtl = get_language_bidi()
    protected = disclosure.protection(period) != disclosure.NONE
    page = reverse("reports:report", args=[period.slug])
    downloads = {
        "csv": _with_exact(reverse("reports:report_csv", args=[period.slug]), exact),
        "json": _with_exact(reverse("reports:report_json", args=[period.slug]), exact),
    }
    if exact or not protected:  # the DSA template is exact: public for standard periods only
        downloads["dsa"] = _with_exact(reverse("reports:report_dsa_template", args=[period.slug]), exact)
        downloads["eu_xlsx"] = _with_exact(reverse("reports:report_eu_xlsx", args=[period.slug]), exact)
        downloads["eu_csv"] = _with_exact(reverse("reports:report_eu_csv", args=[period.slug]), exact)
    return _private(render(request, "reports/report.html", {
        "report": report, "period": period, "sections": page_sections(report, rtl=rtl, previous=previous),
        "previous": before, "trend": _trend(period, rtl),
        "in_progress": period.end > now,
        "open_all": request.GET.get("sections") == "all",
        "downloads": downloads,
        # Staff: a link to the exact figures where they differ, and back to what the public sees.
        "exact_view": exact and protected,
        "exact_link": f"{page}?exact=1" if protected and not exact and disclosure.may_see_exact(request.user) else "",
        "public_link": page if exact and protected else "",
        "all_sections_link": f"{page}?{'exact=1&' if exact else ''}sections=all",
        **(marks or {}),
    }), exact)


def report_csv(request, period: str):
    period = _begun_or_404(period)
    exact = _exact(request)
    return _download(to_csv(cached_report(period, exact=exact)), "text/csv",
                     f"transparency-report-{period.slug}.csv", exact)


def report_json(request, period: str):
    period = _begun_or_404(period)
    exact = _exact(request)
    return _download(to_json(cached_report(period, exact=exact)), "application/json",
                     f"transparency-report-{period.slug}.json", exact)


def report_dsa_template(request, period: str):
    """Always exact (regulators require it), so public for the template's own periods only: half-years and years."""
    period = _begun_or_404(period)
    exact = _exact(request)
    if not exact and not disclosure.is_standard(period):
        raise Http404(_("The EU DSA template is published for half-years and years only."))
    return _download(dsa_template.to_csv(period), "text/csv", f"dsa-transparency-template-{period.slug}.csv", exact)
