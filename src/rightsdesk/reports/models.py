"""What staff enter for a reporting period because rightsdesk cannot count it (EU harmonised templates, parts 9
and 10, the qualitative template, the date of the previous report). Read and written by ``staff_figures``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeriodFigures(models.Model):
    #: A period's slug (periods.py): 2025-H2, 2026.
    period = models.CharField(_("reporting period"), max_length=32, unique=True)
    #: Official EU language code -> number of people moderating content in it (part 9).
    human_resources = models.JSONField(default=dict, blank=True)
    #: Member State code -> average monthly active recipients (part 10).
    active_recipients = models.JSONField(default=dict, blank=True)
    #: Indicator key (staff_figures.QUALITATIVE_INDICATORS) -> free text.
    qualitative = models.JSONField(default=dict, blank=True)
    previous_report_published = models.DateField(_("publication date of the previous report"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("figures entered for a reporting period")
        verbose_name_plural = _("figures entered for reporting periods")

    def __str__(self) -> str:
        return self.period
