from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The period transparency report: figures computed from the cases, written as a page, CSV, JSON and the EU
    template. The public notice log and its exports are the transparency app; the two grow apart here."""

    name = "rightsdesk.reports"

    def ready(self):
        from . import signals

        signals.connect()
