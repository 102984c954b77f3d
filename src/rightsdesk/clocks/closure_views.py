"""The office-closures page of the staff workspace: the calendar's closures, one form to add, a button to remove.

Thin: what was typed is read here (the date through core.dates, one reading for every staff date), the rules are
clocks.closures. A refused form comes back with what was typed and the message on its field; nothing is stored.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightsdesk.accounts import access
from rightsdesk.core.dates import typed_date
from rightsdesk.core.errors import Conflict, DomainError

from . import closures


def _denied(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def _page(request, typed: dict, errors: dict, status: int = 200):
    upcoming, past = closures.upcoming_and_past(timezone.localdate())
    return render(request, "clocks/closure_list.html", {
        "upcoming": upcoming, "past": past, "typed": typed, "errors": errors,
        "may_add": access.has_any(request.user, (closures.ADD,)),
        "may_delete": access.has_any(request.user, (closures.DELETE,)),
    }, status=status)


@access.staff_required(closures.VIEW, denied=_denied)
def closure_list(request):
    if request.method != "POST":
        return _page(request, {}, {})
    if not access.has_any(request.user, (closures.ADD,)):
        return _denied(request, access.missing(request.user, closures.ADD, doing=_("add an office closure")))
    typed = {name: request.POST.get(name, "").strip() for name in ("date", "jurisdiction", "reason")}
    try:
        day = typed_date(typed["date"], "date")
        if day is None:
            raise DomainError(_("Type the day the office is closed, e.g. 2026-12-24."), code="required", field="date")
        closure = closures.add_closure(request.user, day=day, jurisdiction=typed["jurisdiction"],
                                       reason=typed["reason"])
    except DomainError as error:
        return _page(request, typed, {error.field or "date": error.message}, status=400)
    messages.success(request, _("The office is closed on %(date)s: deadlines computed from now on skip that day.")
                     % {"date": closure.date.isoformat()})
    return redirect(reverse("clocks:closures"))


@require_POST
@access.staff_required(closures.DELETE, denied=_denied)
def closure_delete(request, pk: int):
    try:
        closure = closures.remove_closure(request.user, pk)
    except Conflict as error:  # a colleague removed it first (or the button was sent twice): said on the page
        messages.warning(request, error.message)
        return _page(request, {}, {}, status=error.http_status)
    messages.success(request, _("The closure on %(date)s was removed: deadlines already computed keep their dates.")
                     % {"date": closure.date.isoformat()})
    return redirect(reverse("clocks:closures"))
