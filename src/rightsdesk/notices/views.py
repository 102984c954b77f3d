"""Pages of the notices app: the staff outbox and holds, and the placeholders export (appeals have their own app).

Views stay thin: they read the form, call a service and report its error
message. Staff pages check a permission each; anything showing a person's
address or a message body also needs cases.access_private_data and is audited.
"""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightsdesk.accounts import access
from rightsdesk.audit.services import record_access
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA
from rightsdesk.core import form_once, languages
from rightsdesk.core.dates import date_pattern, typed_date
from rightsdesk.core.errors import DomainError
from rightsdesk.review import history_reasons
from rightsdesk.transparency import placeholders
from rightsdesk.transparency.models import PublicRecord

from . import rendering, services
from .models import LegalHold, Notice

PRIVATE = ACCESS_PRIVATE_DATA


def staff_required(*perms: str):
    """The user is signed-in staff with at least one of ``perms``; otherwise login or a 403 page."""

    def denied(request, message: str):
        return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)

    return access.staff_required(*perms, denied=denied)


def _case_url(case: Case) -> str:
    try:
        return reverse("review:case", kwargs={"reference": case.reference})
    except Exception:
        return ""


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(fallback)


def _act(request, fn, success: str, fallback: str):
    try:
        fn()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return _back(request, fallback)


# --- Staff: the outbox ----------------------------------------------------------------------------

@staff_required("notices.view_notice")
def outbox(request):
    status = request.GET.get("status", "")
    notices = Notice.objects.select_related("case").order_by("-created_at", "-id")
    if status in Notice.Status.values:
        notices = notices.filter(status=status)
    elif not status:
        # Work first: anything not yet delivered, failures on top.
        notices = notices.exclude(status__in=[Notice.Status.SENT, Notice.Status.CANCELLED])
    counts = {row["status"]: row["n"] for row in Notice.objects.values("status").annotate(n=Count("id"))}
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    return render(request, "notices/staff/outbox.html", {
        "page": page, "status": status, "statuses": [(v, l, counts.get(v, 0)) for v, l in Notice.Status.choices],
        "failed_count": counts.get(Notice.Status.FAILED, 0),
    })


@staff_required("notices.view_notice")
def notice_detail(request, pk: int):
    return _notice_page(request, pk)


def _notice_page(request, pk: int, *, error: DomainError | None = None, posted=None, failed: str = "",
                 cancel_reason: str = ""):
    """The notice as staff review it; after a refused edit, what was typed is shown again with the error. After a
    refused cancellation (``failed="cancel"``) the reason typed comes back: in its form, or to copy once the notice
    can no longer be cancelled (a colleague or the delivery worker got there first: 409)."""
    notice = get_object_or_404(Notice.objects.select_related("case", "party", "hold"), pk=pk)
    private = request.user.has_perm(PRIVATE)
    if private:
        record_access(request.user, "view_notice", case=notice.case, obj=notice,
                      fields=["body", "recipient_email", "recipient_account"], purpose="review a notice before sending")
    # A queued notice that has not failed yet is on its way: offering "retry" or "cancel" then invites a double send.
    waiting_after_failure = notice.status == Notice.Status.QUEUED and notice.attempts > 0
    return render(request, "notices/staff/notice.html", {
        "notice": notice, "private": private, "preview": rendering.preview_body(notice.body),
        "cancel_reason": history_reasons.shown(notice.cancel_reason),  # the system's in the reader's language
        # The notice is in its recipient's language, whichever the page's is: an English text on an Arabic page
        # needs its own direction, or its punctuation moves to the wrong end of the line.
        "notice_dir": "rtl" if languages.normalise(notice.language) in languages.bidi_codes() else "ltr",
        "can_change": request.user.has_perm("notices.change_notice"),
        "can_hold": request.user.has_perm("notices.add_legalhold"),
        "editable": notice.status in Notice.EDITABLE,
        "sendable": notice.status in services.SENDABLE and not (notice.status == Notice.Status.HELD and notice.approved_at),
        "retryable": notice.status == Notice.Status.FAILED or waiting_after_failure,
        "cancellable": notice.status not in (Notice.Status.SENT, Notice.Status.CANCELLED, Notice.Status.SENDING)
        and (notice.status != Notice.Status.QUEUED or waiting_after_failure),
        "on_its_way": notice.status in (Notice.Status.QUEUED, Notice.Status.SENDING) and not waiting_after_failure,
        "case_url": _case_url(notice.case), "marker": rendering.APPEAL_LINK_MARKER,
        "items": list(notice.items.all()) if private else [],
        "version": services.text_version(notice), "error": error, "notice_languages": settings.LANGUAGES,
        "subject": posted.get("subject", "") if posted is not None else notice.subject,
        "body": posted.get("body", "") if posted is not None else notice.body,
        "failed": failed, "typed_cancel_reason": cancel_reason,
    }, status=(409 if error.http_status == 409 else 400) if error else 200)


def _sent_message(notice: Notice) -> str:
    """What became of an approved notice, in words: sent, held, or why not yet."""
    if notice.status == Notice.Status.SENT:
        return _("Notice approved and sent.")
    if notice.status == Notice.Status.HELD:
        return _("Notice approved; a legal hold bars it, so it is sent when the hold ends.")
    if notice.status == Notice.Status.FAILED:
        return _("Notice approved, but it could not be delivered: see the error below.")
    if notice.status == Notice.Status.QUEUED and notice.attempts:
        return _("Notice approved; the first delivery attempt failed and it is tried again automatically.")
    return _("Notice approved and queued for delivery.")


@require_POST
@staff_required("notices.change_notice")
def notice_edit(request, pk: int):
    """Save the wording; with "save, approve and send", the wording just saved is the one approved and sent."""
    notice = get_object_or_404(Notice, pk=pk)
    if not request.user.has_perm(PRIVATE):
        messages.error(request, _("Editing a notice shows its recipient's data: you need access to private data."))
        return redirect("notices:notice", pk=pk)
    then_send = request.POST.get("then") == "send"
    try:
        services.edit_notice(notice, request.user, subject=request.POST.get("subject", ""),
                             body=request.POST.get("body", ""), version=request.POST.get("version"))
        if then_send:
            services.send_notice(notice, request.user, version=services.text_version(notice))
    except DomainError as exc:
        return _notice_page(request, pk, error=exc, posted=request.POST)
    if then_send:
        services.deliver_now(notice)
        messages.success(request, _sent_message(notice))
    else:
        messages.success(request, _("Notice saved. Review it, then send it."))
    return redirect("notices:notice", pk=pk)


@require_POST
@staff_required("notices.change_notice")
def notice_language(request, pk: int):
    """Staff's choice of the recipient's language: the notice is drafted again in it."""
    notice = get_object_or_404(Notice, pk=pk)
    if not request.user.has_perm(PRIVATE):
        messages.error(request, _("Editing a notice shows its recipient's data: you need access to private data."))
        return redirect("notices:notice", pk=pk)
    try:
        services.change_language(notice, request.user, request.POST.get("language", ""))
    except DomainError as exc:
        return _notice_page(request, pk, error=exc)
    messages.success(request, _("Notice saved. Review it, then send it."))
    return redirect("notices:notice", pk=pk)


@require_POST
@staff_required("notices.change_notice")
def notice_send(request, pk: int):
    """Approve and send the wording the approver read (the form carries its version)."""
    notice = get_object_or_404(Notice, pk=pk)
    try:
        services.send_notice(notice, request.user, version=request.POST.get("version"))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("notices:notice", pk=pk)
    services.deliver_now(notice)
    messages.success(request, _sent_message(notice))
    return _back(request, reverse("notices:notice", args=[pk]))


@require_POST
@staff_required("notices.change_notice")
def notice_retry(request, pk: int):
    notice = get_object_or_404(Notice, pk=pk)
    return _act(request, lambda: services.retry_notice(notice, request.user),
                _("Delivery queued again."), reverse("notices:notice", args=[pk]))


@require_POST
@staff_required("notices.change_notice")
def notice_cancel(request, pk: int):
    notice = get_object_or_404(Notice, pk=pk)
    reason = request.POST.get("reason", "")
    try:
        services.cancel_notice(notice, request.user, reason)
    except DomainError as exc:
        return _notice_page(request, pk, error=exc, failed="cancel", cancel_reason=reason)
    messages.success(request, _("Notice cancelled; the reason is recorded."))
    return _back(request, reverse("notices:notice", args=[pk]))


@require_POST
@staff_required("notices.change_notice")
def case_send_all(request, pk: int):
    """Approve and queue every draft notice of a case at once (from the case panel)."""
    case = get_object_or_404(Case, pk=pk)

    approved = []

    def send_all():
        for notice in case.notices.filter(status__in=[Notice.Status.DRAFT, Notice.Status.APPROVED]):
            services.send_notice(notice, request.user)
            approved.append(notice)

    response = _act(request, send_all, _("The notices were approved; each is sent at once, or its status says why "
                                         "not."), reverse("notices:outbox"))
    for notice in approved:
        services.deliver_now(notice)
    return response


# --- Staff: legal holds ---------------------------------------------------------------------------

def _parse_until(value: str):
    """The end of a hold as typed: a date (read by core.dates.typed_date, the staff forms' one reading, Persian and
    Arabic digits included) or a moment; None when empty. A well-formed impossible one (30 February, hour 25) is
    refused like a malformed one: Django's parsers raise ValueError for it, which was a server error that lost the
    reason and the order's reference typed."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        try:
            day = typed_date(value, "until")
        except DomainError:
            raise DomainError(_("Write the end of the hold as a date (%(pattern)s), or leave it empty.")
                              % {"pattern": date_pattern()}, code="invalid", field="until") from None
        moment = datetime.combine(day, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


@staff_required("notices.view_legalhold")
def holds(request):
    return _holds_page(request)


def _holds_page(request, *, failed: LegalHold | None = None, error: DomainError | None = None, typed: str = ""):
    """The list of holds; after a refused lift, the reason typed comes back with the error: in that hold's form, or
    to copy once the hold is lifted (a colleague lifted it first: 409)."""
    active = request.GET.get("show") != "all"
    qs = LegalHold.objects.select_related("case").annotate(held=Count("notices"))
    if active:
        qs = qs.filter(lifted_at__isnull=True)
    return render(request, "notices/staff/holds.html", {
        "holds": qs[:200], "active_only": active, "can_release": request.user.has_perm("notices.release_notice"),
        "failed": failed.pk if failed else None, "error": error, "typed": typed,
        "unsent": typed if failed and failed.lifted_at else "",
        "error_target": "unsent" if failed and failed.lifted_at else f"lift-{failed.pk}" if failed else "",
    }, status=(409 if error.http_status == 409 else 400) if error else 200)


@staff_required("notices.add_legalhold")
def hold_new(request, case_pk: int):
    """Record a gag order. The form is recorded once however often it is sent (core.form_once): a double click
    recorded two holds, and lifting one left the notices held by the other. A refused sending frees its token."""
    case = get_object_or_404(Case, pk=case_pk)
    values = {"reason": "", "until": "", "legal_reference": "", "scope": LegalHold.Scope.AFFECTED_USERS}
    if request.method != "POST":
        return _hold_form(request, case, values, form_once.new_form_token())
    values = {k: request.POST.get(k, values[k]) for k in values}
    once = form_once.sent_token(request.POST)

    def recorded(_hold: str = ""):
        form_once.say_once(request, messages.SUCCESS, _("Legal hold recorded; the notices it covers are held."))
        return redirect("notices:holds")

    def place() -> str:
        hold = services.place_hold(case, request.user, reason=values["reason"], until=_parse_until(values["until"]),
                                   legal_reference=values["legal_reference"], scope=values["scope"])
        return str(hold.pk)

    return form_once.do_once(
        once, place, answer=recorded,
        refused=lambda error: _hold_form(request, case, values, once or form_once.new_form_token(), error),
        again=lambda: form_once.answer_again(once, recorded, lambda: redirect("notices:holds")))


def _hold_form(request, case: Case, values: dict, form_token: str, error: DomainError | None = None):
    # A hold bars publishing, but one recorded after the notice went public does not take it down (withdrawing has
    # its own reasons and follow-ups: Lumen, the report): staff are told, with the way to the withdrawal.
    public_id = PublicRecord.objects.filter(case=case, is_public=True).values_list("public_id", flat=True).first()
    return render(request, "notices/staff/hold_form.html", {
        "case": case, "values": values, "error": error, "scopes": LegalHold.Scope.choices,
        "case_url": _case_url(case), "form_token": form_token, "public_id": public_id or "",
        "withdraw_url": reverse("transparency:redaction-edit", args=[case.reference]) if public_id else "",
    }, status=400 if error else 200)


@require_POST
@staff_required("notices.release_notice")
def hold_lift(request, pk: int):
    hold = get_object_or_404(LegalHold, pk=pk)
    reason = request.POST.get("reason", "")
    try:
        services.lift_hold(hold, request.user, reason)
    except DomainError as exc:
        hold.refresh_from_db()
        return _holds_page(request, failed=hold, error=exc, typed=reason)
    messages.success(request, _("Hold lifted; its notices are released."))
    return _back(request, reverse("notices:holds"))


# --- Staff: placeholders export -------------------------------------------------------------------

@staff_required("notices.view_placeholder")
def placeholders_export(request):
    return JsonResponse({"placeholders": placeholders.export(get_language())}, json_dumps_params={"ensure_ascii": False})
