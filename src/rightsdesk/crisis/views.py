"""Staff pages of crisis response: the list, declaring and changing a crisis, its dashboard, ending it, the safety
review of a notice, and the public wording of the human-rights report. Thin: each calls ``crisis.services``."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_POST

from rightsdesk.accounts.access import staff_required
from rightsdesk.cases.policy import OPEN_STATES
from rightsdesk.core import form_once
from rightsdesk.core.errors import DomainError
from rightsdesk.core.examples import isolated_examples
from rightsdesk.core.form_address import form_of
from rightsdesk.core.versions import ChangedSince
from rightsdesk.diligence.models import Assessment, Mitigation, Risk
from rightsdesk.notices.models import Notice
from rightsdesk.notices.services import text_version

from . import services, stats
from .models import Crisis, CrisisKind
from .rules import VIEW


def forbidden(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def staff_view(*perms: str):
    return staff_required(*perms, denied=forbidden)


def _coordinators():
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username")


def _form_context(crisis=None, posted=None, error=None) -> dict:
    """The crisis's form; a refusal (``error``) names each field to fix at it (``errors``, every problem at once:
    ``services.CrisisRefused``) or, naming none, the form as a whole (``general``: a colleague's change, an end)."""
    errors = {field: message for field, message in error.field_errors().items() if field} if error else {}
    return {"crisis": crisis, "posted": posted, "error": error, "errors": errors,
            "form_token": form_once.new_form_token(),
            "general": error if error and not errors else None, "kinds": CrisisKind.choices,
            "coordinators": _coordinators(), "changed_since": isinstance(error, ChangedSince),
            "examples": isolated_examples()}


def _posted(request) -> dict:
    data = {k: request.POST.get(k, "") for k in ("title", "kind", "description", "countries", "projects",
                                                 "starts_on", "ends_on", "coordinator")}
    return data


@staff_view(VIEW)
def crisis_list(request):
    today = timezone.localdate()
    crises = list(Crisis.objects.select_related("coordinator"))
    return render(request, "crisis/list.html", {
        "running": [c for c in crises if c.is_running(today)],
        "other": [c for c in crises if not c.is_running(today)],
        "may_declare": request.user.has_perm(services.DECLARE), "year": today.year,
    })


@staff_view(services.DECLARE)
def declare(request):
    if request.method == "POST":
        posted = _posted(request)

        def declared() -> str:
            crisis = services.declare(posted, request.user)
            tagged = crisis.tags.count()
            messages.success(request, ngettext("Crisis declared. %(n)s open case it covers is tagged.",
                                               "Crisis declared. %(n)s open cases it covers are tagged.", tagged)
                             % {"n": tagged})
            return str(crisis.pk)

        # Declared once (core.form_once): a double click, or the form sent again, declares no second crisis; the
        # second sending leads to the crisis the first declared.
        once = form_once.sent_token(request.POST)
        shown = lambda made: redirect("crisis:detail", pk=int(made))  # noqa: E731
        return form_once.do_once(
            once, declared, answer=shown,
            refused=lambda error: render(request, "crisis/form.html", _form_context(posted=posted, error=error),
                                         status=400),
            again=lambda: form_once.answer_again(once, shown, lambda: redirect("crisis:list")))
    return render(request, "crisis/form.html", _form_context(
        posted={"starts_on": timezone.localdate().isoformat(), "coordinator": str(request.user.pk)}))


@staff_view(services.DECLARE)
def edit(request, pk: int):
    crisis = get_object_or_404(Crisis, pk=pk)
    if request.method == "POST":
        posted = _posted(request)
        try:
            services.update(crisis, posted, request.user, version=request.POST.get("version"))
        except DomainError as error:
            crisis.refresh_from_db()  # as a colleague left it: shown above the form, which keeps what was typed
            # Sent again, the form is a change of the record as it is now.
            posted["version"] = services.record_version(crisis)
            return render(request, "crisis/form.html", _form_context(crisis, posted, error), status=error.http_status)
        messages.success(request, _("Crisis saved."))
        return redirect("crisis:detail", pk=crisis.pk)
    posted = {"title": crisis.title, "kind": crisis.kind, "description": crisis.description,
              "countries": ", ".join(crisis.countries), "projects": ", ".join(crisis.projects),
              "starts_on": crisis.starts_on.isoformat(), "ends_on": crisis.ends_on.isoformat() if crisis.ends_on else "",
              "coordinator": str(crisis.coordinator_id), "version": services.record_version(crisis)}
    return render(request, "crisis/form.html", _form_context(crisis, posted))


@staff_view(VIEW)
def detail(request, pk: int):
    return _detail(request, pk)


def _detail(request, pk: int, *, end_error: DomainError | None = None, end_day: str = ""):
    """The crisis's page; a refused end comes back on it with the reason at the field and the day typed (400), or,
    when a colleague ended the crisis meanwhile, with the reason above the page (409)."""
    crisis = get_object_or_404(Crisis.objects.select_related("coordinator", "declared_by", "ended_by"), pk=pk)
    cases = (stats.cases_of(crisis).select_related("assigned_to")
             .order_by("state", "due_at", "received_at", "id"))
    now = timezone.now()
    rows = [{"case": case, "open": case.state in OPEN_STATES,
             "overdue": bool(case.due_at and case.due_at <= now and case.state in OPEN_STATES)} for case in cases]
    return render(request, "crisis/detail.html", {
        "crisis": crisis, "rows": rows, "counts": stats.counts(crisis), "running": crisis.is_running(),
        "end_error": end_error, "end_day": end_day,
        "may_declare": request.user.has_perm(services.DECLARE),
        "summary": crisis.summary, "kind_labels": dict(_kind_labels()), "outcome_labels": dict(_outcome_labels()),
    }, status=end_error.http_status if end_error else 200)


def _kind_labels():
    from rightsdesk.cases import choices as c

    return [(k, str(v)) for k, v in c.Kind.choices]


def _outcome_labels():
    from rightsdesk.cases import choices as c

    return [(k or "pending", str(v)) for k, v in c.Outcome.choices]


@require_POST
@staff_view(services.DECLARE)
def end(request, pk: int):
    crisis = get_object_or_404(Crisis, pk=pk)
    typed = request.POST.get("ends_on", "")
    try:
        services.end(crisis, request.user, last_day=typed or None)
    except DomainError as error:
        return _detail(request, pk, end_error=error, end_day=typed)  # the day typed kept, the reason at the field
    messages.success(request, _("Crisis ended; its summary is stored for the human-rights register."))
    return redirect("crisis:detail", pk=pk)


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def _safety_review_form_page(notice_pk: int) -> str:
    """The page the safety-review form is on: the crisis panel of the notice's case page (the list of crises when the
    notice is gone)."""
    reference = Notice.objects.filter(pk=notice_pk).values_list("case__reference", flat=True).first()
    return reverse("review:case", args=[reference]) + "#crisis" if reference else reverse("crisis:list")


@require_POST
@form_of(_safety_review_form_page)
@staff_view(services.REVIEW_SAFETY)
def safety_review(request, notice_pk: int):
    """Record the safety review of the wording the reviewer read. Refused (the notice was edited meanwhile, or the
    form was out of date), the form comes back on a page of its own with the note typed into it, for the wording as
    it is now: a redirect with the error as a message threw the note away."""
    notice = get_object_or_404(Notice, pk=notice_pk)
    try:
        services.record_safety_review(notice, request.user, version=request.POST.get("version", ""),
                                      note=request.POST.get("note", ""))
    except DomainError as error:
        return render(request, "crisis/safety_review.html", {
            "notice": notice, "version": text_version(notice), "error": error,
            "note": request.POST.get("note", ""), "next": request.POST.get("next", ""),
        }, status=error.http_status)
    messages.success(request, _("Safety review recorded: the notice may now be sent."))
    return _back(request, "review:home")


ITEMS = {"assessment": Assessment, "risk": Risk, "mitigation": Mitigation, "crisis": Crisis}


@staff_view(VIEW)
def wording(request, year: int):
    return _wording_page(request, year)


def _wording_page(request, year: int, *, refused: dict | None = None, status: int = 200):
    """Every item the human-rights report of ``year`` could show, with its draft and its reviewed public wording.

    Each draft form carries the version of the draft it shows (``crisis.services.draft_version``). After a refused
    form (``refused``: the item's key and pk, the error, and the draft that was typed, if any), that item's form
    comes back with the error and the typed words in the box, the item's draft as it is now above it."""
    groups = [
        (_("Impact assessments"), "assessment", Assessment.objects.filter(assessed_on__year=year)),
        (_("Risks"), "risk", Risk.objects.filter(assessment__assessed_on__year__lte=year)
         .exclude(assessment__status=Assessment.Status.ARCHIVED).select_related("assessment")),
        (_("Mitigations completed"), "mitigation", Mitigation.objects.filter(status=Mitigation.Status.DONE,
                                                                             due_on__year=year)),
        (_("Crises"), "crisis", Crisis.objects.overlapping(date(year, 1, 1), date(year, 12, 31))),
    ]
    groups = [(title, key, list(items)) for title, key, items in groups]
    for _title, key, items in groups:
        for obj in items:
            obj.draft_version, obj.draft_id = services.draft_version(obj), f"d-{key}-{obj.pk}"
            obj.refused = refused if refused and refused["key"] == key and refused["pk"] == obj.pk else None
            obj.draft_shown = obj.public_draft if obj.refused is None or obj.refused["draft"] is None \
                else obj.refused["draft"]
    return render(request, "crisis/wording.html", {
        "year": year, "groups": groups,
        "may_write": request.user.has_perm("crisis.change_crisis") or request.user.has_perm("diligence.change_assessment"),
        "may_approve": request.user.has_perm(services.REVIEW_WORDING),
    }, status=status)


#: Who may write public wording (crisis.change_crisis, diligence.change_assessment) or approve it.
WORDING = ("crisis.change_crisis", "diligence.change_assessment", "crisis.review_public_wording")


def _year_shown(item: str, obj) -> int:
    """The year whose wording page shows ``obj`` (``_wording_page``'s groups): its own year, or this year for what
    every year from its own shows (a risk, a crisis not ended)."""
    this_year = timezone.localdate().year
    if item == "assessment":
        return obj.assessed_on.year
    if item == "mitigation" and obj.due_on:
        return obj.due_on.year
    if item == "crisis":
        return max(obj.starts_on.year, min(this_year, obj.ends_on.year if obj.ends_on else this_year))
    return this_year


def _wording_form_page(item: str, pk: int) -> str:
    """The page an item's wording forms are on: the wording page of the year that shows it, at the item (the list of
    crises when it is gone)."""
    model = ITEMS.get(item)
    obj = model.objects.filter(pk=pk).first() if model is not None else None
    if obj is None:
        return reverse("crisis:list")
    return reverse("crisis:wording", args=[_year_shown(item, obj)]) + f"#w-{item}-{pk}"


@require_POST
@form_of(_wording_form_page)
@staff_view(*WORDING)
def wording_save(request, item: str, pk: int):
    """Save a draft, approve it or withdraw it. Refused (a colleague saved the draft meanwhile, the draft changed
    before the approval), the wording page comes back with the error at the item and the words typed still in the
    box: a redirect with the error as a message threw them away."""
    model = ITEMS.get(item)
    if model is None:
        return forbidden(request, _("Unknown kind of item."))
    obj = get_object_or_404(model, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "approve":
            services.approve_public_wording(obj, request.user, text=request.POST.get("reviewed", ""))
            messages.success(request, _("Public wording approved."))
        elif action == "withdraw":
            services.withdraw_public_wording(obj, request.user)
            messages.success(request, _("Public wording withdrawn from the report."))
        else:
            services.save_public_draft(obj, request.user, request.POST.get("draft", ""),
                                       version=request.POST.get("version"))
            messages.success(request, _("Draft saved; it is public only once a reviewer approves it."))
    except DomainError as error:
        year = request.POST.get("year", "")
        typed = request.POST.get("draft", "") if action not in ("approve", "withdraw") else None
        return _wording_page(request, int(year) if year.isdigit() else timezone.localdate().year,
                             refused={"key": item, "pk": obj.pk, "error": error, "draft": typed},
                             status=error.http_status)
    return _back(request, "crisis:list")
