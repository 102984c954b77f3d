"""Changes the case history does not show, marked for the roll-up (``rollup.mark``): an item saved or deleted, a
case saved or deleted outside the services (the demo's and the retention's ``update()`` calls change no figure the
report counts; the services write history, which the roll-up reads). Connected in ``apps.ReportsConfig.ready``."""

from __future__ import annotations

from datetime import timezone as dt_timezone


def _day(moment):
    return moment.astimezone(dt_timezone.utc).date() if moment else None


def case_changed(sender, instance, **kwargs):
    from .rollup import mark

    day = _day(instance.received_at)
    if day:
        mark([day])


def item_changed(sender, instance, **kwargs):
    from rightsdesk.cases.models import Case

    from .rollup import mark

    received = Case.objects.filter(pk=instance.case_id).values_list("received_at", flat=True).first()
    if received:
        mark([_day(received)])


def times_changed(sender, instance, **kwargs):
    item_changed(sender, instance, **kwargs)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from rightsdesk.cases.models import Case, TargetItem
    from rightsdesk.clocks.models import CaseTimes

    post_save.connect(case_changed, sender=Case, dispatch_uid="reports.rollup.case_saved")
    post_delete.connect(case_changed, sender=Case, dispatch_uid="reports.rollup.case_deleted")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(item_changed, sender=TargetItem, dispatch_uid=f"reports.rollup.item_{name}")
        signal.connect(times_changed, sender=CaseTimes, dispatch_uid=f"reports.rollup.times_{name}")
