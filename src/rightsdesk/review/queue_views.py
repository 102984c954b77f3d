"""The queue's tools: bulk actions on the ticked cases and saved personal filters. Thin: the rules are in
``review.bulk`` and ``review.filters``; the queue page itself is ``views.home``, which adds ``queue_tools``."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightsdesk.accounts.access import has_any, staff_required
from rightsdesk.cases.policy import VIEW_CASES
from rightsdesk.core.errors import DomainError
from rightsdesk.privacy import refused_forms

from . import bulk, services
from . import filters as saved_filters

VIEW = VIEW_CASES
#: Where the session keeps, sealed, a bulk action refused as a whole until the queue shows it again.
BULK_SENT = "bulk_sent"


def _forbidden(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def queue_tools(request) -> dict:
    """What the queue page needs for its bulk bar and saved filters."""
    may_work = has_any(request.user, services.WORK_PERMS)
    return {
        "saved_filters": saved_filters.filters_for(request.user),
        "current_filter": saved_filters.clean_query(request.GET.urlencode()),
        "may_work": may_work, "bulk_actions": list(bulk.ACTIONS.items()),
        "assignees": services.assignable_users() if may_work else [],
        "bulk_report": request.session.pop("bulk_report", None),
        # A bulk action refused as a whole comes back with its choices, its words and its ticks (bulk_action).
        "bulk_sent": refused_forms.take(request.session, BULK_SENT, "queue") or {},
    }


#: Where the session keeps the queue as the reader last saw it (filters, sort, page): the case page leads back there.
LAST_QUEUE = "review_last_queue"


def remember_queue(request) -> None:
    """Keep the queue's filters, sort and page, so that the way back from a case reproduces the list."""
    request.session[LAST_QUEUE] = saved_filters.queue_query(request.GET)


def last_queue_url(request) -> str:
    """The queue as the reader last saw it (the plain queue before any)."""
    query = request.session.get(LAST_QUEUE, "")
    return reverse("review:home") + (f"?{query}" if query else "")


def _back_to_queue(request):
    """Back to the queue as it was filtered (the query string the form carried)."""
    query = saved_filters.clean_query(request.POST.get("back", ""))
    return redirect(reverse("review:home") + (f"?{query}" if query else ""))


@require_POST
@staff_required(VIEW, denied=_forbidden)
def bulk_action(request):
    """One action on the ticked cases; each case goes through the same services as on its own page."""
    action = request.POST.get("action", "")
    try:
        result = bulk.run(action, request.POST.getlist("cases"), request.user,
                          assignee_id=request.POST.get("assignee", ""), reason=request.POST.get("reason", ""),
                          ground=request.POST.get("ground", ""), original_reference=request.POST.get("original", ""))
    except DomainError as exc:
        # Refused as a whole (nothing was done): the queue is shown again with what was sent, and the refusal
        # leads to its field. Kept sealed in the session for the next queue page only: the staff's own words (the
        # reason, the ground) may name a person.
        field = exc.field if exc.field in ("action", "cases", "assignee", "original", "ground", "reason") else ""
        refused_forms.keep(request.session, BULK_SENT, "queue", {
            "action": action, "cases": request.POST.getlist("cases"), "assignee": request.POST.get("assignee", ""),
            "original": request.POST.get("original", ""), "ground": request.POST.get("ground", ""),
            "reason": request.POST.get("reason", ""), "errors": {field or "action": exc.message},
        })
    else:
        (messages.success if not result.refused else messages.warning)(request, result.summary(action))
        request.session["bulk_report"] = {"done": result.done, "refused": result.refused}
    return _back_to_queue(request)


@require_POST
@staff_required(VIEW, denied=_forbidden)
def save_filter(request):
    try:
        saved = saved_filters.save_filter(request.user, request.POST.get("name", ""), request.POST.get("back", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Filter “%(name)s” saved.") % {"name": saved.name})
    return _back_to_queue(request)


@require_POST
@staff_required(VIEW, denied=_forbidden)
def delete_filter(request, filter_id: int):
    try:
        saved_filters.delete_filter(request.user, filter_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Saved filter removed."))
    return _back_to_queue(request)
