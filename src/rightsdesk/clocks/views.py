"""The clocks panel's forms: start the statutory clocks, extend a clock, type a deadline. Thin: read the form,
call the service, go back to the case page; a refusal is shown next to the form with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rightsdesk.accounts import access
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import APPROVER_PERMISSIONS
from rightsdesk.core.dates import typed_date
from rightsdesk.core.errors import DomainError
from rightsdesk.privacy import refused_forms

from . import services
from .models import Clock
from .selectors import FAILED_KEY, STARTERS


def _denied(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def _back(case: Case):
    return redirect(reverse("review:case", args=[case.reference]) + "#clocks")


def _refused(request, case, error: DomainError, **typed):
    refused_forms.keep(request.session, FAILED_KEY, case.reference,
                       {"message": error.message, "field": error.field or "", **typed})
    return _back(case)


@require_POST
@access.staff_required(*STARTERS, denied=_denied)
def start(request, reference: str):
    case = get_object_or_404(Case, reference=reference)
    typed = {"form": "start", "order_date": request.POST.get("order_date", "")}
    try:
        started = services.start_clocks(case, request.user, order_date=typed_date(typed["order_date"], "order_date"))
    except DomainError as error:
        return _refused(request, case, error, **typed)
    messages.success(request, ngettext("%(n)d statutory clock started.", "%(n)d statutory clocks started.",
                                       len(started)) % {"n": len(started)})
    return _back(case)


def _clock(reference: str, pk: int) -> Clock:
    return get_object_or_404(Clock.objects.select_related("case", "rule"), pk=pk, case__reference=reference)


def _clock_form(request, reference: str, pk: int, form: str, act, done: str, fields=()):
    """One of a clock's forms: ``act(clock, typed)`` does the change; refused, what was typed is kept."""
    clock = _clock(reference, pk)
    typed = {"form": form, "clock": clock.pk, "reason": request.POST.get("reason", ""),
             **{field: request.POST.get(field, "") for field in fields}}
    try:
        act(clock, typed)
    except DomainError as error:
        return _refused(request, clock.case, error, **typed)
    messages.success(request, done)
    return _back(clock.case)


@require_POST
@access.staff_required(*APPROVER_PERMISSIONS, denied=_denied)
def extend(request, reference: str, pk: int):
    return _clock_form(request, reference, pk, "extend",
                       lambda clock, typed: services.extend(clock, typed["reason"], request.user),
                       _("The deadline was extended."))


def _override(clock, typed, user):
    due = typed_date(typed["due"], "due")
    if due is None:
        raise DomainError(_("Type the deadline's date."), code="due_required", field="due")
    services.override(clock, due, typed["reason"], user)


@require_POST
@access.staff_required(*APPROVER_PERMISSIONS, denied=_denied)
def override(request, reference: str, pk: int):
    return _clock_form(request, reference, pk, "override", lambda clock, typed: _override(clock, typed, request.user),
                       _("The deadline typed was recorded."), fields=("due",))


@require_POST
@access.staff_required(*APPROVER_PERMISSIONS, denied=_denied)
def complete(request, reference: str, pk: int):
    """The step is done (e.g. the items were restored): the clock is met and stops; the reason is recorded."""
    return _clock_form(request, reference, pk, "complete",
                       lambda clock, typed: services.complete(clock, typed["reason"], request.user),
                       _("The deadline was marked as met."))
