"""Changes the case history may not show, marked for the roll-up (``rollup.mark``): a case saved or deleted, an
item saved or deleted, a case's first-response time saved (any save, through the services or not: a mark is one
small insert). Not seen: ``QuerySet.update()`` and raw SQL, which the code uses on report fields only where a
history entry is written in the same transaction (the services) or on cases not folded in yet (the demo), and
``bulk_create`` (bulk intake, imports), whose new cases the roll-up finds by their primary key. A case whose
received date is changed (the admin, a re-import) is marked on its old day too.
Connected in ``apps.ReportsConfig.ready``."""

from __future__ import annotations

from datetime import timezone as dt_timezone


def _day(moment):
    return moment.astimezone(dt_timezone.utc).date() if moment else None


def case_changed(sender, instance, **kwargs):
    from .rollup import mark

    day = _day(instance.received_at)
    if day:
        mark([day])


def case_moving(sender, instance, raw=False, **kwargs):
    """Before a stored case is saved: mark its old received day when the save moves it to another day."""
    if raw or instance.pk is None:
        return
    from .rollup import mark

    old = sender.objects.filter(pk=instance.pk).values_list("received_at", flat=True).first()
    if old and _day(old) != _day(instance.received_at):
        mark([_day(old)])


def item_changed(sender, instance, **kwargs):
    from rightsdesk.cases.models import Case

    from .rollup import mark

    received = Case.objects.filter(pk=instance.case_id).values_list("received_at", flat=True).first()
    if received:
        mark([_day(received)])


def times_changed(sender, instance, **kwargs):
    item_changed(sender, instance, **kwargs)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save, pre_save

    from rightsdesk.cases.models import Case, TargetItem
    from rightsdesk.clocks.models import CaseTimes

    pre_save.connect(case_moving, sender=Case, dispatch_uid="reports.rollup.case_moving")
    post_save.connect(case_changed, sender=Case, dispatch_uid="reports.rollup.case_saved")
    post_delete.connect(case_changed, sender=Case, dispatch_uid="reports.rollup.case_deleted")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(item_changed, sender=TargetItem, dispatch_uid=f"reports.rollup.item_{name}")
        signal.connect(times_changed, sender=CaseTimes, dispatch_uid=f"reports.rollup.times_{name}")
