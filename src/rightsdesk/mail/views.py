"""The staff inbox: received e-mails to triage, one message's page, and what a person does with a message.

- ``/staff/inbox/``: new and flagged messages first, filtered by inbox and status.
- ``/staff/inbox/<id>/``: the headers, the sender (and, for a forward, the original sender and the forwarder),
  the text, the attachments, the problems found, and the suggestions (kind, requester type). The rules only
  suggest: a person opens the case ("Open as <kind>": one click with the prefilled values; "Change details
  first": the staff new-case form of intake, prefilled), files the message into an existing case, or ignores it
  with a reason.

Thin views: the rules are in :mod:`.services` and :mod:`.triage`. Who may do what is :mod:`rightsdesk.accounts.access`
over the permissions of :mod:`rightsdesk.cases.policy`: the pages are for the people who sort and review cases;
the sender, the subject, the text and the files are private (``cases.access_private_data``), shown masked to the
others and recorded in the audit trail when shown. Every action is a POST that carries the message's state as the
page showed it: if someone else acted on the message meanwhile, nothing is done and the page says so.
"""

from __future__ import annotations

import io
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case as When_, IntegerField, Value, When
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rightsdesk.accounts.access import has_any, staff_required
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA, WORKER_PERMISSIONS, reference_example
from rightsdesk.cases.services import reference_as_stored
from rightsdesk.core import carry_language, form_once, languages
from rightsdesk.core.bidi import ltr_text
from rightsdesk.core.errors import DomainError
from rightsdesk.core.registry import mail_message_actions
from rightsdesk.intake.kinds import FIELDS, SPECS
from rightsdesk.intake.staff_intake import PERMISSION as ADD_CASE
from rightsdesk.intake.staff_intake import STAFF_LABELS, StaffCaseForm, carried, open_once, render_form, sent_again
from rightsdesk.intake.validation import requester_type_choices
from rightsdesk.intake.views import private_page

from . import parsing, services, triage
from .models import InboundAttachment, InboundMessage, Inbox

#: Who may see the inbox, file a message into a case and ignore one: those who sort and review cases.
VIEW = WORKER_PERMISSIONS
PRIVATE = ACCESS_PRIVATE_DATA
Status = InboundMessage.Status

#: The problems a message can carry, in words for staff: the list of .parsing.
PROBLEM_LABELS = parsing.PROBLEMS
#: The essential choices a one-click case may need besides the text (the kind's form asks them; a suggestion or
#: the person fills them in on the message page).
QUICK_CHOICES = ("requester_type", "legal_process", "content_ground", "threat_type", "harm_category")
#: Statuses in the order the list shows them: what needs a person first.
RANK = When_(When(status=Status.FLAGGED, then=Value(0)), When(status=Status.NEW, then=Value(1)), default=Value(2),
             output_field=IntegerField())


def _denied(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def problem_labels(codes) -> list[str]:
    return [str(PROBLEM_LABELS.get(code, code)) for code in codes or []]


def seen_mark(message: InboundMessage) -> str:
    """The state a page showed; an action sent with another mark was made on an outdated page."""
    return f"{message.status}:{message.case_id or ''}"


# --- The list -------------------------------------------------------------------------------------------------------

@private_page
@staff_required(*VIEW, denied=_denied)
@require_http_methods(["GET"])
def inbox(request):
    inboxes = list(Inbox.objects.all())
    chosen_inbox = request.GET.get("inbox", "")
    chosen_status = request.GET.get("status", "")
    qs = InboundMessage.objects.select_related("inbox", "case", "duplicate_of")
    if chosen_inbox in {i.name for i in inboxes}:
        qs = qs.filter(inbox__name=chosen_inbox)
    else:
        chosen_inbox = ""
    if chosen_status in Status.values:
        qs = qs.filter(status=chosen_status)
    else:
        chosen_status = ""
    qs = qs.annotate(rank=RANK).order_by("rank", "-received_at", "-id")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    see_private = request.user.has_perm(PRIVATE)
    rows = [{"m": m, "problems": problem_labels(m.problems), "kind": _kind_label(m.suggested_kind)} for m in page]
    if see_private and rows:
        record_access(request.user, "view_private", fields=["inbound_message.sender", "inbound_message.subject"],
                      purpose="inbox list")
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "mail/inbox.html", {
        "page": page, "rows": rows, "see_private": see_private, "inboxes": inboxes, "statuses": Status.choices,
        "chosen_inbox": chosen_inbox, "chosen_status": chosen_status, "query": query.urlencode(),
    })


def _kind_label(kind: str) -> str:
    return str(c.Kind(kind).label) if kind in c.Kind.values else ""


# --- One message ----------------------------------------------------------------------------------------------------

def _suggested_kind(message: InboundMessage) -> str:
    kind = message.suggested_kind or message.inbox.default_kind
    return kind if kind in SPECS else ""


def quick_values(message: InboundMessage, kind: str) -> dict:
    """The essential choices of a one-click case of ``kind``, as suggested (a person may change them)."""
    spec = SPECS[kind]
    values = {}
    if "requester_type" in spec.essential:
        allowed = dict(requester_type_choices(spec))
        suggested = message.suggested_requester_type
        values["requester_type"] = suggested if suggested in allowed else ""
    if "legal_process" in spec.essential:
        values["legal_process"] = triage.suggest_legal_process(message.subject, message.body_text)
    for name in QUICK_CHOICES:
        if name in spec.essential and name not in values:
            values[name] = ""
    return values


def _quick_fields(kind: str, values: dict, errors: dict) -> list[dict]:
    rows = []
    for name, value in values.items():
        fd = FIELDS[name]
        choices = requester_type_choices(SPECS[kind]) if name == "requester_type" else fd.choices
        rows.append({"name": name, "label": STAFF_LABELS.get(name, fd.label), "value": value, "choices": choices, "error": errors.get(name, "")})
    return rows


def _message_page(request, message: InboundMessage, *, failed: str = "", error: str = "", error_field: str = "",
                  posted=None, status: int = 200, unsent: str = ""):
    user = request.user
    see_private = user.has_perm(PRIVATE)
    attachments = list(message.attachments.all())
    if see_private:
        fields = [f"inbound_message.{name}" for name in ("sender_email", "sender_name", "original_sender_email",
                                                         "original_sender_name", "forwarded_by", "subject", "body_text")
                  if getattr(message, name)]
        if attachments:
            fields.append("inbound_attachment.filename")
        record_access(user, "view_private", case=message.case, obj=message, fields=fields, purpose="inbox message")
    kind = _suggested_kind(message)
    actionable = message.status in (Status.NEW, Status.FLAGGED)
    posted = posted or {}
    if failed == "file":  # what the person chose comes back with the error
        file_as, confirmed = posted.get("filed_as", ""), posted.get("confirmed") == "yes"
    else:  # the case a reply answers is known: start from whose address it came from (services.whose_address)
        file_as = services.whose_address(message.case, message.sender_email) if message.case_id else ""
        confirmed = False
    quick = quick_values(message, kind) if kind else {}
    if failed == "open" and posted.get("kind") == kind:
        quick = {name: posted.get(name, value) for name, value in quick.items()}
    return render(request, "mail/message.html", {
        "m": message, "attachments": attachments, "see_private": see_private,
        "problems": problem_labels(message.problems),
        "suggested_kind": kind, "suggested_kind_label": _kind_label(kind),
        "quick_fields": _quick_fields(kind, quick, {error_field: error} if failed == "open" else {}) if kind else [],
        "kinds": c.Kind.choices, "seen": seen_mark(message),
        # Each action's form its own one-time token: a double click does the action once (core.form_once).
        "tokens": {action: form_once.new_form_token() for action in ("open", "file", "ignore")},
        "may_open": has_any(user, ADD_CASE), "may_change_details": has_any(user, ADD_CASE) and see_private,
        "may_act": has_any(user, VIEW), "actionable": actionable,
        "filed_as_choices": services.FiledAs.choices, "file_as": file_as, "file_confirmed": confirmed,
        "file_reference": posted.get("reference", "") if failed == "file" else
        (message.case.reference if message.case_id else ""), "reference_example": reference_example(),
        "failed": failed, "error": error, "posted": posted, "unsent": unsent if not actionable else "",
        # The refusal leads to the form that failed, or, once the forms are gone, to the words given back.
        "error_target": failed if actionable or not unsent else "unsent",
        "requester_type_label": dict(c.RequesterType.choices).get(message.suggested_requester_type, ""),
        "other_actions": mail_message_actions(request, message),
    }, status=status)


@private_page
@staff_required(*VIEW, denied=_denied)
@require_http_methods(["GET"])
def message_detail(request, pk: int):
    message = get_object_or_404(InboundMessage.objects.select_related("inbox", "case", "duplicate_of"), pk=pk)
    return _message_page(request, message)


def _outdated(request, message: InboundMessage) -> bool:
    return request.POST.get("seen", "") != seen_mark(message)


#: The words a person types into each action's form: given back when the action is refused as outdated.
TYPED = {"file": "reference", "ignore": "reason"}


def _refuse_outdated(request, message: InboundMessage, failed: str):
    """Nothing is done; the page comes back as it is now (409), with the refusal at the action's form and what was
    typed kept: in the form if the message still waits, else given back to copy (its forms are gone)."""
    error = _("Someone acted on this message since you opened it: it is now “%(status)s”. Nothing was done; look at "
              "it again.") % {"status": message.get_status_display()}
    return _message_page(request, message, failed=failed, error=error, posted=request.POST, status=409,
                         unsent=(request.POST.get(TYPED.get(failed, "")) or "").strip())


def _posted_message(pk: int) -> InboundMessage:
    return get_object_or_404(InboundMessage.objects.select_related("inbox", "case", "duplicate_of"), pk=pk)


@require_POST
@staff_required(ADD_CASE, denied=_denied)
def open_quick(request, pk: int):
    """"Open as <kind>": one click opens the case with the message's values and the suggested choices. A double click
    opens one case (``intake.staff_intake.open_once``): the second click leads to it too."""
    message = _posted_message(pk)
    once, message_url = form_once.sent_token(request.POST), reverse("mail:message", args=[message.pk])
    if form_once.was_used(once):  # before the outdated check: the first click has changed the message
        return sent_again(request, once, message_url)
    if _outdated(request, message):
        return _refuse_outdated(request, message, "open")
    kind = request.POST.get("kind", "")
    if kind not in SPECS:
        return _message_page(request, message, failed="open", error=_("Choose the kind of request."),
                             posted=request.POST, status=400)
    values = {name: request.POST.get(name, "") for name in quick_values(message, kind)}
    values["language"] = _message_language(message)

    def open_case():
        return services.open_case_from_message(message, kind=kind, actor=request.user, values=values)

    def refused(exc: DomainError):
        return _message_page(request, message, failed="open", error=exc.message, error_field=exc.field or "",
                             posted=request.POST, status=400)

    return open_once(request, once, open_case, refused, form_url=message_url)


class MessageCaseForm(StaffCaseForm):
    """The staff new-case form for a received e-mail: the channel is e-mail, the date received the message's, and
    its attachments are copied; the rest is prefilled for a person to check."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("channel", "received_on", "received_time", "send_receipt", "attachments"):
            del self.fields[name]

    @property
    def arrival_rows(self) -> list[dict]:
        return [self.row("language")]

    def is_required(self, name: str) -> bool:
        return name not in ("channel", "received_on") and super().is_required(name)


def _initial(message: InboundMessage, kind: str) -> dict:
    values = {**services.prefill(message), **quick_values(message, kind)}
    allowed = dict(requester_type_choices(SPECS[kind]))
    if values.get("requester_type") not in allowed:
        values["requester_type"] = ""
    return {k: v for k, v in values.items() if v} | {"language": _message_language(message)}


def _message_language(message: InboundMessage) -> str:
    """The case's language (and so its notices'): the e-mail's own, guessed from its text (core.languages), else
    the language staff work in; the staff form shows it to change."""
    return languages.guess_shipped(f"{message.subject}\n{message.body_text}") or get_language()


@private_page
@staff_required(ADD_CASE, denied=_denied)
@require_http_methods(["GET", "POST"])
def open_form(request, pk: int):
    """"Change details first": the staff new-case form prefilled from the message; saving opens the case from it."""
    message = _posted_message(pk)
    if not request.user.has_perm(PRIVATE):
        return _denied(request, _("This form shows the message's sender and text, which are private: you need the "
                                  "permission %(perm)s. Use “Open as …” on the message page.") % {"perm": PRIVATE})
    kind = request.POST.get("kind") or request.GET.get("kind") or _suggested_kind(message)
    spec = SPECS.get(kind)
    message_url = reverse("mail:message", args=[message.pk])
    context = {"from_message": message, "action": reverse("mail:open", args=[message.pk]),
               "received_at": message.sent_at or message.received_at}
    if spec is None:
        return render(request, "intake/staff_new_case.html", {"form": None, "kinds": c.Kind.choices, **context})
    if carry_language.asked(request):  # the language changed: the form again, in it, unchecked and unsent
        return carried(request, MessageCaseForm(request.POST, spec=spec), **context)
    once = form_once.sent_token(request.POST) if request.method == "POST" else ""
    if form_once.was_used(once):  # the same form sent twice: one case, before the check that the message is filed
        return sent_again(request, once, message_url)
    already = _("This message is already “%(status)s”.") % {"status": message.get_status_display()}
    if message.status not in (Status.NEW, Status.FLAGGED) and request.method == "GET":
        messages.error(request, already)
        return redirect(message_url)
    record_access(request.user, "view_private", case=None, obj=message,
                  fields=["inbound_message.sender_email", "inbound_message.body_text"], purpose="open a case from a message")
    if message.status not in (Status.NEW, Status.FLAGGED):
        # A colleague filed or set aside the message while this form was being edited: the edits come back, with
        # the reason, to be copied (nothing is opened from a message that is no longer waiting).
        form = MessageCaseForm(request.POST, spec=spec)
        form.is_valid()
        form.add_error(None, already)
        response = _render_form(request, form, context)
        response.status_code = 409
        return response
    if request.method == "GET":
        form = MessageCaseForm(spec=spec, initial=_initial(message, kind))
        return _render_form(request, form, context)
    form = MessageCaseForm(request.POST, spec=spec)
    if not form.is_valid():
        return _render_form(request, form, context)
    values = {**form.cleaned.values, "language": form.cleaned_data["language"]}

    def open_case():
        return services.open_case_from_message(message, kind=kind, actor=request.user, values=values)

    def refused(exc: DomainError):
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _render_form(request, form, context)

    return open_once(request, once, open_case, refused, form_url=message_url)


def _render_form(request, form, context):
    return render_form(request, form, **context)


@require_POST
@staff_required(*VIEW, denied=_denied)
def file_message(request, pk: int):
    """"File into case RD-…", saying who the message is from (services.FiledAs): the requester's information (their
    address, or another one the person confirms), or a staff note the requester never sees. Without a choice, whose
    address it is decides (services.file_into_case). Sent twice (a double click), it is filed once and both
    sendings lead to the case."""
    message = _posted_message(pk)
    once = form_once.sent_token(request.POST)
    again = partial(_done_again, request, message, once, _filed, "file")
    if form_once.was_used(once):  # before the outdated check: the first sending has filed the message
        return again()
    if _outdated(request, message):
        return _refuse_outdated(request, message, "file")
    reference = reference_as_stored(request.POST.get("reference") or "")
    if not reference:
        return _message_page(request, message, failed="file", posted=request.POST, status=400,
                             error=_("Type the reference of the case, e.g. %(reference)s.")
                             % {"reference": ltr_text(reference_example())})
    case = Case.objects.filter(reference=reference).first()
    if case is None:
        return _message_page(request, message, failed="file", status=400, posted=request.POST,
                             error=_("No case has the reference %(reference)s. Check it on the case page.")
                             % {"reference": ltr_text(reference)})

    def file():
        filed_as = services.file_into_case(message, case, actor=request.user,
                                           filed_as=request.POST.get("filed_as", ""),
                                           confirmed=request.POST.get("confirmed") == "yes")
        return f"{case.reference} {filed_as}"

    def refused(exc: DomainError):
        return _message_page(request, message, failed="file", error=exc.message, posted=request.POST, status=400)

    return form_once.do_once(once, file, answer=partial(_filed, request), refused=refused, again=again)


def _filed(request, made: str):
    """The answer to a filing: ``made`` is the case's reference and who the message was filed as from."""
    reference, _space, filed_as = made.partition(" ")
    if filed_as == services.FiledAs.REQUESTER:
        said = _("The message is filed into case %(reference)s as the requester's information.")
    else:
        said = _("The message is filed into case %(reference)s as a staff note; the requester does not see it.")
    form_once.say_once(request, messages.SUCCESS, said % {"reference": reference})
    return redirect(reverse("review:case", args=[reference]))


def _done_again(request, message: InboundMessage, once: str, answer, failed: str):
    """An action's form sent again (a double click): do nothing; once the first sending is done, give its answer.
    If the first is still at work after the wait, or failed, the page is outdated as far as this sending knows."""

    def outdated():
        message.refresh_from_db()
        return _refuse_outdated(request, message, failed)

    return form_once.answer_again(once, partial(answer, request), outdated)


@require_POST
@staff_required(*VIEW, denied=_denied)
def ignore(request, pk: int):
    """"Ignore": no case (spam, a copy, nothing to act on); the message stays stored, marked with the reason. Sent
    twice (a double click), it is ignored once and both sendings lead back to the inbox."""
    message = _posted_message(pk)
    once = form_once.sent_token(request.POST)
    again = partial(_done_again, request, message, once, _ignored, "ignore")
    if form_once.was_used(once):  # before the outdated check: the first sending has ignored the message
        return again()
    if _outdated(request, message):
        return _refuse_outdated(request, message, "ignore")
    reason = (request.POST.get("reason") or "").strip()
    if not reason:
        return _message_page(request, message, failed="ignore", status=400, posted=request.POST,
                             error=_("Say why this message needs no case, e.g. “spam” or “a copy of message 12”."))
    if len(reason) > 500:
        return _message_page(request, message, failed="ignore", status=400, posted=request.POST,
                             error=_("Use at most 500 characters."))

    def ignore_it():
        services.ignore_message(message, actor=request.user, reason=reason)
        return str(message.pk)

    def refused(exc: DomainError):
        return _message_page(request, message, failed="ignore", error=exc.message, posted=request.POST, status=400)

    return form_once.do_once(once, ignore_it, answer=partial(_ignored, request), refused=refused, again=again)


def _ignored(request, number: str):
    form_once.say_once(request, messages.SUCCESS, _("Message %(number)s is ignored.") % {"number": number})
    return redirect("mail:inbox")


# --- Files ----------------------------------------------------------------------------------------------------------

def _file_response(data: bytes, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(io.BytesIO(data), as_attachment=True, filename=filename,
                            content_type=content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(PRIVATE, denied=_denied)
@require_http_methods(["GET"])
def attachment_download(request, pk: int, attachment_id: int):
    attachment = get_object_or_404(InboundAttachment.objects.select_related("message"), pk=attachment_id,
                                   message_id=pk)
    if attachment.refused_reason or not attachment.file:
        return _denied(request, _("This attachment was not kept: %(reason)s.") % {"reason": attachment.refused_reason})
    record_access(request.user, "download", case=attachment.message.case, obj=attachment,
                  fields=["inbound_attachment.file"], purpose="inbox message")
    return _file_response(services.read_attachment(attachment), attachment.filename or "attachment",
                          attachment.content_type)


@staff_required(PRIVATE, denied=_denied)
@require_http_methods(["GET"])
def original_download(request, pk: int):
    message = get_object_or_404(InboundMessage, pk=pk)
    if not message.raw:
        return _denied(request, _("The original of this message was not kept."))
    record_access(request.user, "download", case=message.case, obj=message, fields=["inbound_message.raw"],
                  purpose="inbox message")
    return _file_response(services.read_raw(message), f"message-{message.pk}.eml", "message/rfc822")
