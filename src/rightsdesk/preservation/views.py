"""The Preservation panel's forms: record the request, the preservation, the renewal, the release, a refusal. Thin:
read the form, call the service, go back to the case page; a refusal is shown next to its form with what was typed
kept (the session carries it back once, sealed and for its own case: privacy.refused_forms). Each form is done once (core.form_once): sent again (a double click, the back
button), it writes nothing and is told what the first sending did."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightsdesk.accounts import access
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA, APPROVER_PERMISSIONS, WORKER_PERMISSIONS
from rightsdesk.core import form_once
from rightsdesk.core.errors import DomainError
from rightsdesk.privacy import refused_forms

from . import services
from .models import Preservation
from .selectors import FAILED_KEY

REQUEST_FIELDS = ("authority_name", "authority_country", "legal_basis", "authority_reference", "accounts")


def _denied(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def _back(case: Case):
    return redirect(reverse("review:case", args=[case.reference]) + "#preservation")


def _act(request, case: Case, form: str, fields, act, done: str):
    typed = {"form": form, **{name: request.POST.get(name, "") for name in fields}}
    once = form_once.sent_token(request.POST)

    def work() -> str:
        act(typed)
        return form  # what the first sending did, for a later sending's answer

    def refused(error: DomainError):
        refused_forms.keep(request.session, FAILED_KEY, case.reference,
                           {"message": error.message, "field": error.field or "", **typed})
        return _back(case)

    def answered(_made: str):
        form_once.say_once(request, messages.SUCCESS, done)
        return _back(case)

    # Sent twice (a double click, the back button): done once, and the second sending is told it was done, instead
    # of a second history note (a request "corrected" to what it already says) or a refusal its own first made true.
    return form_once.do_once(once, work, answer=answered, refused=refused,
                             again=lambda: form_once.answer_again(once, answered, lambda: _back(case)))


def _preservation(reference: str) -> Preservation:
    return get_object_or_404(Preservation.objects.select_related("case"), case__reference=reference)


@require_POST
@access.staff_required(*WORKER_PERMISSIONS, denied=_denied)
def record_request(request, reference: str):
    case = get_object_or_404(Case, reference=reference)
    if not request.user.has_perm(ACCESS_PRIVATE_DATA):
        return _denied(request, _("Recording the accounts named needs access to personal data."))
    return _act(request, case, "request", REQUEST_FIELDS,
                lambda typed: services.record_request(case, typed, request.user),
                _("The preservation request was recorded."))


@require_POST
@access.staff_required(*WORKER_PERMISSIONS, denied=_denied)
def preserved(request, reference: str):
    p = _preservation(reference)
    return _act(request, p.case, "preserved", ("systems_reference", "preserved_description"),
                lambda typed: services.record_preserved(p, typed["systems_reference"], typed["preserved_description"],
                                                        request.user),
                _("The preservation was recorded: the 90 days run."))


@require_POST
@access.staff_required(*APPROVER_PERMISSIONS, denied=_denied)
def renew(request, reference: str):
    p = _preservation(reference)
    return _act(request, p.case, "renew", ("reason",),
                lambda typed: services.renew(p, typed["reason"], request.user),
                _("The preservation was renewed for 90 days."))


@require_POST
@access.staff_required(*WORKER_PERMISSIONS, denied=_denied)
def release(request, reference: str):
    p = _preservation(reference)
    return _act(request, p.case, "release", ("release_note",),
                lambda typed: services.release(p, typed["release_note"], request.user),
                _("The release was recorded."))


@require_POST
@access.staff_required(*WORKER_PERMISSIONS, denied=_denied)
def refuse(request, reference: str):
    p = _preservation(reference)
    return _act(request, p.case, "refuse", ("refusal_reason",),
                lambda typed: services.refuse(p, typed["refusal_reason"], request.user),
                _("The preservation request was refused."))
