"""URLs of the period reports: the transparency landing page, each period's page and its downloads."""

from django.urls import path, register_converter

from . import eu_views, views
from .periods import PERIOD_URL_REGEX


class PeriodConverter:
    """Matches only strings shaped like a period, so other transparency URLs are never taken for one."""

    regex = PERIOD_URL_REGEX

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return getattr(value, "slug", value)


register_converter(PeriodConverter, "period")

app_name = "reports"

urlpatterns = [
    path("transparency/", views.index, name="index"),
    path("transparency/<period:period>/", views.report_page, name="report"),
    path("transparency/<period:period>/report.csv", views.report_csv, name="report_csv"),
    path("transparency/<period:period>/report.json", views.report_json, name="report_json"),
    path("transparency/<period:period>/dsa-template.csv", views.report_dsa_template, name="report_dsa_template"),
    path("transparency/<period:period>/eu-templates.xlsx", eu_views.eu_xlsx, name="report_eu_xlsx"),
    path("transparency/<period:period>/eu-templates-csv.zip", eu_views.eu_csv, name="report_eu_csv"),
    path("staff/eu-template-figures/", eu_views.figures_index, name="eu_figures_index"),
    path("staff/eu-template-figures/<period:period>/", eu_views.figures_page, name="eu_figures"),
]
