"""Pages of the notices app: the staff outbox and holds, appeal decisions, and the public appeal and placeholder pages.

Views stay thin: they read the form, call a service and report its error
message. Staff pages check a permission each; anything showing a person's
address or a message body also needs cases.access_private_data and is audited.
"""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightsdesk.accounts import access
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA, APPEAL_OUTCOME_LABELS
from rightsdesk.core.digests import token_digest
from rightsdesk.core.errors import DomainError
from rightsdesk.transparency import placeholders

from . import appeals, rendering, services
from .models import AppealFiling, LegalHold, Notice

PRIVATE = ACCESS_PRIVATE_DATA


def staff_required(*perms: str):
    """The user is signed-in staff with at least one of ``perms``; otherwise login or a 403 page."""

    def denied(request, message: str):
        return render(request, "notices/staff/forbidden.html", {"perms": perms, "message": message}, status=403)

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
    notice = get_object_or_404(Notice.objects.select_related("case", "party", "hold"), pk=pk)
    private = request.user.has_perm(PRIVATE)
    if private:
        record_access(request.user, "view_notice", case=notice.case, obj=notice,
                      fields=["body", "recipient_email", "recipient_account"], purpose="review a notice before sending")
    return render(request, "notices/staff/notice.html", {
        "notice": notice, "private": private, "preview": rendering.preview_body(notice.body),
        "can_change": request.user.has_perm("notices.change_notice"),
        "can_hold": request.user.has_perm("notices.add_legalhold"),
        "editable": notice.status in Notice.EDITABLE,
        "sendable": notice.status in services.SENDABLE and not (notice.status == Notice.Status.HELD and notice.approved_at),
        "retryable": notice.status in (Notice.Status.FAILED, Notice.Status.QUEUED),
        "cancellable": notice.status not in (Notice.Status.SENT, Notice.Status.CANCELLED, Notice.Status.SENDING),
        "case_url": _case_url(notice.case), "marker": rendering.APPEAL_LINK_MARKER,
        "items": list(notice.items.all()) if private else [],
    })


@require_POST
@staff_required("notices.change_notice")
def notice_edit(request, pk: int):
    notice = get_object_or_404(Notice, pk=pk)
    if not request.user.has_perm(PRIVATE):
        messages.error(request, _("Editing a notice shows its recipient's data: you need access to private data."))
        return redirect("notices:notice", pk=pk)
    return _act(request, lambda: services.edit_notice(notice, request.user, subject=request.POST.get("subject", ""),
                                                      body=request.POST.get("body", "")),
                _("Notice saved. Review it, then send it."), reverse("notices:notice", args=[pk]))


@require_POST
@staff_required("notices.change_notice")
def notice_send(request, pk: int):
    notice = get_object_or_404(Notice, pk=pk)
    return _act(request, lambda: services.send_notice(notice, request.user),
                _("Notice approved and queued for delivery."), reverse("notices:notice", args=[pk]))


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
    return _act(request, lambda: services.cancel_notice(notice, request.user, request.POST.get("reason", "")),
                _("Notice cancelled; the reason is recorded."), reverse("notices:notice", args=[pk]))


@require_POST
@staff_required("notices.change_notice")
def case_send_all(request, pk: int):
    """Approve and queue every draft notice of a case at once (from the case panel)."""
    case = get_object_or_404(Case, pk=pk)

    def send_all():
        for notice in case.notices.filter(status__in=[Notice.Status.DRAFT, Notice.Status.APPROVED]):
            services.send_notice(notice, request.user)

    return _act(request, send_all, _("The notices were approved and queued."), reverse("notices:outbox"))


# --- Staff: legal holds ---------------------------------------------------------------------------

def _parse_until(value: str):
    value = (value or "").strip()
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise DomainError(_("Write the end of the hold as a date (YYYY-MM-DD), or leave it empty."),
                              code="invalid", field="until")
        moment = datetime.combine(day, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


@staff_required("notices.view_legalhold")
def holds(request):
    active = request.GET.get("show") != "all"
    qs = LegalHold.objects.select_related("case").annotate(held=Count("notices"))
    if active:
        qs = qs.filter(lifted_at__isnull=True)
    return render(request, "notices/staff/holds.html", {
        "holds": qs[:200], "active_only": active, "can_release": request.user.has_perm("notices.release_notice"),
    })


@staff_required("notices.add_legalhold")
def hold_new(request, case_pk: int):
    case = get_object_or_404(Case, pk=case_pk)
    values = {"reason": "", "until": "", "legal_reference": "", "scope": LegalHold.Scope.AFFECTED_USERS}
    error = None
    if request.method == "POST":
        values = {k: request.POST.get(k, values[k]) for k in values}
        try:
            services.place_hold(case, request.user, reason=values["reason"], until=_parse_until(values["until"]),
                                legal_reference=values["legal_reference"], scope=values["scope"])
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("Legal hold recorded; the notices it covers are held."))
            return redirect("notices:holds")
    return render(request, "notices/staff/hold_form.html", {
        "case": case, "values": values, "error": error, "scopes": LegalHold.Scope.choices,
        "case_url": _case_url(case),
    }, status=400 if error else 200)


@require_POST
@staff_required("notices.release_notice")
def hold_lift(request, pk: int):
    hold = get_object_or_404(LegalHold, pk=pk)
    return _act(request, lambda: services.lift_hold(hold, request.user, request.POST.get("reason", "")),
                _("Hold lifted; its notices are released."), reverse("notices:holds"))


# --- Staff: appeals -------------------------------------------------------------------------------

@staff_required(*appeals.REVIEW_PERMISSIONS)
def appeal_decide(request, pk: int):
    appeal = get_object_or_404(Case.objects.select_related("appeal_of"), pk=pk, kind=c.Kind.APPEAL)
    if not appeal.appeal_of_id:
        raise Http404("Not an appeal of a case.")
    original = appeal.appeal_of
    values = {"outcome": "", "reasons": "", "restore": []}
    error = None
    if request.method == "POST":
        values = {"outcome": request.POST.get("outcome", ""), "reasons": request.POST.get("reasons", ""),
                  "restore": request.POST.getlist("restore")}
        try:
            appeals.decide_appeal(appeal, values["outcome"], values["reasons"], request.user,
                                  restore_item_ids=[int(i) for i in values["restore"] if i.isdigit()])
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("Appeal decided; the appellant's notice is drafted in the outbox."))
            return redirect(_case_url(appeal) or "notices:outbox")
    involved = request.user.pk in appeals.involved_staff_ids(original)
    by_requester = AppealFiling.objects.filter(appeal=appeal, appellant_role=c.PartyRole.REQUESTER).exists()
    return render(request, "notices/staff/appeal_decide.html", {
        "appeal": appeal, "original": original, "values": values, "error": error, "involved": involved,
        "outcomes": [(k, v) for k, v in APPEAL_OUTCOME_LABELS.items()],
        "items": [] if by_requester else list(appeals.restorable_items(original)),
        "eligible": appeals.eligible_reviewers(appeal)[:20], "by_requester": by_requester,
        "case_url": _case_url(appeal), "original_url": _case_url(original),
    }, status=400 if error else 200)


# --- Staff: placeholders export -------------------------------------------------------------------

@staff_required("notices.view_placeholder")
def placeholders_export(request):
    return JsonResponse({"placeholders": placeholders.export(get_language())}, json_dumps_params={"ensure_ascii": False})


# --- Public: appeal through the link in a notice -------------------------------------------------

def _notice_for_token(token: str) -> Notice | None:
    if not token or len(token) < 20:
        return None
    return Notice.objects.select_related("case", "appeal").filter(appeal_token_digest=token_digest(token)).first()


def appeal_page(request, token: str):
    notice = _notice_for_token(token)
    if notice is None:
        response = render(request, "notices/public/appeal_unknown.html", status=404)
        response._has_been_logged = True  # the path may be someone's mistyped private token
        return response
    original = notice.case
    appeal = notice.appeal
    error = None
    text = ""
    role_label = "requester" if notice.recipient_role == c.PartyRole.REQUESTER else "affected_user"
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            if appeal is not None:
                appeals.add_information(appeal, text, role_label)
                messages.success(request, _("Thank you. Your information was added to the appeal."))
            else:
                appeals.file_appeal(original, notice.recipient_role, text, get_language(), role_label, notice=notice)
                messages.success(request, _("Your appeal was received. A person who took no part in the first "
                                            "decision will review it."))
        except DomainError as exc:
            error = exc
        else:
            return redirect(request.path)
    deadline = appeals.appeal_deadline(original, notice.recipient_role, notice)
    filing = AppealFiling.objects.filter(appeal=appeal).first() if appeal else None
    outcome = rendering.outcome_label(appeal) if appeal and appeal.outcome else ""
    response = render(request, "notices/public/appeal.html", {
        "notice": notice, "original": original, "appeal": appeal, "filing": filing, "error": error, "text": text,
        "deadline": deadline, "expired": deadline is not None and timezone.now() > deadline, "outcome": outcome,
    }, status=400 if error else 200)
    # The URL is a private token: never send it to another site. ("no-referrer" would make browsers send
    # "Origin: null" with the form, which CSRF protection rightly refuses.)
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    # Django logs 4xx responses with their path, which here is the private token: keep it out of the logs.
    response._has_been_logged = True
    return response
