"""The due-diligence register: list with filters, one assessment with its risks and mitigations, CSV export.

Thin: each form is checked here and its change made by ``diligence.services``. Each form is done once
(core.form_once): sent again (a double click, the back button), nothing is done again and the second sending is told
what the first did."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightsdesk.accounts.access import staff_required
from rightsdesk.core import form_once
from rightsdesk.core.cells import csv_row
from rightsdesk.core.errors import DomainError, NotPermitted
from rightsdesk.core.versions import ChangedSince

from . import selectors, services
from .forms import AssessmentForm, MitigationForm, RiskForm
from .models import Assessment, Mitigation, Right, Risk
from .services import ADD, CHANGE, VIEW


def forbidden(request, message: str):
    """The staff workspace's "not permitted" page (the register's pages share the workspace's templates)."""
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def staff_view(*perms: str):
    return staff_required(*perms, denied=forbidden)


@staff_view(VIEW)
def register(request):
    f = selectors.filters(request.GET)
    qs = selectors.assessments(f)
    return render(request, "diligence/list.html", {
        "assessments": qs, "f": f, "statuses": Assessment.Status.choices, "rights": Right.choices,
        "query": request.GET.urlencode(), "may_add": request.user.has_perm(ADD), "today": timezone.localdate(),
    })


@staff_view(VIEW)
def export_csv(request):
    qs = selectors.assessments(selectors.filters(request.GET))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="due-diligence-register.csv"'
    writer = csv.writer(response)
    writer.writerow(["assessment_id", "title", "subject", "status", "rights_at_stake", "owner", "assessed_on",
                     "review_on", "risk_id", "risk", "right", "severity", "likelihood", "score", "mitigation",
                     "mitigation_owner", "mitigation_due_on", "mitigation_status"])
    for a in qs.prefetch_related("risks__mitigations__owner"):
        head = [a.pk, a.title, a.subject, a.status, ";".join(a.rights_at_stake), a.owner.get_username() if a.owner else "",
                a.assessed_on.isoformat(), a.review_on.isoformat()]
        risks = list(a.risks.all())
        if not risks:
            writer.writerow(csv_row(head + [""] * 10))
        for r in risks:
            risk = [r.pk, r.description, r.right, r.severity, r.likelihood, r.score]
            mitigations = list(r.mitigations.all())
            if not mitigations:
                writer.writerow(csv_row(head + risk + [""] * 4))
            for m in mitigations:
                writer.writerow(csv_row(head + risk + [
                    m.description, m.owner.get_username() if m.owner else "", m.due_on.isoformat(), m.status]))
    return response


def _done_once(request, work, *, said: str, refused, back: str, to: int | None = None):
    """Do a checked form's change once (core.form_once): ``work()`` makes it; the answer leads to assessment ``to``
    (None: the one ``work()`` returns); ``said`` is the confirmation. Sent again (a double click, the back button), nothing is done again and
    the second sending leads where the first did, the confirmation said once. A refusal (``refused(error)``) frees
    the token: the corrected form may be sent. Every form of a page carries the page's token; the address tells
    them apart (core.form_once.page_token)."""
    once = form_once.page_token(request)

    def answered(made: str):
        form_once.say_once(request, messages.SUCCESS, said)
        return redirect("diligence:detail", pk=int(made))

    def failed(error: DomainError):
        if isinstance(error, NotPermitted) and error.missing_permission:
            return forbidden(request, error.message)
        return refused(error)

    def done() -> str:
        made = work()
        return str(to if to is not None else made.pk)

    return form_once.do_once(once, done, answer=answered, refused=failed,
                             again=lambda: form_once.answer_again(once, answered, lambda: redirect(back)))


def _checked(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "version"}


@staff_view(ADD)
def create(request):
    """A new assessment; a refused form comes back with what was typed and answers 400, like every refused form."""
    form = AssessmentForm(request.POST or None)

    def refused(error: DomainError | None = None, status: int = 400):
        if error is not None:
            form.add_error(None, error.message)
        return render(request, "diligence/form.html", {"form": form, "title": _("New impact assessment"),
                                                       "form_token": form_once.new_form_token()}, status=status)

    if request.method != "POST":
        return refused(status=200)
    if not form.is_valid():
        return refused()
    return _done_once(request, lambda: services.create_assessment(request.user, _checked(form)),
                      said=_("Assessment created. Add the risks you found."), refused=refused,
                      back=reverse("diligence:list"))


@staff_view(VIEW)
def detail(request, pk: int):
    return _detail(request, get_object_or_404(Assessment.objects.select_related("owner"), pk=pk))


#: The prefix of each form's field ids on the assessment page (``auto_id``): one per form, so ids never repeat.
ASSESSMENT_IDS, RISK_IDS = "a-%s", "risk-%s"


def _mitigation_ids(risk_id: int) -> str:
    return f"m{risk_id}-%s"


def _detail(request, assessment: Assessment, *, refused=None, status: int = 400):
    """The assessment's page. A refused form (``refused``, bound) is shown again where it was, open, with what was
    typed and its error summary (status 400): a redirect with the errors as messages threw away the risk, the
    mitigation or the whole edit that had been typed. Each form's ids have a prefix of their own (``auto_id``), so
    a label and a summary's link lead to the form's own field: the risk's, each mitigation's and the assessment's
    fields were all ``id_<name>``, and the labels of a second risk's mitigation form led to the first one's.
    Every form carries the page's one-time token (core.form_once) and the status forms the status shown
    (``Mitigation.status_version``); a refused status (``status_refusal``) keeps the status chosen when a colleague
    changed it meanwhile (``chosen``)."""
    may_change = request.user.has_perm(CHANGE)
    risks = list(assessment.risks.prefetch_related("mitigations__owner"))
    status_refusal = refused if isinstance(refused, DomainError) else None

    def shown(form_class, auto_id: str, **kwargs):
        if isinstance(refused, form_class) and refused.auto_id == auto_id:
            return refused
        return form_class(auto_id=auto_id, **kwargs) if may_change else None

    for risk in risks:
        risk.mitigation_form = shown(MitigationForm, _mitigation_ids(risk.pk))
        for m in risk.mitigations.all():
            chosen = getattr(status_refusal, "chosen", "") if getattr(status_refusal, "mitigation_id", None) == m.pk \
                else ""
            m.status_shown = chosen or m.status
    return render(request, "diligence/detail.html", {
        "a": assessment, "risks": risks, "may_change": may_change,
        "form": shown(AssessmentForm, ASSESSMENT_IDS, instance=assessment),
        "risk_form": shown(RiskForm, RISK_IDS),
        "mitigation_statuses": Mitigation.Status.choices,
        # A refused status of a mitigation (a DomainError with the mitigation's id; its field is the status's id).
        "status_refusal": status_refusal,
        "form_token": form_once.new_form_token() if may_change else "",
    }, status=status if refused is not None else 200)


@require_POST
@staff_view(CHANGE)
def update(request, pk: int):
    assessment = get_object_or_404(Assessment.objects.select_related("owner"), pk=pk)
    form = AssessmentForm(request.POST, instance=assessment, auto_id=ASSESSMENT_IDS)
    if not form.is_valid():
        # Validating wrote the posted values into the instance; the refused page shows the stored facts above
        # the form (which shows what was posted).
        return _detail(request, Assessment.objects.select_related("owner").get(pk=pk), refused=form)

    def refused(error: DomainError):
        # Two staff editing the assessment: the later save, from a page older than the other's, is refused rather
        # than silently replacing it; the page shows the assessment as it is now above the form, which keeps what
        # was typed and, sent again, is a change of the assessment as it is now.
        stored = Assessment.objects.select_related("owner").get(pk=pk)
        form.add_error(None, error.message)
        if isinstance(error, ChangedSince):
            form.data = form.data.copy()
            form.data["version"] = stored.edit_version
        return _detail(request, stored, refused=form, status=error.http_status)

    return _done_once(request, lambda: services.update_assessment(
        assessment, request.user, _checked(form), version=request.POST.get("version")), to=pk,
        said=_("Assessment saved."), refused=refused, back=reverse("diligence:detail", args=[pk]))


@require_POST
@staff_view(CHANGE)
def add_risk(request, pk: int):
    assessment = get_object_or_404(Assessment, pk=pk)
    form = RiskForm(request.POST, auto_id=RISK_IDS)

    def refused(error: DomainError | None = None):
        if error is not None:
            form.add_error(None, error.message)
        return _detail(request, assessment, refused=form)

    if not form.is_valid():
        return refused()
    return _done_once(request, lambda: services.add_risk(assessment, request.user, _checked(form)), to=pk,
                      said=_("Risk added."), refused=refused, back=reverse("diligence:detail", args=[pk]))


@require_POST
@staff_view(CHANGE)
def add_mitigation(request, pk: int, risk_id: int):
    risk = get_object_or_404(Risk.objects.select_related("assessment"), pk=risk_id, assessment_id=pk)
    form = MitigationForm(request.POST, auto_id=_mitigation_ids(risk.pk))

    def refused(error: DomainError | None = None):
        if error is not None:
            form.add_error(None, error.message)
        return _detail(request, risk.assessment, refused=form)

    if not form.is_valid():
        return refused()
    return _done_once(request, lambda: services.add_mitigation(risk, request.user, _checked(form)), to=pk,
                      said=_("Mitigation added."), refused=refused, back=reverse("diligence:detail", args=[pk]))


@require_POST
@staff_view(CHANGE)
def mitigation_status(request, pk: int, mitigation_id: int):
    """A mitigation's status. One not in the list is refused on the assessment's page (400), the error in the summary
    and at the mitigation's status, which still shows the stored one: a redirect with the error as a message looked
    like a save to a client or an assistive tool. Set from a page older than a colleague's change of the status, it
    is refused (409) naming the status as it is now, the status chosen still chosen."""
    mitigation = get_object_or_404(Mitigation.objects.select_related("risk__assessment__owner"), pk=mitigation_id,
                                   risk__assessment_id=pk)
    status = request.POST.get("status", "")

    def refused(error: DomainError):
        error.field, error.mitigation_id = f"ms-{mitigation.pk}", mitigation.pk
        error.chosen = status if isinstance(error, ChangedSince) else ""
        return _detail(request, Assessment.objects.select_related("owner").get(pk=pk), refused=error,
                       status=error.http_status)

    return _done_once(request, lambda: services.set_mitigation_status(
        mitigation, request.user, status, version=request.POST.get("version")), to=pk,
        said=_("Mitigation status saved."), refused=refused, back=reverse("diligence:detail", args=[pk]))
