"""The EU harmonised templates' pages: the workbook and its CSV parts for a period (public for half-years and years,
like the DSA CSV), and the staff page where a period's figures that rightsdesk cannot count are entered."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rightsdesk.accounts.access import staff_required
from rightsdesk.core.errors import DomainError
from rightsdesk.core.versions import ChangedSince

from . import disclosure, eu_workbook
from .eu_forms import PeriodFiguresForm
from .staff_figures import EDIT, figures_for, save_figures
from .views import _begun_or_404, _exact, _period_or_404, _private

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _eu_period(request, period: str):
    period = _begun_or_404(period)
    exact = _exact(request)
    if not exact and not disclosure.is_standard(period):
        raise Http404(_("The EU DSA template is published for half-years and years only."))
    return period, exact


def _file(content: bytes, content_type: str, filename: str, exact: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response, exact)


def eu_xlsx(request, period: str):
    period, exact = _eu_period(request, period)
    return _file(eu_workbook.to_xlsx(eu_workbook.sheets(period)), XLSX,
                 f"eu-transparency-templates-{period.slug}.xlsx", exact)


def eu_csv(request, period: str):
    period, exact = _eu_period(request, period)
    return _file(eu_workbook.to_csv_zip(eu_workbook.sheets(period)), "application/zip",
                 f"eu-transparency-templates-{period.slug}-csv.zip", exact)


def forbidden(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


@staff_required(EDIT, denied=forbidden)
def figures_index(request):
    """The staff navigation's entry: the last half-year that has ended (the one being reported on)."""
    from django.utils import timezone

    from .periods import last_complete_half_year

    return redirect("reports:eu_figures", last_complete_half_year(timezone.now()).slug)


@staff_required(EDIT, denied=forbidden)
def figures_page(request, period: str):
    period = _period_or_404(period)
    error, changed, status = None, {}, 200
    if request.method == "POST":
        form, status = PeriodFiguresForm(request.POST), 400
        if form.is_valid():
            try:
                save_figures(request.user, period, **form.values(), version=request.POST.get("version"))
            except ChangedSince as exc:  # a colleague saved since: what was typed stays, their figures beside it
                error, status = exc, exc.http_status
                changed = form.show_changed_since(figures_for(period), request.POST.get("version"))
            except DomainError as exc:
                error = exc
            else:
                messages.success(request, _("The figures for %(label)s are saved.") % {"label": period.label})
                return redirect("reports:eu_figures", period.slug)
    else:
        form = PeriodFiguresForm(initial_figures=figures_for(period))
    return render(request, "reports/eu_figures.html", {"form": form, "period": period, "error": error,
                                                       "changed": changed}, status=status)
