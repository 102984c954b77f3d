"""Staff pages to issue and revoke API tokens per submitting organisation.

Needs the accounts.add_apitoken permission (the administrator role has it).
The form that issues a token is sent once (``core.form_once``: a double click issues one token) and answered with
a redirect, so a reload never issues a second one; the new token
crosses it sealed in the session and is shown once, on the page the redirect leads to (``privacy.shown_once``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rightsdesk.accounts.access import staff_required
from rightsdesk.accounts.models import ApiToken, Organisation
from rightsdesk.core import form_once
from rightsdesk.core.errors import DomainError
from rightsdesk.core.form_once import FORM_TOKEN
from rightsdesk.privacy import shown_once

from . import tokens
from .views import private_page

PERMISSION = "accounts.add_apitoken"
#: The rows a new token is looked up in for the page that shows it.
TOKENS = ApiToken.objects.select_related("organisation")
#: Where a new token waits for the page after the redirect (privacy.shown_once).
SHOWN_ONCE_SLOT = "api-token"


class IssueTokenForm(forms.Form):
    organisation = forms.CharField(label=gettext_lazy("Organisation"), max_length=200,
                                   help_text=gettext_lazy("An existing organisation's name, or a new one to create."))
    label = forms.CharField(label=gettext_lazy("Label"), max_length=200, required=False,
                            help_text=gettext_lazy("What the token is for, e.g. 'nightly DMCA batch'."))
    expires_days = forms.IntegerField(label=gettext_lazy("Expires after (days)"), required=False, min_value=1,
                                      max_value=tokens.MAX_EXPIRY_DAYS,
                                      help_text=gettext_lazy("Leave empty for a token that does not expire."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FORM_TOKEN] = form_once.field()


@private_page
@staff_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = IssueTokenForm(request.POST or None, initial={FORM_TOKEN: form_once.new_form_token()})
    issued = None
    if request.method == "POST":
        once = form_once.sent_token(request.POST)
        if form_once.was_used(once) or (form.is_valid() and not form_once.claim(once)):
            return _sent_again(request, once)
        if form.is_valid():
            try:
                with form_once.released_on_failure(once):
                    org = tokens.organisation_named(form.cleaned_data["organisation"])
                    token, raw = tokens.issue(org, label=form.cleaned_data["label"],
                                              expires_days=form.cleaned_data["expires_days"], actor=request.user)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                shown_once.keep_for(request.session, SHOWN_ONCE_SLOT, raw, token, form_token=once)
                return redirect("intake:staff_tokens")
    elif shown := shown_once.take_for(request.session, SHOWN_ONCE_SLOT, TOKENS):
        issued = {"raw": shown[0], "token": shown[1]}
    context = {
        "form": form, "issued": issued,
        "organisations": Organisation.objects.prefetch_related("tokens").order_by("name"),
    }
    return render(request, "intake/staff/tokens.html", context)


def _sent_again(request, once: str):
    """The form was sent before (a double click, or a browser sending the same page again): issue nothing, show
    the first sending's token."""
    if not shown_once.sent_again(request.session, SHOWN_ONCE_SLOT, once):
        messages.info(request, shown_once.SHOWN_ALREADY)
    return redirect("intake:staff_tokens")


@staff_required(PERMISSION)
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken.objects.select_related("organisation"), pk=pk)
    try:
        tokens.revoke(token, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Token %(prefix)s… of %(org)s is revoked.") % {"prefix": token.prefix,
                                                                                   "org": token.organisation.name})
    return redirect("intake:staff_tokens")
