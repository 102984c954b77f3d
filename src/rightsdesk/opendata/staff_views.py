"""The staff page of researcher tokens: issue one, list them, revoke one (/<lang>/staff/researcher-tokens/).

The same services as ``rightsdesk researcher_token`` (``tokens``): their permission (administrators), their
limits and their messages, every problem at once, each beside the field it concerns. The form that issues a token
is sent once (``core.form_once``: a double click issues one token) and answered with a redirect, so a reload never
issues a second one; the new token crosses it sealed in the session
and is shown once, on the page the redirect leads to (``privacy.shown_once``, as the API-token page does). The staff
area's responses are never cached (``accounts.middleware``). The list never shows, or even reads, a contact.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rightsdesk.accounts.access import staff_required
from rightsdesk.core import form_once
from rightsdesk.core.errors import DomainError
from rightsdesk.core.form_once import FORM_TOKEN
from rightsdesk.privacy import shown_once

from . import tokens
from .models import ResearcherToken


def _max_length(name: str) -> int:
    return ResearcherToken._meta.get_field(name).max_length


class IssueResearcherTokenForm(forms.Form):
    """The command's options as fields; what they may be is for ``tokens.issue`` to say (its messages)."""

    organisation = forms.CharField(label=gettext_lazy("Organisation"), required=False,
                                   max_length=_max_length("organisation"))
    contact = forms.CharField(label=gettext_lazy("Contact"), required=False, max_length=_max_length("contact"),
                              help_text=gettext_lazy("Who asked for the token: name and e-mail. Kept encrypted and "
                                                     "never listed."))
    purpose = forms.CharField(label=gettext_lazy("Purpose"), required=False, max_length=_max_length("purpose"),
                              help_text=gettext_lazy("What the research is, in a few words."))
    days = forms.IntegerField(label=gettext_lazy("Expires after (days)"), initial=tokens.DEFAULT_DAYS)
    per_minute = forms.IntegerField(label=gettext_lazy("Requests a minute"), initial=tokens.DEFAULT_PER_MINUTE,
                                    help_text=gettext_lazy("How many requests a minute the token may make to the "
                                                           "notices API."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FORM_TOKEN] = form_once.field()
        self.fields["days"].help_text = _("From 1 to %(max)d days.") % {"max": tokens.MAX_DAYS}


#: The rows a new token is looked up in for the page that shows it.
TOKENS = ResearcherToken.objects.defer("contact")
#: Where a new token waits for the page after the redirect (privacy.shown_once).
SHOWN_ONCE_SLOT = "researcher-token"


@staff_required(tokens.ISSUE_PERMISSION)
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = IssueResearcherTokenForm(request.POST or None, initial={FORM_TOKEN: form_once.new_form_token()})
    issued = None
    if request.method == "POST":
        once = form_once.sent_token(request.POST)
        if form_once.was_used(once) or (form.is_valid() and not form_once.claim(once)):
            return _sent_again(request, once)
        if form.is_valid():
            try:
                with form_once.released_on_failure(once):
                    token, raw = tokens.issue(**_issue_values(form), actor=request.user)
            except tokens.TokenRefused as exc:
                for field, message in exc.errors.items():
                    form.add_error(field if field in form.fields else None, message)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                shown_once.keep_for(request.session, SHOWN_ONCE_SLOT, raw, token, form_token=once)
                return redirect("opendata:staff_researcher_tokens")
    elif shown := shown_once.take_for(request.session, SHOWN_ONCE_SLOT, TOKENS):
        issued = {"raw": shown[0], "token": shown[1]}
    return render(request, "opendata/staff/researcher_tokens.html",
                  {"form": form, "issued": issued, "tokens": tokens.listing(), "statuses": {
                      "active": tokens.ACTIVE, "expired": tokens.EXPIRED, "revoked": tokens.REVOKED}})


def _issue_values(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != FORM_TOKEN}


def _sent_again(request, once: str):
    """The form was sent before (a double click, or a browser sending the same page again): issue nothing, show
    the first sending's token."""
    if not shown_once.sent_again(request.session, SHOWN_ONCE_SLOT, once):
        messages.info(request, shown_once.SHOWN_ALREADY)
    return redirect("opendata:staff_researcher_tokens")


@staff_required(tokens.ISSUE_PERMISSION)
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ResearcherToken.objects.defer("contact"), pk=pk)
    try:
        tokens.revoke(token, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Researcher token %(prefix)s… of %(org)s is revoked.") % {
            "prefix": token.prefix, "org": token.organisation})
    return redirect("opendata:staff_researcher_tokens")
