"""URLs of the period reports: the transparency landing page, each period's page and its downloads."""

from django.urls import path, register_converter

from . import report_views
from .periods import PERIOD_URL_REGEX


class PeriodConverter:
    """Matches only strings shaped like a period, so other transparency URLs are never taken for one."""

    regex = PERIOD_URL_REGEX

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return getattr(value, "slug", value)


register_converter(PeriodConverter, "period")

urlpatterns = [
    path("transparency/", report_views.index, name="index"),
    path("transparency/<period:period>/", report_views.report_page, name="report"),
    path("transparency/<period:period>/report.csv", report_views.report_csv, name="report_csv"),
    path("transparency/<period:period>/report.json", report_views.report_json, name="report_json"),
    path("transparency/<period:period>/dsa-template.csv", report_views.report_dsa_template, name="report_dsa_template"),
]
