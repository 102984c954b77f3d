"""Staff pages to issue and revoke API tokens per submitting organisation.

Needs the accounts.add_apitoken permission (the administrator role has it). The form that issues a token follows
``privacy.secret_pages``, as the researcher-token page does: sent once (a double click issues one token), answered
with a redirect (a reload issues none), the new token shown once on the page the redirect leads to.
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
from rightsdesk.privacy import secret_pages

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
    form = IssueTokenForm(request.POST or None)
    issued = None
    if request.method == "POST":
        def issue(values):
            org = tokens.organisation_named(values["organisation"])
            return tokens.issue(org, label=values["label"], expires_days=values["expires_days"], actor=request.user)

        answer = secret_pages.answer_post(request, form, slot=SHOWN_ONCE_SLOT, page="intake:staff_tokens",
                                          issue=issue)
        if answer:
            return answer
    else:
        issued = secret_pages.shown(request, SHOWN_ONCE_SLOT, TOKENS)
    context = {
        "form": form, "issued": issued,
        "organisations": Organisation.objects.prefetch_related("tokens").order_by("name"),
    }
    return render(request, "intake/staff/tokens.html", context)


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
