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


class RollupRow(models.Model):
    """One pre-summed group of a report figure over one day or one month of received cases (``reports.rollup``).

    ``figure`` names what is summed (``rollup.FIGURES``), ``key`` the group (a JSON list: the dimensions' values),
    ``a``..``d`` the sums, and for the durations ``seconds`` the exact durations of the group, sorted (an array of
    8-byte integers), so medians stay exact. Month rows (grain ``m``, ``day`` = the month's first day) are the sum
    of that month's day rows, rebuilt with them. Nothing here is personal data: only categories and counts.
    """

    figure = models.CharField(max_length=16)
    grain = models.CharField(max_length=1)  # "d": a day, "m": a month
    day = models.DateField()
    key = models.TextField()
    a = models.BigIntegerField(default=0)
    b = models.BigIntegerField(default=0)
    c = models.BigIntegerField(default=0)
    d = models.BigIntegerField(default=0)
    seconds = models.BinaryField(null=True)

    class Meta:
        indexes = [models.Index(fields=["grain", "day"], name="rollup_grain_day")]


class RollupDay(models.Model):
    """A day whose roll-up rows were computed, and by which refresh (``stamp``, increasing): the report cache of a
    period is keyed on its days' newest stamp and on its pending changes."""

    day = models.DateField(primary_key=True)
    stamp = models.BigIntegerField(default=0)


class RollupMark(models.Model):
    """A received day to compute again, written by a change that leaves no case history (an item saved or deleted,
    a case deleted); removed by the refresh that folds it in."""

    day = models.DateField(db_index=True)


class RollupState(models.Model):
    """The one row saying how far the roll-up has folded changes in: the newest case history entry and the newest
    case (cases bulk-loaded without history are found by their primary key), and the last refresh's stamp."""

    history_pk = models.BigIntegerField(default=0)
    case_pk = models.BigIntegerField(default=0)
    stamp = models.BigIntegerField(default=0)
    folded_at = models.DateTimeField(null=True, blank=True)


class RollupPeriod(models.Model):
    """The roll-up's sums of one whole period (a half-year or a year), merged and kept by the fold
    (``rollup.keep_periods``) so the report reads one stored result instead of summing rows: valid only while no day
    of the period is pending and none was refreshed after it (``stamp``: the newest refresh stamp of its days when it
    was computed). ``groups`` holds plain data only (counts, categories, sorted durations); no personal data."""

    first_day = models.DateField()
    last_day = models.DateField()
    stamp = models.BigIntegerField(default=0)
    groups = models.BinaryField()
    #: Cases received in the period per kind (the multi-period trend reads only this).
    received = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["first_day", "last_day"], name="rollup_period_days")]
