"""The legal-support staff pages: the list, a request's page with its steps, the counsel list, the e-mail hand-over.

Only the role "legal support" holds the permissions; everyone else gets the same 403 whatever the reference (so a
403 says nothing about whether a request exists). Reads go through :mod:`.selectors` (each look audited), writes
through :mod:`.services`.
"""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rightsdesk.accounts.access import has_any, staff_required
from rightsdesk.core.form_address import form_of
from rightsdesk.audit.services import record_access
from rightsdesk.core import meanwhile
from rightsdesk.core.bidi import ltr_text
from rightsdesk.core.errors import DomainError
from rightsdesk.core.versions import ChangedSince
from rightsdesk.intake.views import private_page
from rightsdesk.mail.models import InboundMessage

from . import selectors, services, workflow
from .forms import (BudgetForm, CloseForm, CounselForm, DecisionForm, EligibilityForm, MessageForm, ReferralForm,
                    as_bool)
from .models import Counsel, State
from .workflow import CHANGE, DECIDE, VIEW


def _denied(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def _yes_no(value) -> str:
    return "" if value is None else ("yes" if value else "no")


@private_page
@staff_required(VIEW, denied=_denied)
@require_http_methods(["GET"])
def request_list(request):
    state = request.GET.get("state", "")
    return render(request, "legalsupport/staff_list.html", {
        "rows": selectors.requests_for(request.user, state=state), "state": state, "states": State.choices,
    })


def _forms(r, bound: dict | None = None) -> dict:
    bound = bound or {}
    counsel = selectors.counsel_for(r)
    choices = [(str(c.pk), f"{c.name} · {c.country.name} · {c.languages}") for c in counsel]
    if r.counsel_id and str(r.counsel_id) not in {v for v, _l in choices}:
        choices.append((str(r.counsel_id), r.counsel.name))
    shown = {
        "eligibility": bound.get("eligibility") or EligibilityForm(initial={
            "good_faith": _yes_no(r.good_faith), "threat_related": _yes_no(r.threat_related),
            "country_risk": r.country_risk, "notes": r.eligibility_notes,
            "version": services.form_version(r, "eligibility")}),
        "decision": bound.get("decision") or DecisionForm(initial={"reasons": r.decision_reasons}),
        "referral": bound.get("referral") or ReferralForm(counsel_choices=choices, initial={
            "counsel": str(r.counsel_id or ""), "shared": r.counsel_shared}),
        "budget": bound.get("budget") or BudgetForm(initial={
            "committed": r.budget_committed, "spent": r.budget_spent, "overspend_reason": r.overspend_reason,
            "version": services.form_version(r, "budget")}),
        "message": bound.get("message") or MessageForm(initial={
            "message": r.message_to_requester, "version": services.form_version(r, "message")}),
        "close": bound.get("close") or CloseForm(),
    }
    for form in shown.values():
        form.describe()  # help and errors tied to their fields
    return shown


#: The refusals of a step another person made impossible meanwhile (the request decided or closed): the page no
#: longer offers the form that was sent, so what was typed in it is given back to copy (409).
MOVED_ON = {"wrong_state", "decided", "closed", meanwhile.CODE}


#: The services name a refused field by the request's field; the form's field of the same thing, where it differs.
FORM_FIELD = {"decision_reasons": "reasons", "eligibility_notes": "notes", "budget_committed": "committed",
              "budget_spent": "spent", "message_to_requester": "message", "outcome_note": "note"}


def _typed(form) -> str:
    """The words typed into a form's text fields: one alone as typed, several each after its label."""
    typed = [(field.label, (form.data.get(name) or "").strip()) for name, field in form.fields.items()
             if isinstance(field, forms.CharField) and not field.widget.is_hidden]
    typed = [(label, value) for label, value in typed if value]
    if len(typed) == 1:
        return typed[0][1]
    return "\n\n".join(f"{label}: {value}" for label, value in typed)


def _page(request, reference: str, *, bound=None, error: str = "", failed: str = "", status: int = 200,
          unsent: str = "", changed_since: bool = False):
    r = selectors.request_for(request.user, reference)
    user = request.user
    if changed_since:
        # A colleague saved this form since the page was opened: the page shows what is saved now, the form keeps
        # what was typed, with the version of now (sent again, once put together, it is a change of what is now).
        form = bound[failed]
        form.data = form.data.copy()
        form.data["version"] = services.form_version(r, failed)
    return render(request, "legalsupport/staff_detail.html", {
        "r": r, "forms": _forms(r, bound), "error": error, "failed": failed, "unsent": unsent,
        "failed_form": (bound or {}).get(failed),
        "changed_since": failed if changed_since else "",
        "error_target": "unsent" if unsent else failed,
        "events": [(e, workflow.event_label(e), State(e.to_state).label if e.to_state else "")
                   for e in r.events.select_related("actor")],
        "attachments": r.attachments.all(),
        "checklist_missing": services.checklist_missing(r),
        "may_change": has_any(user, CHANGE) and r.is_open, "may_decide": has_any(user, DECIDE),
        "steps": [t.name for t in workflow.available(r)],
    }, status=status)


@private_page
@staff_required(VIEW, denied=_denied)
@require_http_methods(["GET"])
def request_detail(request, reference: str):
    return _page(request, reference)


def _act(request, reference: str, name: str, form, do, done: str):
    r = get_object_or_404(services.LegalSupportRequest, reference=reference)
    if form is not None and not form.is_valid():
        # Each problem at its field and in the summary, labelled with the field (_error_summary.html lists the form's
        # errors): a general "check the form" named the form by its internal name and not what to fix.
        return _page(request, reference, bound={name: form}, failed=name, status=400)
    try:
        do(r, form.cleaned_data if form is not None else {})
    except DomainError as exc:
        moved_on = exc.code in MOVED_ON
        changed_since = isinstance(exc, ChangedSince)
        at_field = FORM_FIELD.get(exc.field, exc.field)
        if form is not None and not (moved_on or changed_since) and at_field in form.fields:
            form.add_error(at_field, exc.message)  # the rule's refusal, at the field it is about
            return _page(request, reference, bound={name: form}, failed=name,
                         status=403 if exc.code == "not_permitted" else 400)
        return _page(request, reference, bound={name: form} if form is not None else None, failed=name,
                     error=exc.message,
                     status=403 if exc.code == "not_permitted" else 409 if moved_on or changed_since else 400,
                     unsent=_typed(form) if moved_on and form is not None else "", changed_since=changed_since)
    messages.success(request, done)
    return redirect("legalsupport:staff_detail", reference=reference)


@private_page
@require_POST
@staff_required(CHANGE, denied=_denied)
def start(request, reference: str):
    return _act(request, reference, "start", None, lambda r, d: services.start_assessment(r, request.user),
                _("The assessment has started."))


@private_page
@require_POST
@staff_required(CHANGE, denied=_denied)
def eligibility(request, reference: str):
    return _act(request, reference, "eligibility", EligibilityForm(request.POST),
                lambda r, d: services.record_eligibility(
                    r, request.user, good_faith=as_bool(d["good_faith"]), threat_related=as_bool(d["threat_related"]),
                    country_risk=d["country_risk"], notes=d["notes"], version=request.POST.get("version")),
                _("The eligibility checklist is saved."))


@private_page
@require_POST
@staff_required(DECIDE, denied=_denied)
def decide(request, reference: str):
    return _act(request, reference, "decision", DecisionForm(request.POST),
                lambda r, d: services.decide(r, request.user, support=d["decision"] == "support", reasons=d["reasons"]),
                _("The decision is recorded."))


@private_page
@require_POST
@staff_required(CHANGE, denied=_denied)
def refer(request, reference: str):
    r = get_object_or_404(services.LegalSupportRequest, reference=reference)
    choices = [(str(c.pk), c.name) for c in Counsel.objects.all()]
    form = ReferralForm(request.POST, counsel_choices=choices)

    def do(r, d):
        counsel = Counsel.objects.filter(pk=d["counsel"]).first() if d["counsel"] else None
        services.refer(r, request.user, counsel=counsel, shared=d["shared"])

    return _act(request, r.reference, "referral", form, do, _("The referral is saved."))


@private_page
@require_POST
@staff_required(DECIDE, denied=_denied)
def budget(request, reference: str):
    return _act(request, reference, "budget", BudgetForm(request.POST),
                lambda r, d: services.set_budget(r, request.user, committed=d["committed"], spent=d["spent"],
                                                 overspend_reason=d["overspend_reason"],
                                                 version=request.POST.get("version")),
                _("The budget is saved."))


@private_page
@require_POST
@staff_required(CHANGE, denied=_denied)
def message(request, reference: str):
    return _act(request, reference, "message", MessageForm(request.POST),
                lambda r, d: services.tell_requester(r, request.user, message=d["message"],
                                                     version=request.POST.get("version")),
                _("The contributor will see this message on their tracking page."))


@private_page
@require_POST
@staff_required(CHANGE, denied=_denied)
def close(request, reference: str):
    return _act(request, reference, "close", CloseForm(request.POST),
                lambda r, d: services.close(r, request.user, outcome=d["outcome"], note=d["note"]),
                _("The request is closed."))


@private_page
@staff_required(VIEW, denied=_denied)
@require_http_methods(["GET"])
def attachment(request, reference: str, pk: int):
    r = selectors.request_for(request.user, reference, purpose="attachment")
    a = get_object_or_404(r.attachments, pk=pk)
    record_access(request.user, "download", obj=r, fields=["attachment"], purpose="legal support: attachment")
    response = FileResponse(io.BytesIO(services.read_attachment(a)), as_attachment=True, filename=a.original_name,
                            content_type="application/octet-stream")
    return response


@private_page
@staff_required(VIEW, denied=_denied)
@require_http_methods(["GET", "POST"])
def counsel_list(request, pk: int | None = None):
    editing = get_object_or_404(Counsel, pk=pk) if pk else None
    status = 200
    if request.method == "POST":
        form = CounselForm(request.POST)
        if form.is_valid():
            try:
                services.save_counsel(request.user, counsel=editing, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The list of counsel is saved."))
                return redirect("legalsupport:counsel")
        status = 400
    else:
        form = CounselForm(initial={"name": editing.name, "country": editing.country.code, "languages": editing.languages,
                                    "contact": editing.contact, "active": editing.active} if editing else None)
    form.describe()  # help and errors tied to their fields
    return render(request, "legalsupport/counsel.html", {
        "rows": selectors.counsel_list(request.user), "form": form, "editing": editing,
        "may_change": has_any(request.user, CHANGE),
    }, status=status)


@private_page
@require_POST
@form_of(lambda pk: reverse("mail:message", args=[pk]))
@staff_required(CHANGE, denied=_denied)
def from_mail(request, pk: int):
    """The staff inbox's button: this e-mail is a contributor asking for legal support."""
    inbound = get_object_or_404(InboundMessage, pk=pk)
    try:
        filed, _token = services.request_from_message(inbound, request.user)
    except DomainError as exc:
        # No form here to show a refusal beside its field: the service's refusal names it (core.errors.field_said).
        messages.error(request, exc.message)
        return redirect("mail:message", pk=pk)
    messages.success(request, _("The e-mail is now legal-support request %(reference)s; its text and files were "
                                "removed from the inbox.") % {"reference": ltr_text(filed.reference)})
    return redirect("legalsupport:staff_detail", reference=filed.reference)
