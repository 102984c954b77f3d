"""Staff pages of account actions: the list (pending, approved, refused chains), proposing, one action with its
chain and sign-off forms, and publishing its reviewed public entry. Thin: the rules are in services and policy."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightsdesk.accounts.access import has_any, staff_required
from rightsdesk.audit.services import record_access
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import ACCOUNT_ACTION_PERSONAL_FIELDS
from rightsdesk.core import form_once
from rightsdesk.core.dates import typed_date
from rightsdesk.core.errors import DomainError
from rightsdesk.intake import attachments as intake_attachments

from . import policy, selectors, services
from .choices import ActionType, Decision, PolicyGround, Status
from .models import AccountAction


def forbidden(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def staff_view(*perms: str):
    return staff_required(*perms, denied=forbidden)


@staff_view(policy.VIEW)
def action_list(request):
    status = request.GET.get("status", "")
    return render(request, "accountactions/list.html", {
        "actions": selectors.staff_list(status)[:500], "status": status, "statuses": Status.choices,
        "may_propose": request.user.has_perm(policy.PROPOSE), "chains": selectors.chains(),
        "type_labels": dict(ActionType.choices),
    })


def _form_context(request, data=None, error=None):
    sent_back = request.method == "POST"
    return {"types": ActionType.choices, "grounds": PolicyGround.choices, "data": data or {}, "error": error,
            "chains": selectors.chains(),
            # A form sent back shows the boxes as they were sent (an unticked box sends nothing, so "not sent" is
            # "unticked" there, and "ticked" only on a new form); the files must be chosen again.
            "sent_back": sent_back,
            "files_again": intake_attachments.CHOOSE_AGAIN if sent_back and request.FILES.getlist("files") else "",
            # One sending per form (core.form_once): a refused form comes back with its token, a new form gets one.
            "form_token": form_once.sent_token(data or {}) if sent_back else form_once.new_form_token()}


@staff_view(policy.PROPOSE)
def propose(request):
    """Propose an action. The form is recorded once however often it is sent (a double click, a browser sending it
    again: ``core.form_once``); each later sending leads to the action the first recorded."""
    if request.method != "POST":
        return render(request, "accountactions/propose.html", _form_context(request, request.GET))
    data = request.POST
    once = form_once.sent_token(data)

    def proposed(reference: str):
        form_once.say_once(request, messages.SUCCESS, _(
            "Action %(ref)s proposed; it takes effect once its approval chain has signed.") % {"ref": reference})
        return redirect("accountactions:detail", reference=reference)

    def still_recording():
        messages.error(request, _("This form was already sent, and its action is still being recorded. Look for it "
                                  "in the list before you send the form again."))
        return redirect("accountactions:list")

    def record() -> str:
        case = Case.objects.filter(reference=data.get("case", "").strip()).first()
        if case is None:
            raise DomainError(_("No case has the reference “%(ref)s”; give the evidence case's reference.")
                              % {"ref": data.get("case", "")[:40]}, field="case")
        lifts = None
        if data.get("lifts", "").strip():
            lifts = AccountAction.objects.filter(reference=data["lifts"].strip()).first()
            if lifts is None:
                raise DomainError(_("No account action has the reference “%(ref)s”.") % {"ref": data["lifts"][:40]},
                                  field="lifts")
        typed = data.get("related_cases", "").split()
        related = list(Case.objects.filter(reference__in=typed))
        unknown = [ref for ref in dict.fromkeys(typed) if ref not in {c.reference for c in related}]
        if unknown:  # a mistyped reference is said, not dropped: the action would lack that link to its evidence
            raise DomainError(_("No case has the reference %(reference)s. Check it on the case page.")
                              % {"reference": ", ".join(r[:40] for r in unknown)}, field="related_cases")
        return services.propose(
            request.user, action_type=data.get("action_type", ""), ground=data.get("ground", ""),
            accounts=data.get("accounts", ""), projects=data.get("projects", ""), case=case,
            notes=data.get("notes", ""), starts_on=typed_date(data.get("starts_on"), "starts_on"),
            ends_on=typed_date(data.get("ends_on"), "ends_on"), own_initiative=data.get("own_initiative") == "1",
            lifts=lifts, related_cases=related, uploads=request.FILES.getlist("files"),
            manifestly_illegal_content=data.get("manifestly_illegal_content") == "1").reference

    def refused(exc: DomainError):
        return render(request, "accountactions/propose.html", _form_context(request, data, exc), status=400)

    return form_once.do_once(once, record, answer=proposed, refused=refused,
                             again=lambda: form_once.answer_again(once, proposed, still_recording))


def _action(reference: str) -> AccountAction:
    action = AccountAction.objects.select_related("case", "proposed_by", "lifts").filter(reference=reference).first()
    if action is None:
        raise Http404(_("No account action has this reference."))
    return action


@staff_view(policy.VIEW)
def detail(request, reference: str, error=None, status=200, sent=None):
    """The action's page; a refused sign-off or publication comes back here with what was ``sent`` (its reasons,
    its summary, its choices) in its form, so nothing typed is lost."""
    action = _action(reference)
    see_private = has_any(request.user, policy.SEE_PRIVATE)
    if see_private:
        record_access(request.user, "view_private", case=action.case, obj=action,
                      fields=[f"accountaction.{f}" for f in sorted(ACCOUNT_ACTION_PERSONAL_FIELDS)]
                      + ["signoff.reason"], purpose="account action page")
    entry = getattr(action, "public_entry", None) if hasattr(action, "public_entry") else None
    lifted_type = action.lifts.action_type if action.lifts_id else ""
    signable = selectors.signable_roles(action, request.user)
    may_publish = action.status == Status.APPROVED and entry is None and request.user.has_perm(policy.PUBLISH)
    # A colleague signed or published first: the form that was sent is gone, so its words are given back to copy.
    sent = sent or {}
    signing = "decision" in sent
    unsent = (sent.get("reason" if signing else "summary") or "").strip() if sent and not (
        signable if signing else may_publish) else ""
    return render(request, "accountactions/detail.html", {
        "action": action, "see_private": see_private, "steps": selectors.chain_state(action),
        "signable": signable, "error": error, "entry": entry, "may_publish": may_publish,
        "may_name": policy.may_name_account(action.action_type, lifted_type),
        "decisions": Decision.choices, "sent": sent, "unsent": unsent, "error_target": "unsent" if unsent else "",
    }, status=status)


@require_POST
@staff_view(policy.SIGN)
def sign(request, reference: str):
    action = _action(reference)
    try:
        services.sign(action, request.user, role=request.POST.get("role", ""),
                      decision=request.POST.get("decision", ""), reason=request.POST.get("reason", ""))
    except DomainError as exc:
        return detail.__wrapped__(request, reference, error=exc, status=exc.http_status, sent=request.POST)
    messages.success(request, _("Your sign-off is recorded."))
    return redirect("accountactions:detail", reference=reference)


@require_POST
@staff_view(policy.PUBLISH)
def publish(request, reference: str):
    action = _action(reference)
    try:
        entry = services.publish_entry(action, request.user, summary=request.POST.get("summary", ""),
                                       withhold_name=request.POST.get("withhold_name") == "1",
                                       account_name=request.POST.get("account_name", ""))
    except DomainError as exc:
        return detail.__wrapped__(request, reference, error=exc, status=exc.http_status, sent=request.POST)
    messages.success(request, _("Published on the office-actions log as %(id)s.") % {"id": entry.public_id})
    return redirect("accountactions:detail", reference=reference)
