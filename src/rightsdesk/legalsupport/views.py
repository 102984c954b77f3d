"""The public pages: the request form, its receipt (post, redirect, get) and the private tracking page.

A lost tracking link has no page here: intake's "Lost your tracking link?" covers legal-support requests too
(:mod:`.lost_links`), and the page a broken link opens is intake's, which leads there.

The one-time form token, the receipt kept for one display and the rate limit are intake's
(:mod:`rightsdesk.intake.receipts`, :mod:`rightsdesk.intake.ratelimit`); the receipt is remembered under a session
key of its own, so an intake receipt and a legal-support receipt can never be mistaken for each other.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rightsdesk.core import carry_language, form_once
from rightsdesk.core.errors import DomainError
from rightsdesk.core.public_urls import public_url
from rightsdesk.intake import ratelimit, receipts
from rightsdesk.intake.forms import say_files_not_carried
from rightsdesk.intake.views import private_page

from . import services
from .forms import LegalSupportForm
from .models import LegalSupportRequest, State

SESSION_KEY = "legalsupport_receipt"

#: What the contributor reads as the state of their request.
PUBLIC_STATUS = {
    State.RECEIVED: gettext_lazy("Received: a member of our legal team will read it."),
    State.ASSESSING: gettext_lazy("Being assessed by our legal team."),
    State.SUPPORTED: gettext_lazy("We decided to support you."),
    State.DECLINED: gettext_lazy("We cannot offer support for this request."),
    State.CLOSED: gettext_lazy("Closed."),
}


class _SessionSlot(dict):
    """intake.receipts keeps one receipt per session under its own key; this gives it a slot of our own."""

    def __init__(self, session):
        super().__init__()
        self.session = session
        if session.get(SESSION_KEY):
            self[receipts.SESSION_KEY] = session[SESSION_KEY]

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        if key == receipts.SESSION_KEY:
            self.session[SESSION_KEY] = value


@private_page
@require_http_methods(["GET", "POST"])
def request_form(request):
    wait = None
    if carry_language.asked(request):  # the language changed: the form again, in it, unchecked and unsent
        form = carry_language.unchecked(LegalSupportForm(request.POST, request.FILES))
        say_files_not_carried(form)
    elif request.method == "POST":
        form = LegalSupportForm(request.POST, request.FILES)
        once = form_once.sending_token(request)
        if form_once.was_used(once):
            return _to_receipt(request, once)
        wait = ratelimit.refuse_form(request, form)
        if not wait and form.is_valid():
            if not form_once.claim(once):
                return _to_receipt(request, once)
            try:
                with form_once.released_on_failure(once):
                    filed, token = services.submit(form.cleaned_data, form.uploads, language=get_language())
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                receipts.keep(_SessionSlot(request.session), once, SimpleNamespace(case=filed, tracking_token=token),
                              email_sent=False, informal=False)
                return redirect("legalsupport:receipt")
    else:
        form = LegalSupportForm()
    form.describe()
    response = render(request, "legalsupport/request_form.html", {"form": form, **carry_language.switcher()})
    return carry_language.answered(request, ratelimit.refused(response, wait))


def _to_receipt(request, once: str):
    if not receipts.point_to(_SessionSlot(request.session), once):
        messages.error(request, _("This form was already sent. If you did not get a receipt, do not send it again: "
                                  "write to us instead."))
        return redirect("legalsupport:request")
    return redirect("legalsupport:receipt")


@private_page
@require_http_methods(["GET"])
def receipt(request):
    data, token = receipts.take(_SessionSlot(request.session))
    filed = LegalSupportRequest.objects.filter(pk=data["case"]).first() if data else None
    if filed is None:
        return render(request, "legalsupport/receipt.html", {"filed": None}, status=404)
    link = public_url(reverse("legalsupport:track", kwargs={"token": token}), request) if token else ""
    return render(request, "legalsupport/receipt.html", {"filed": filed, "tracking_link": link})


@private_page
@require_http_methods(["GET"])
def track(request, token: str):
    tracked = services.request_for_tracking_token(token)
    if tracked is None:  # mistyped, cut, or replaced by a newer link: intake's page says which, and the way back
        return render(request, "intake/track_unknown.html", {"typed": ""}, status=404)
    return render(request, "legalsupport/track.html", {
        "r": tracked, "status": PUBLIC_STATUS.get(tracked.state, ""),
        "counsel": tracked.counsel if tracked.counsel_shared else None,
    })
