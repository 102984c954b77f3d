"""The staff pages of open data: researcher tokens (/<lang>/staff/researcher-tokens/) and Lumen
(/<lang>/staff/lumen/: where notices stand with Lumen, and the copies to ask Lumen to remove).

Researcher tokens: issue one, list them, revoke one.

The same services as ``rightsdesk researcher_token`` (``tokens``): their permission (administrators), their
limits and their messages, every problem at once, each beside the field it concerns. The form that issues a token
follows ``privacy.secret_pages``, as the API-token page does: sent once (a double click issues one token), answered
with a redirect (a reload issues none), the new token shown once on the page the redirect leads to. The staff
area's responses are never cached (``accounts.middleware``). The list never shows, or even reads, a contact.

Lumen: the copies Lumen stored of notices whose text the log no longer shows (withdrawn, redacted further by the
re-check, published again by staff: ``lumen_removals``), each with its cause and a form to record that Lumen was
asked to remove it, then that it did; a notice published again by staff also offers "no need to ask", with a note. A refused form comes back (400) beside its row with what
was typed; the services' messages say what to fix. The page reads no case, only what ``lumen_removals`` lists.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rightsdesk.accounts.access import staff_required
from rightsdesk.core import form_once
from rightsdesk.core.dates import DayInput
from rightsdesk.core.errors import Conflict, DomainError, NotPermitted
from rightsdesk.core.form_once import FORM_TOKEN
from rightsdesk.privacy import secret_pages

from . import lumen_client, lumen_removals, tokens
from .models import LumenRemoval, LumenSubmission, ResearcherToken


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


# --- Lumen: the copies to ask Lumen to remove ----------------------------------------------------------------------


class _LumenStepForm(forms.Form):
    """A step of a removal: the day, and a note. Whether the day may be so is for ``lumen_removals`` to say."""

    when = forms.DateField(required=False, widget=DayInput())
    note = forms.CharField(label=gettext_lazy("Note (optional)"), required=False,
                           max_length=lumen_removals.NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=gettext_lazy("How and where, e.g. the e-mail's subject or Lumen's ticket "
                                                  "number. No personal data."))

    def __init__(self, *args, removal_pk: int, **kwargs):
        # The ids name the row: each row of the page has its own form, and the error summary links to its field.
        super().__init__(*args, auto_id=f"lumen-{removal_pk}-%s", **kwargs)


class AskedLumenForm(_LumenStepForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["when"].label = _("Day Lumen was asked")


class RemovedByLumenForm(_LumenStepForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["when"].label = _("Day Lumen removed it")


class NotNeededForm(forms.Form):
    """No need to ask Lumen (a notice staff published again): the note, required by ``lumen_removals``."""

    note = forms.CharField(label=gettext_lazy("What changed"), required=False, max_length=lumen_removals.NOTE_MAX,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=gettext_lazy("E.g. only the decision's date was corrected. No personal data."))

    def __init__(self, *args, removal_pk: int, **kwargs):
        # Its own ids: the row's other form has a note too.
        super().__init__(*args, auto_id=f"lumen-{removal_pk}-not-needed-%s", **kwargs)


def _row_form(form_class, removal, refused, **kwargs):
    """The row's form of that step: as sent when it was refused, blank otherwise (a form for a step the row no longer
    offers is refused in the summary only)."""
    if refused and refused[0] == removal.pk and type(refused[1]) is form_class:
        return refused[1]
    return form_class(removal_pk=removal.pk, **kwargs)


def _lumen_page(request, *, refused: tuple[int, forms.Form] | None = None, status: int = 200, unsent: str = ""):
    """The page; ``refused`` is (the removal's id, its form as sent) when a form is shown again with its errors;
    ``unsent``, a note typed for a step a colleague recorded first, given back to copy."""
    to_ask, asked = [], []
    for removal in lumen_removals.open_removals():
        next_step = AskedLumenForm if removal.asked_on is None else RemovedByLumenForm
        row = {"removal": removal, "record": removal.submission.record,
               "form": _row_form(next_step, removal, refused, initial={"when": timezone.localdate()}),
               "lumen_url": lumen_removals.notice_url(removal.lumen_id)}
        if removal.asked_on is None and removal.cause == LumenRemoval.Cause.REPUBLISHED:
            row["not_needed_form"] = _row_form(NotNeededForm, removal, refused)
        (to_ask if removal.asked_on is None else asked).append(row)
    return render(request, "opendata/staff/lumen.html", {
        "to_ask": to_ask, "asked": asked, "counts": lumen_removals.counts(),
        "submissions": [(LumenSubmission.Status(status).label, n)
                        for status, n in lumen_client.submission_counts().items()],
        "refused": refused[1] if refused else None, "unsent": unsent,
    }, status=status)


@staff_required(lumen_removals.PERMISSION)
@require_http_methods(["GET"])
def lumen_page(request):
    return _lumen_page(request)


def _record_step(request, pk: int, form_class, step, done: str):
    """``step(removal, user, cleaned_data)`` records it; its refusal comes back beside the form's field."""
    removal = get_object_or_404(LumenRemoval.objects.select_related("submission__record").only(
        "pk", "lumen_id", "asked_on", "removed_on", "submission__record__public_id"), pk=pk)
    form = form_class(request.POST, removal_pk=removal.pk)
    if form.is_valid():
        try:
            step(removal, request.user, form.cleaned_data)
        except NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc
        except Conflict as exc:
            # Recorded meanwhile by a colleague: the page shows the row as it is now, the refusal in the summary, and
            # the note typed given back to copy (its form may be gone), not dropped by a redirect.
            form.add_error(None, exc.message)
            return _lumen_page(request, refused=(removal.pk, form), status=exc.http_status,
                               unsent=form.cleaned_data.get("note", ""))
        except DomainError as exc:
            for field, message in exc.field_errors().items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, done % {"notice": removal.submission.record.public_id, "id": removal.lumen_id})
            return redirect("opendata:staff_lumen")
    return _lumen_page(request, refused=(removal.pk, form), status=400)


#: Each step of an item: the form it takes, the service that records it, and what is said once it is recorded.
LUMEN_STEPS = {
    "asked": (AskedLumenForm, lambda removal, by, data: lumen_removals.record_lumen_removal_asked(
        removal, by, data["when"], data["note"]),
        gettext_lazy("Recorded: Lumen was asked to remove its copy of %(notice)s (Lumen id %(id)s).")),
    "removed": (RemovedByLumenForm, lambda removal, by, data: lumen_removals.record_lumen_removed(
        removal, by, data["when"], data["note"]),
        gettext_lazy("Recorded: Lumen removed its copy of %(notice)s (Lumen id %(id)s).")),
    "not_needed": (NotNeededForm, lambda removal, by, data: lumen_removals.record_lumen_removal_not_needed(
        removal, by, data["note"]),
        gettext_lazy("Recorded: no need to ask Lumen to remove its copy of %(notice)s (Lumen id %(id)s).")),
}


@staff_required(lumen_removals.PERMISSION)
@require_POST
def lumen_step(request, pk: int, step: str):
    form_class, record, done = LUMEN_STEPS[step]
    return _record_step(request, pk, form_class, record, str(done))
