"""The due-diligence register: list with filters, one assessment with its risks and mitigations, CSV export."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightsdesk.accounts.access import staff_required
from rightsdesk.core.cells import csv_row
from rightsdesk.core.errors import DomainError
from rightsdesk.core.versions import ChangedSince, refuse_if_changed

from .forms import AssessmentForm, MitigationForm, RiskForm
from .models import Assessment, Mitigation, Right, Risk

VIEW, ADD, CHANGE = "diligence.view_assessment", "diligence.add_assessment", "diligence.change_assessment"


def forbidden(request, message: str):
    """The staff workspace's "not permitted" page (the register's pages share the workspace's templates)."""
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def staff_view(*perms: str):
    return staff_required(*perms, denied=forbidden)


def filtered(request):
    qs = Assessment.objects.select_related("owner").annotate(
        risk_count=Count("risks", distinct=True), max_severity=Max("risks__severity"),
        open_mitigations=Count("risks__mitigations", filter=Q(risks__mitigations__status__in=["planned", "in_progress"]),
                               distinct=True))
    f = {k: request.GET.get(k, "").strip() for k in ("q", "status", "right", "review", "severity")}
    if f["q"]:
        qs = qs.filter(Q(title__icontains=f["q"]) | Q(subject__icontains=f["q"]))
    if f["status"] in Assessment.Status.values:
        qs = qs.filter(status=f["status"])
    if f["right"] in Right.values:
        # JSON containment differs between databases; a text match on the quoted value works on both.
        qs = qs.filter(rights_at_stake__icontains=f'"{f["right"]}"')
    if f["review"] == "overdue":
        qs = qs.filter(review_on__lt=timezone.localdate()).exclude(status=Assessment.Status.ARCHIVED)
    if f["severity"].isdigit():
        qs = qs.filter(risks__severity__gte=int(f["severity"])).distinct()
    return qs.order_by("review_on", "id"), f


@staff_view(VIEW)
def register(request):
    qs, f = filtered(request)
    return render(request, "diligence/list.html", {
        "assessments": qs, "f": f, "statuses": Assessment.Status.choices, "rights": Right.choices,
        "query": request.GET.urlencode(), "may_add": request.user.has_perm(ADD), "today": timezone.localdate(),
    })


@staff_view(VIEW)
def export_csv(request):
    qs, _f = filtered(request)
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


@staff_view(ADD)
def create(request):
    """A new assessment; a refused form comes back with what was typed and answers 400, like every refused form."""
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assessment = form.save()
        messages.success(request, _("Assessment created. Add the risks you found."))
        return redirect("diligence:detail", pk=assessment.pk)
    return render(request, "diligence/form.html", {"form": form, "title": _("New impact assessment")},
                  status=400 if form.is_bound else 200)


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
    fields were all ``id_<name>``, and the labels of a second risk's mitigation form led to the first one's."""
    may_change = request.user.has_perm(CHANGE)
    risks = list(assessment.risks.prefetch_related("mitigations__owner"))

    def shown(form_class, auto_id: str, **kwargs):
        if isinstance(refused, form_class) and refused.auto_id == auto_id:
            return refused
        return form_class(auto_id=auto_id, **kwargs) if may_change else None

    for risk in risks:
        risk.mitigation_form = shown(MitigationForm, _mitigation_ids(risk.pk))
    return render(request, "diligence/detail.html", {
        "a": assessment, "risks": risks, "may_change": may_change,
        "form": shown(AssessmentForm, ASSESSMENT_IDS, instance=assessment),
        "risk_form": shown(RiskForm, RISK_IDS),
        "mitigation_statuses": Mitigation.Status.choices,
        # A refused status of a mitigation (a DomainError with the mitigation's id; its field is the status's id).
        "status_refusal": refused if isinstance(refused, DomainError) else None,
    }, status=status if refused is not None else 200)


@require_POST
@staff_view(CHANGE)
def update(request, pk: int):
    assessment = get_object_or_404(Assessment.objects.select_related("owner"), pk=pk)
    form = AssessmentForm(request.POST, instance=assessment, auto_id=ASSESSMENT_IDS)
    with transaction.atomic():
        stored = Assessment.objects.select_for_update().get(pk=pk)
        try:
            # Two staff editing the assessment: the later save, from a page older than the other's, is refused
            # rather than silently replacing it.
            refuse_if_changed(request.POST.get("version"), stored.edit_version, _(
                "Someone else saved this assessment after you opened the page. Nothing was saved: the assessment "
                "as it is now is shown above, your changes are in the form. Put them together, then save again."))
        except ChangedSince as error:
            form.is_valid()
            form.add_error(None, error.message)
            form.data = form.data.copy()
            form.data["version"] = stored.edit_version  # sent again, the form is a change of the assessment as it is now
            return _detail(request, stored, refused=form, status=error.http_status)
        if not form.is_valid():
            # Validating wrote the posted values into the instance; the refused page shows the stored facts above
            # the form (which shows what was posted).
            return _detail(request, stored, refused=form)
        form.save()
    messages.success(request, _("Assessment saved."))
    return redirect("diligence:detail", pk=pk)


@require_POST
@staff_view(CHANGE)
def add_risk(request, pk: int):
    assessment = get_object_or_404(Assessment, pk=pk)
    form = RiskForm(request.POST, auto_id=RISK_IDS)
    if not form.is_valid():
        return _detail(request, assessment, refused=form)
    with transaction.atomic():
        risk = form.save(commit=False)
        risk.assessment = assessment
        risk.save()
    messages.success(request, _("Risk added."))
    return redirect("diligence:detail", pk=pk)


@require_POST
@staff_view(CHANGE)
def add_mitigation(request, pk: int, risk_id: int):
    risk = get_object_or_404(Risk.objects.select_related("assessment"), pk=risk_id, assessment_id=pk)
    form = MitigationForm(request.POST, auto_id=_mitigation_ids(risk.pk))
    if not form.is_valid():
        return _detail(request, risk.assessment, refused=form)
    mitigation = form.save(commit=False)
    mitigation.risk = risk
    mitigation.save()
    messages.success(request, _("Mitigation added."))
    return redirect("diligence:detail", pk=pk)


@require_POST
@staff_view(CHANGE)
def mitigation_status(request, pk: int, mitigation_id: int):
    """A mitigation's status. One not in the list is refused on the assessment's page (400), the error in the summary
    and at the mitigation's status, which still shows the stored one: a redirect with the error as a message looked
    like a save to a client or an assistive tool."""
    mitigation = get_object_or_404(Mitigation.objects.select_related("risk__assessment__owner"), pk=mitigation_id,
                                   risk__assessment_id=pk)
    status = request.POST.get("status", "")
    if status not in Mitigation.Status.values:
        refusal = DomainError(_("Choose a status from the list."), code="invalid_choice", field=f"ms-{mitigation.pk}")
        refusal.mitigation_id = mitigation.pk
        return _detail(request, mitigation.risk.assessment, refused=refusal)
    Mitigation.objects.filter(pk=mitigation.pk).update(status=status)
    messages.success(request, _("Mitigation status saved."))
    return redirect("diligence:detail", pk=pk)
