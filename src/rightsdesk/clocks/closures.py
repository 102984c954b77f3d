"""The legal office's closures: days that are not business days for the clocks, kept by administrators.

Services write, with the permission checked here (accounts.access) and each change written to the admin's change
log (who, when, why), so a deadline that moved because of a closure can be explained later. A closure counts for
every deadline computed after it was added (a new clock, a clock's new date after a pause); a deadline already set
keeps its date, as with a changed rule (docs/review.md).
"""

from __future__ import annotations

from datetime import date

from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.db import transaction
from django.utils.translation import gettext as _

from rightsdesk.accounts import access
from rightsdesk.core.errors import Conflict, DomainError

from .calendar import check_jurisdiction
from .models import Closure

VIEW = "clocks.view_closure"
ADD = "clocks.add_closure"
DELETE = "clocks.delete_closure"


def upcoming_and_past(today: date) -> tuple[list[Closure], list[Closure]]:
    """The closures from today on (soonest first) and the last year's before today (latest first)."""
    upcoming = list(Closure.objects.filter(date__gte=today).order_by("date", "jurisdiction"))
    past = list(Closure.objects.filter(date__lt=today, date__gte=today.replace(year=today.year - 1))
                .order_by("-date", "jurisdiction"))
    return upcoming, past


def _log(actor, closure: Closure, flag: int, message: str) -> None:
    LogEntry.objects.log_actions(actor.pk, [closure], flag, change_message=message, single_object=True)


@transaction.atomic
def add_closure(actor, *, day: date, jurisdiction: str, reason: str) -> Closure:
    """Store one closure; refuses (DomainError naming the field) an unknown jurisdiction, no reason, or a repeat."""
    access.require(actor, ADD, doing=_("add an office closure"))
    jurisdiction = (jurisdiction or "").strip().upper()
    reason = (reason or "").strip()
    if jurisdiction:
        check_jurisdiction(jurisdiction)
    if not reason:
        raise DomainError(_("Say why the office is closed (e.g. “Staff retreat”)."), code="no_reason", field="reason")
    if len(reason) > 200:
        raise DomainError(_("Shorten the reason to 200 characters or fewer."), code="too_long", field="reason")
    if Closure.objects.filter(date=day, jurisdiction=jurisdiction).exists():
        raise DomainError(_("This closure is already in the calendar."), code="duplicate", field="date")
    closure = Closure.objects.create(date=day, jurisdiction=jurisdiction, reason=reason)
    _log(actor, closure, ADDITION, reason)
    return closure


@transaction.atomic
@transaction.atomic
def remove_closure(actor, closure: Closure | int) -> Closure:
    """Take a closure (or the closure with this id) out of the calendar; deadlines already computed with it keep their
    dates. One no longer there (a colleague removed it first, or the same button was sent twice) is refused in words
    (``Conflict``), and nothing is logged twice. Returns the closure removed."""
    access.require(actor, DELETE, doing=_("remove an office closure"))
    pk = closure.pk if isinstance(closure, Closure) else closure
    found = Closure.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise Conflict(_("This closure is no longer in the calendar: someone removed it meanwhile. Nothing was "
                         "changed."), code="closure_gone")
    _log(actor, found, DELETION, str(found))
    found.delete()
    return found
