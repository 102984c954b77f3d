"""The staff "new case" form: a request that came by post, fax, phone or e-mail, typed in by staff.

It is the public form of the kind (the same fields, the same checks of
:func:`.validation.clean_submission`: missing elements are marked on the
case, not refused) with what only staff know: the channel, the day and time
the request was received (which starts its deadlines, not the moment it was
typed in) and scans of the letter or fax. Two steps, without JavaScript:
choose the kind, then fill in its form. Saving opens the case and shows its
page (post, redirect, get); a refusal shows the form again with everything
typed kept.

The mail app's "open a case from a message" uses the same form, prefilled
(``StaffCaseForm`` with ``initial``), and its own saving function. Every form
that opens a case is sent once (:func:`open_once`): a double click opens one
case, and both clicks lead to it.
"""

from __future__ import annotations

from datetime import datetime, time
from functools import partial

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from rightsdesk.accounts.access import staff_required
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.core import carry_language, form_once
from rightsdesk.core.dates import DayInput
from rightsdesk.core.errors import DomainError, needed
from rightsdesk.core.lists import and_list

from . import services
from .forms import HONEYPOT, RequestForm, say_files_not_carried
from .kinds import SPECS, KindSpec, missing_labels
from .services import STATEMENT_FIELDS
from .validation import received_at_problem
from .views import private_page

#: Who may enter a request by hand: the intake role (and reviewers and the emergency team, who also add cases).
PERMISSION = "cases.add_case"
#: The channels a request entered by staff can have come through, in the order the form offers them.
CHANNELS = (c.Source.POST, c.Source.FAX, c.Source.PHONE, c.Source.EMAIL)

#: The public form speaks to the requester ("Your full name"); staff type in someone else's details.
STAFF_LABELS = {
    "requester_type": _("Type of requester"),
    "name": _("Requester's full name"),
    "email": _("Requester's e-mail address"),
    "organisation": _("Organisation the requester represents"),
    "official_title": _("The official's title"),
    "country": _("Requester's country"),
    "on_behalf_of": _("On whose behalf they write"),
    "description": _("The request, as written or said"),
    "anonymous": _("The report was made anonymously"),
    "signature": _("Signature: the name signed"),
}


def spec_for(kind: str | None) -> KindSpec | None:
    return SPECS.get(kind or "")


class StaffCaseForm(RequestForm):
    """The public form of ``spec`` for staff: plus the channel, the date and time received, the language."""

    def __init__(self, *args, spec: KindSpec, now: datetime | None = None, **kwargs):
        super().__init__(*args, spec=spec, **kwargs)
        self.now = now or timezone.now()
        del self.fields[HONEYPOT]  # staff are signed in: no trap for robots
        for name, label in STAFF_LABELS.items():
            if name in self.fields:
                self.fields[name].label = label
        self.fields["attachments"].label = _("Scans of the letter or fax, or the documents sent (optional)")
        self.fields["channel"] = forms.ChoiceField(
            label=_("Received by"), choices=[("", _("Choose…"))] + [(v, c.Source(v).label) for v in CHANNELS],
            error_messages={"required": _("Choose how the request arrived."),
                            "invalid_choice": _("Choose how the request arrived.")})
        self.fields["received_on"] = forms.DateField(
            label=_("Date received"), widget=DayInput(),
            error_messages={"required": _("Type the day the request arrived, e.g. 2026-07-30."),
                            "invalid": _("Type the date as year-month-day, e.g. 2026-07-30.")})
        self.fields["received_time"] = forms.TimeField(
            label=_("Time received (UTC, optional)"), required=False,
            widget=forms.TimeInput(attrs={"type": "time", "dir": "ltr"}, format="%H:%M"),
            error_messages={"invalid": _("Type the time as hours:minutes, e.g. 14:05.")})
        self.fields["language"] = forms.ChoiceField(label=_("Language of the request"), choices=settings.LANGUAGES,
                                                    initial=get_language())
        self.fields["send_receipt"] = forms.BooleanField(
            label=_("E-mail the requester a receipt with the private tracking link"), required=False)
        for name in ("channel", "received_on"):
            self.fields[name].widget.attrs["aria-required"] = "true"

    STAFF_HELP = {
        "received_on": _("The day the letter, fax, call or e-mail arrived: the deadlines are counted from it, not "
                         "from today."),
        "received_time": _("Leave empty for the start of that day (today: now)."),
        "send_receipt": _("Only when the requester gave an e-mail address. Letters are usually answered by post."),
    }

    def help_for(self, name):
        if name in self.STAFF_HELP:
            return self.STAFF_HELP[name]
        return super().help_for(name)

    def why_for(self, name):
        return ""  # the reasons speak to the requester; staff know them

    def is_required(self, name: str) -> bool:
        return name in ("channel", "received_on") or super().is_required(name)

    @property
    def arrival_rows(self) -> list[dict]:
        return [self.row(name) for name in ("channel", "received_on", "received_time", "language")]

    @property
    def send_receipt_row(self) -> dict:
        return {**self.row("send_receipt"), "checkbox": True}

    @property
    def has_statements(self) -> bool:
        return any(name in STATEMENT_FIELDS for name in self.spec.field_names)

    def clean(self):
        data = super().clean()
        for error in self.cleaned.errors if self.cleaned else ():
            if error.code == "required" and error.field in STAFF_LABELS and error.field in self._errors:
                # "This is needed: Who are you?" speaks to the requester; say it with the label staff see.
                self._errors[error.field] = self.error_class([needed(STAFF_LABELS[error.field])])
        day, at = data.get("received_on"), data.get("received_time")
        if day is not None and "received_time" not in self.errors:
            if at is None:
                at = self.now.astimezone(timezone.get_current_timezone()).time() \
                    if day == timezone.localdate(self.now) else time(0, 0)
            moment = timezone.make_aware(datetime.combine(day, at))
            problem = received_at_problem(moment, self.now)
            if problem:
                self.add_error("received_on", problem)
            data["received_at"] = moment
        return data


def _denied(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def sent_again(request, once: str, form_url: str):
    """The same form sent again (a double click, or a browser sending the same page again): open nothing; wait for
    the first sending and go to the case it opened, saying so (with a double click the browser shows this answer,
    not the first's). If the first is still opening its case after the wait, say to look in the queue and go back
    to ``form_url``."""

    def still_opening():
        messages.error(request, gettext("This form was already sent, and its case is still being opened. Look for it "
                                        "in the queue before you send the form again."))
        return redirect(form_url)

    return form_once.answer_again(once, partial(_case_opened, request), still_opening)


def open_once(request, once: str, open_case, refused, *, form_url: str):
    """Open a case from a checked staff form once (``core.form_once.do_once``): the staff new-case form, and the
    mail desk's "Open as …" and "Change details first".

    ``open_case()`` opens the case and returns it; a DomainError it raises frees the form to be sent again
    (corrected) and is answered by ``refused(error)``. A second sending of the same form opens nothing
    (:func:`sent_again`). The case's page follows, with what it lacks."""
    return form_once.do_once(once, lambda: open_case().reference, answer=partial(_case_opened, request),
                             refused=refused, again=lambda: sent_again(request, once, form_url))


def _case_opened(request, reference: str):
    """The answer to every sending of a form that opened a case: its page, saying that it is open and what it
    lacks (as stored: the same for the first sending and the later ones)."""
    missing = Case.objects.filter(reference=reference).values_list("missing_fields", flat=True).first()
    opened_message(request, reference, missing or [])
    return redirect(reverse("review:case", args=[reference]))


def opened_message(request, reference: str, missing: list[str]) -> None:
    """Say that the case is open and what it lacks; once, though the form that opened it was sent several times."""
    if missing:
        text = ngettext(
            "Case %(reference)s is open. It lacks %(count)d element, marked on the case: %(missing)s.",
            "Case %(reference)s is open. It lacks %(count)d elements, marked on the case: %(missing)s.", len(missing)
        ) % {"reference": reference, "count": len(missing), "missing": and_list(missing_labels(missing, staff=True))}
        form_once.say_once(request, messages.WARNING, text)
    else:
        form_once.say_once(request, messages.SUCCESS, gettext("Case %(reference)s is open.") % {"reference": reference})


def render_form(request, form: StaffCaseForm, *, status: int = 200, **context):
    """The kind's form, whose words a change of language carries (``core.carry_language``): a letter half typed in
    is not lost to the language switcher."""
    form.describe()
    response = render(request, "intake/staff_new_case.html", {"form": form, "spec": form.spec,
                                                               "kind_label": c.Kind(form.spec.kind).label,
                                                               **carry_language.switcher(), **context}, status=status)
    return carry_language.answered(request, response)


def carried(request, form: StaffCaseForm, **context):
    """The form again after its language was changed, as typed: unchecked, nothing opened, its one-time token
    neither claimed nor changed (the form's files cannot be carried; the form says so at its file field)."""
    say_files_not_carried(carry_language.unchecked(form))
    return render_form(request, form, **context)


@private_page
@staff_required(PERMISSION, denied=_denied)
@require_http_methods(["GET", "POST"])
def new_case(request):
    spec = spec_for(request.POST.get("kind") or request.GET.get("kind"))
    if spec is None:
        status = 400 if request.method == "POST" else 200
        return render(request, "intake/staff_new_case.html", {"form": None, "kinds": c.Kind.choices,
                                                              "channel": request.GET.get("channel", "")}, status=status)
    if request.method == "GET":
        initial = {"language": get_language()}
        if request.GET.get("channel") in CHANNELS:
            initial["channel"] = request.GET["channel"]
        return render_form(request, StaffCaseForm(spec=spec, initial=initial))
    form = StaffCaseForm(request.POST, request.FILES, spec=spec)
    if carry_language.asked(request):  # the language changed: the form again, in it, unchecked and unsent
        return carried(request, form)
    once, form_url = form.form_token, f"{reverse('intake:staff_new_case')}?kind={spec.kind}"
    if form_once.was_used(once):  # the same form sent twice: one case
        return sent_again(request, once, form_url)
    if not form.is_valid():
        return render_form(request, form)
    data = form.cleaned_data

    def open_case():
        receipt = services.open_staff_case(spec, form.cleaned, source=data["channel"], received_at=data["received_at"],
                                           language=data["language"], actor=request.user, uploads=form.uploads,
                                           send_receipt_to_requester=bool(data.get("send_receipt")))
        return receipt.case

    def refused(exc: DomainError):
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return render_form(request, form)

    return open_once(request, once, open_case, refused, form_url=form_url)
