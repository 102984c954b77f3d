"""The staff page of researcher tokens: issue one, list them, revoke one (/<lang>/staff/researcher-tokens/).

The same services as ``rightsdesk researcher_token`` (``tokens``): their permission (administrators), their
limits and their messages, every problem at once, each beside the field it concerns. The form that issues a token
follows ``privacy.secret_pages``, as the API-token page does: sent once (a double click issues one token), answered
with a redirect (a reload issues none), the new token shown once on the page the redirect leads to. The staff
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
from rightsdesk.privacy import secret_pages

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
    form = IssueResearcherTokenForm(request.POST or None)
    issued = None
    if request.method == "POST":
        answer = secret_pages.answer_post(request, form, slot=SHOWN_ONCE_SLOT, page="opendata:staff_researcher_tokens",
                                          issue=lambda values: tokens.issue(**values, actor=request.user))
        if answer:
            return answer
    else:
        issued = secret_pages.shown(request, SHOWN_ONCE_SLOT, TOKENS)
    return render(request, "opendata/staff/researcher_tokens.html",
                  {"form": form, "issued": issued, "tokens": tokens.listing(), "statuses": {
                      "active": tokens.ACTIVE, "expired": tokens.EXPIRED, "revoked": tokens.REVOKED}})


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
