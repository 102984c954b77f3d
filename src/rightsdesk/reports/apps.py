from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The period transparency report: figures computed from the cases, written as a page, CSV, JSON and the EU
    template. The public notice log and its exports are the transparency app; the two grow apart here.

    No signals: the roll-up is kept current from the case history and from ``rollup.mark``, called by name where a
    change leaves no history (``case_followups``: a received date moved; rollup's module docstring lists the rest)."""

    name = "rightsdesk.reports"
