"""The public pages of intake: one form per kind of request, the receipt, and the private tracking page.

No account is needed. The views are thin: the forms check, :mod:`.services`
stores. Pages that carry a tracking token are never cached and send no
referrer to other sites, so the private link does not leak to other sites.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import OPEN_STATES
from rightsdesk.cases.services import case_for_tracking_token
from rightsdesk.core import carry_language, form_once
from rightsdesk.core.errors import DomainError
from rightsdesk.core.secret_urls import kept_private

from . import ratelimit, receipts, recovery, services
from .forms import AddInformationForm, LostLinkForm, RequestForm, WithdrawForm, say_files_not_carried
from .kinds import PUBLIC_STATUS, SPECS, SPECS_BY_SLUG, missing_labels
from .models import Attachment, MessageFromRequester
from .outcome import decision_for_requester, decision_withheld
from .tracking import tracking_url


def private_page(view):
    """Headers for pages that show a secret or what was typed (the request form, its receipt with the new tracking
    link), kept by no cache, not indexed. Every answer on an address holding a secret is kept private besides, in one
    place (``core.secret_urls``)."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = kept_private(view(request, *args, **kwargs))
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    return wrapper


@private_page
@require_http_methods(["GET", "POST"])
def request_form(request, slug: str):
    spec = SPECS_BY_SLUG.get(slug)
    if spec is None:
        raise Http404("No such form")
    wait = None
    if carry_language.asked(request):  # the language changed: the form again, in it, unchecked and unsent
        form = carry_language.unchecked(RequestForm(request.POST, request.FILES, spec=spec))
        say_files_not_carried(form)
    elif request.method == "POST":
        form = RequestForm(request.POST, request.FILES, spec=spec)
        once = form_once.sending_token(request)
        if form_once.was_used(once):
            return _to_receipt(request, spec, once)
        wait = ratelimit.refuse_form(request, form)
        if not wait and form.is_valid():
            if not form_once.claim(once):  # the same form sent twice at the same moment
                return _to_receipt(request, spec, once)
            try:
                with form_once.released_on_failure(once):
                    receipt = services.submit_web_form(spec, form.cleaned, language=get_language(),
                                                       uploads=form.uploads)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                values = form.cleaned.values
                receipts.keep(request.session, once, receipt, email_sent=bool(values.get("email")),
                              informal=values.get("legal_process") in c.INFORMAL_PROCESSES,
                              anonymous=bool(values.get("anonymous")))
                return redirect("intake:receipt", slug=spec.slug)
    else:
        form = RequestForm(spec=spec)
    form.describe()
    response = render(request, "intake/request_form.html", {"form": form, "spec": spec, **carry_language.switcher()})
    return carry_language.answered(request, ratelimit.refused(response, wait))


def _to_receipt(request, spec, once: str):
    """A form already sent: show the receipt of the first sending, file nothing."""
    if not receipts.point_to(request.session, once):
        messages.error(request, _("This form was already sent. If you did not get a receipt, look for our e-mail "
                                  "before sending it again."))
        return redirect("intake:request", slug=spec.slug)
    return redirect("intake:receipt", slug=spec.slug)


@private_page
@require_http_methods(["GET"])
def receipt(request, slug: str):
    spec = SPECS_BY_SLUG.get(slug)
    if spec is None:
        raise Http404("No such form")
    data, token = receipts.take(request.session)
    case = Case.objects.filter(pk=data["case"], kind=spec.kind).first() if data else None
    if case is None:
        return render(request, "intake/receipt.html", {"spec": spec, "case": None}, status=404)
    context = {
        "spec": spec, "case": case,
        "tracking_link": tracking_url(token, case.language, request) if token else "",
        "missing": missing_labels(case.missing_fields),
        "email_sent": data["email_sent"], "informal": data["informal"], "anonymous": data.get("anonymous", False),
    }
    return render(request, "intake/receipt.html", context)


def tracked(view):
    """The tracking pages: the view gets the request its link finds. A link that finds none (mistyped, cut, or
    replaced by a newer one) gets a page saying which and how to get a new link, and what the person typed into
    the page's form is given back to them, not lost."""
    @wraps(view)
    def wrapper(request, token: str):
        case = case_for_tracking_token(token)
        if case is None:
            return render(request, "intake/track_unknown.html", {"typed": request.POST.get("text", "")}, status=404)
        return view(request, case, token)
    return wrapper


def _messages_to_requester(case) -> list:
    """What staff wrote to the requester (the review app's messages), which the requester may read."""
    related = getattr(case, "messages_to_requester", None)
    if related is None:
        return []
    try:
        return [{"created_at": m.created_at, "body": m.body} for m in related.all()]
    except AttributeError:  # the review app changed its model: show nothing rather than fail
        return []


def _can_add(case) -> bool:
    """Whether the page offers "add information": while the request is open, or while a gag order keeps its decision
    from the requester (the page says what it said before the decision, and takes their words as before it)."""
    return case.is_open or decision_withheld(case)


def _can_withdraw(case) -> bool:
    return case.state in OPEN_STATES


def _tracking_context(case, token, add_form=None, withdraw_form=None, unsent="") -> dict:
    spec = SPECS.get(case.kind)
    # Under a gag order covering the requester the page says what it said before the decision, nothing more.
    withheld = decision_withheld(case)
    return {
        "case": case, "token": token, "spec": spec,
        "status": PUBLIC_STATUS[c.State.UNDER_REVIEW] if withheld else PUBLIC_STATUS.get(case.state,
                                                                                          case.get_state_display()),
        "missing": missing_labels(case.missing_fields) if case.is_open else [],
        "urls": list(case.items.exclude(url="").values_list("url", flat=True)[:200]),
        "attachments": Attachment.objects.filter(case=case).only("original_name", "size", "uploaded_at"),
        "messages_sent": MessageFromRequester.objects.filter(case=case),
        "messages_received": _messages_to_requester(case),
        "can_add": _can_add(case),
        "can_withdraw": _can_withdraw(case),
        "add_form": add_form or AddInformationForm(missing=case.missing_fields),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "outcome": case.get_outcome_display() if case.outcome and not withheld else "",
        "decision": decision_for_requester(case) if case.outcome and not withheld else None,
        "unsent": unsent,
        # An appeal sent with the appeal form: its grounds in full and the decision appealed, as an appeal's link shows.
        "grounds": case.kind == c.Kind.APPEAL,
        "appealed": case.appeal_of if case.kind == c.Kind.APPEAL else None,
    }


def _render_tracking(request, case, token, **forms):
    context = _tracking_context(case, token, **forms)
    context["add_form"].describe()
    context["withdraw_form"].describe()
    # The page's two forms are one form of the page (core.carry_language): its language switcher carries both.
    context.update(carry_language.switcher(context["can_add"] or context["can_withdraw"]))
    return render(request, "intake/track.html", context)


@private_page
@require_http_methods(["GET", "POST"])
@tracked
def track(request, case, token: str):
    """The tracking page. Posted to by its language switcher (``core.carry_language``): the page again in the new
    language, its two forms ("add information", "withdraw") holding what was typed, unchecked, nothing sent. A form
    gone meanwhile (the request closed) gives its words back to copy."""
    if request.method != "POST":
        return _render_tracking(request, case, token)
    add_form = carry_language.unchecked(AddInformationForm(request.POST, request.FILES, missing=case.missing_fields))
    say_files_not_carried(add_form)
    withdraw_form = carry_language.unchecked(WithdrawForm(request.POST))
    unsent = [words for words, form_shown in ((request.POST.get("text", ""), _can_add(case)),
                                              (request.POST.get("reason", ""), _can_withdraw(case)))
              if words.strip() and not form_shown]
    response = _render_tracking(request, case, token, add_form=add_form, withdraw_form=withdraw_form,
                                unsent="\n\n".join(unsent))
    return carry_language.answered(request, response)


def _other_kept(request, case, sent: str) -> dict:
    """When one part of the page's form is refused, the other part as it was typed, unchecked: the two are one form
    of the page (track.html), and what was typed into the part not sent is not lost."""
    if sent == "add":
        return {"withdraw_form": carry_language.unchecked(WithdrawForm(request.POST))}
    return {"add_form": carry_language.unchecked(AddInformationForm(request.POST, missing=case.missing_fields))}


@private_page
@require_POST
@tracked
def track_add(request, case, token: str):
    form = AddInformationForm(request.POST, request.FILES, missing=case.missing_fields)
    once = form_once.sent_token(request.POST)

    def added(_made: str = ""):  # said once, however many times the form was sent
        form_once.say_once(request, messages.SUCCESS, _("Thank you. We added your information to the request."))
        return redirect("intake:track", token=token)

    if form_once.was_used(once):  # the second click of a double click: added once
        return added()
    wait = ratelimit.refuse_form(request, form)
    if wait:
        kept = _other_kept(request, case, "add")
        return ratelimit.refused(_render_tracking(request, case, token, add_form=form, **kept), wait)
    # Decided or closed while they typed: their words are given back, not dropped. A decision a gag order keeps
    # from them is not told by a refusal: their words are taken as before it.
    if not case.is_open and not decision_withheld(case):
        messages.error(request, _("This request is closed; you can no longer add to it. You may send an appeal."))
        response = _render_tracking(request, case, token, unsent=request.POST.get("text", ""))
        response.status_code = 409
        return response
    if not form.is_valid():
        return _render_tracking(request, case, token, add_form=form, **_other_kept(request, case, "add"))

    def add() -> str:
        services.add_information(case, form.cleaned_data["text"], form.uploads, completed=form.completed())
        return ""

    def refused(exc: DomainError):
        form.add_error(None, exc.message)
        return _render_tracking(request, case, token, add_form=form, **_other_kept(request, case, "add"))

    return form_once.do_once(once, add, answer=added, refused=refused, again=added)


@private_page
@require_POST
@tracked
def track_withdraw(request, case, token: str):
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _render_tracking(request, case, token, withdraw_form=form, **_other_kept(request, case, "withdraw"))
    try:
        services.withdraw(case, form.cleaned_data.get("reason", ""))
    except DomainError:
        # Decided or closed while they typed: as with an addition, the reason they wrote is given back to copy.
        messages.error(request, _("This request can no longer be withdrawn: it has already been decided or closed."))
        response = _render_tracking(request, case, token, unsent=form.cleaned_data.get("reason", ""))
        response.status_code = 409
        return response
    messages.success(request, _("You withdrew your request. We will take no further action on it."))
    return redirect("intake:track", token=token)


# --- A lost tracking link (recovery) --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def track_lost(request):
    """"Lost your tracking link?": an e-mail address in, the same answer out whatever the address."""
    form = LostLinkForm(request.POST or None)
    if request.method == "POST":
        wait = ratelimit.refuse_form(request, form)
        if not wait and form.is_valid():
            recovery.ask(form.cleaned_data["email"], get_language())
            return redirect("intake:track_lost_sent")
        form.describe()
        return ratelimit.refused(render(request, "intake/track_lost.html", {"form": form}), wait)
    form.describe()
    return render(request, "intake/track_lost.html", {"form": form})


@require_http_methods(["GET"])
def track_lost_sent(request):
    return render(request, "intake/track_lost_sent.html", {"hours": recovery.link_hours()})


@private_page
@require_http_methods(["GET", "POST"])
def track_recover(request, code: str):
    """The link in the e-mail: the requests it names, of every kind (GET), then new tracking links for them, shown
    once (POST)."""
    try:
        if request.method == "POST":
            links = [{"request": r.request, "link": r.link(request)} for r in recovery.renew(code)]
            return render(request, "intake/track_renewed.html", {"links": links})
        tracked = recovery.opened(code)
    except recovery.RecoveryRefused as exc:
        status = 404 if exc.code == "invalid" else 410  # gone: the link was good once
        return render(request, "intake/track_recover.html", {"error": exc}, status=status)
    return render(request, "intake/track_recover.html", {"tracked": tracked})
