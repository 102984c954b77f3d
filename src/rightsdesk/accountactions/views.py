"""Staff pages of account actions: the list (pending, approved, refused chains), proposing, one action with its
chain and sign-off forms, and its public entry: drafting it, approving the draft (another publisher), withdrawing
it. Thin: the rules are in services and policy."""

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
from rightsdesk.core.bidi import isolated_text, ltr_text
from rightsdesk.core.dates import typed_date
from rightsdesk.core.errors import Conflict, DomainError
from rightsdesk.core.lists import and_list
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
            "Action %(ref)s proposed; it takes effect once its approval chain has signed.")
            % {"ref": ltr_text(reference)})
        return redirect("accountactions:detail", reference=reference)

    def still_recording():
        messages.error(request, _("This form was already sent, and its action is still being recorded. Look for it "
                                  "in the list before you send the form again."))
        return redirect("accountactions:list")

    def record() -> str:
        case = Case.objects.filter(reference=data.get("case", "").strip()).first()
        if case is None:
            raise DomainError(_("No case has the reference “%(ref)s”; give the evidence case's reference.")
                              % {"ref": isolated_text(data.get("case", "")[:40])}, field="case")
        lifts = None
        if data.get("lifts", "").strip():
            lifts = AccountAction.objects.filter(reference=data["lifts"].strip()).first()
            if lifts is None:
                raise DomainError(_("No account action has the reference “%(ref)s”.")
                                  % {"ref": isolated_text(data["lifts"][:40])}, field="lifts")
        typed = data.get("related_cases", "").split()
        related = list(Case.objects.filter(reference__in=typed))
        unknown = [ref for ref in dict.fromkeys(typed) if ref not in {c.reference for c in related}]
        if unknown:  # a mistyped reference is said, not dropped: the action would lack that link to its evidence
            raise DomainError(_("No case has the reference %(reference)s. Check it on the case page.")
                              % {"reference": and_list((r[:40] for r in unknown), isolated=True)},
                              field="related_cases")
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


def _entry(action: AccountAction):
    """The action's public entry, or None before one is published (the reverse one-to-one raises an
    AttributeError, which ``getattr``'s default answers)."""
    return getattr(action, "public_entry", None)


#: The forms of an action's page whose words are given back when refused, and the field that holds them.
TYPED = {"sign": "reason", "draft": "summary", "withdraw": "reason"}
#: The form whose fields a refused form's errors name, where it is another: an approval refused for want of a draft
#: names the draft's summary.
FIELDS_IN = {"approve": "draft"}


@staff_view(policy.VIEW)
def detail(request, reference: str, error=None, status=200, sent=None, form=""):
    """The action's page; a refused form (``form``: sign, draft, approve, withdraw) comes back here with what was
    ``sent`` (its reasons, its summary, its choices) in it, so nothing typed is lost."""
    action = _action(reference)
    see_private = has_any(request.user, policy.SEE_PRIVATE)
    if see_private:
        record_access(request.user, "view_private", case=action.case, obj=action,
                      fields=[f"accountaction.{f}" for f in sorted(ACCOUNT_ACTION_PERSONAL_FIELDS)]
                      + ["signoff.reason"], purpose="account action page")
    entry = _entry(action)
    lifted_type = action.lifts.action_type if action.lifts_id else ""
    signable = selectors.signable_roles(action, request.user)
    publisher = request.user.has_perm(policy.PUBLISH)
    may_draft = action.status == Status.APPROVED and entry is None and publisher
    drafted = action.public_drafted_at is not None
    # The approve form is offered to a publisher who did not draft (the service refuses the drafter anyway).
    may_approve = may_draft and drafted and action.public_drafted_by_id != request.user.pk
    may_withdraw = entry is not None and entry.withdrawn_at is None and publisher
    # A colleague signed, published or withdrew first: the form that was sent is gone, so its words are given back.
    sent = sent or {}
    still_there = {"sign": bool(signable), "draft": may_draft, "withdraw": may_withdraw}
    unsent = (sent.get(TYPED[form]) or "").strip() if form in TYPED and not still_there[form] else ""
    # Each form carries a token of its own (core.form_once); a refused form comes back with the one it was sent with.
    tokens = {name: form_once.sent_token(sent) if name == form else form_once.new_form_token()
              for name in ("draft", "approve", "withdraw")}
    target = "unsent" if unsent else ("public-entry" if form in tokens and error is not None and error.field is None
                                      else "")
    return render(request, "accountactions/detail.html", {
        "action": action, "see_private": see_private, "steps": selectors.chain_state(action),
        "signable": signable, "error": error, "entry": entry, "may_draft": may_draft, "drafted": drafted,
        "may_approve": may_approve, "may_withdraw": may_withdraw, "entry_version": services.entry_version(action),
        "may_name": policy.may_name_account(action.action_type, lifted_type), "form": form, "tokens": tokens,
        # A refused draft comes back with what was typed and chosen; otherwise the form starts from the draft.
        "draft_form": sent if form == "draft" else {
            "summary": action.public_summary, "account_name": action.public_account_name,
            "withhold_name": "1" if action.public_withhold_name else ""},
        "decisions": Decision.choices, "sent": sent, "unsent": unsent, "error_target": target,
        # Each field in error, in the form it belongs to: its message at it (core's field_errors tags).
        "errors_of": {FIELDS_IN.get(form, form): error.field_errors()} if error is not None and form else {},
    }, status=status)


@require_POST
@staff_view(policy.SIGN)
def sign(request, reference: str):
    action = _action(reference)
    try:
        services.sign(action, request.user, role=request.POST.get("role", ""),
                      decision=request.POST.get("decision", ""), reason=request.POST.get("reason", ""))
    except DomainError as exc:
        return detail.__wrapped__(request, reference, error=exc, status=exc.http_status, sent=request.POST,
                                  form="sign")
    messages.success(request, _("Your sign-off is recorded."))
    return redirect("accountactions:detail", reference=reference)


def _once(request, reference: str, form: str, work, said):
    """Do one of the public entry's forms once however often it is sent (``core.form_once``): a later sending
    leads to the page, saying what the first did (``said(made)``); a refused one comes back to the page with what
    was typed."""
    once = form_once.sent_token(request.POST)

    def answer(made: str):
        form_once.say_once(request, messages.SUCCESS, said(made))
        return redirect("accountactions:detail", reference=reference)

    def still_recording():
        messages.error(request, _("This form was already sent, and it is still being recorded. Look at the action's "
                                  "page again before you send the form again."))
        return redirect("accountactions:detail", reference=reference)

    def refused(exc: DomainError):
        return detail.__wrapped__(request, reference, error=exc, status=exc.http_status, sent=request.POST,
                                  form=form)

    return form_once.do_once(once, work, answer=answer, refused=refused,
                             again=lambda: form_once.answer_again(once, answer, still_recording))


@require_POST
@staff_view(policy.PUBLISH)
def draft_entry(request, reference: str):
    """Save the draft of the public entry; another publisher approves it."""
    action, data = _action(reference), request.POST

    def work() -> str:
        return services.draft_entry(action, request.user, summary=data.get("summary", ""),
                                    withhold_name=data.get("withhold_name") == "1",
                                    account_name=data.get("account_name", ""),
                                    version=data.get("version", "")).reference

    return _once(request, reference, "draft", work, lambda made: _(
        "The draft of the public entry is saved. It is not public: another publisher must approve it."))


@require_POST
@staff_view(policy.PUBLISH)
def publish(request, reference: str):
    """Approve the drafted public entry as the page showed it (its version): it is published."""
    action = _action(reference)

    def work() -> str:
        return services.approve_entry(action, request.user, version=request.POST.get("version", "")).public_id

    return _once(request, reference, "approve", work,
                 lambda made: _("Published on the office-actions log as %(id)s.") % {"id": ltr_text(made)})


@require_POST
@staff_view(policy.PUBLISH)
def withdraw_entry(request, reference: str):
    """Withdraw the published entry from the public log, saying why (staff only)."""
    action = _action(reference)
    entry = _entry(action)

    def work() -> str:
        if entry is None:
            raise Conflict(_("This action has no public entry."))
        return services.withdraw_entry(entry, request.user, reason=request.POST.get("reason", "")).public_id

    return _once(request, reference, "withdraw", work,
                 lambda made: _("The entry %(id)s was withdrawn from the office-actions log.")
                 % {"id": ltr_text(made)})
