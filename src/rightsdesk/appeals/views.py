"""Pages of the appeals app: the public appeal page (through the link in a notice) and the staff decision page.

Views stay thin: they read the form, call a service and report its error
message. The staff page checks the reviewer permissions; the service and the
workflow guard refuse anyone who took part in the decision appealed.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rightsdesk.accounts import access
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA, APPEAL_OUTCOME_LABELS, REVIEWER_PERMISSIONS
from rightsdesk.core import carry_language, form_once
from rightsdesk.core.errors import DomainError
from rightsdesk.intake import attachments as files
from rightsdesk.intake import conf as intake_conf
from rightsdesk.intake.outcome import decision_for_requester, decision_withheld
from rightsdesk.notices import rendering
from rightsdesk.review.guards import DECISION_INCOMPLETE

from . import selectors, services
from .models import AppealMessage


def _denied(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def _case_url(case: Case) -> str:
    try:
        return reverse("review:case", kwargs={"reference": case.reference})
    except NoReverseMatch:
        return ""


# --- Staff: deciding an appeal --------------------------------------------------------------------

@access.staff_required(*REVIEWER_PERMISSIONS, denied=_denied)
def appeal_decide(request, pk: int):
    appeal = get_object_or_404(Case.objects.select_related("appeal_of"), pk=pk, kind=c.Kind.APPEAL)
    if not appeal.appeal_of_id:
        raise Http404("Not an appeal of a case.")
    original = appeal.appeal_of
    values = {"outcome": "", "reasons": "", "restore": []}
    error = None
    if request.method == "POST":
        values = {"outcome": request.POST.get("outcome", ""), "reasons": request.POST.get("reasons", ""),
                  "restore": request.POST.getlist("restore")}
        try:
            services.decide_appeal(appeal, values["outcome"], values["reasons"], request.user,
                                   restore_item_ids=[int(i) for i in values["restore"] if i.isdigit()])
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("Appeal decided; the appellant's notice is drafted in the outbox."))
            return redirect(_case_url(appeal) or "notices:outbox")
    involved = selectors.is_involved(appeal, request.user)
    by_requester = selectors.filed_by_requester(appeal)
    # What the appellant wrote is private (like a request): shown with access to private data, and audited.
    private = request.user.has_perm(ACCESS_PRIVATE_DATA)
    added = list(AppealMessage.objects.filter(appeal=appeal)) if private else []
    documents = selectors.documents(appeal) if private else []
    if private:
        record_access(request.user, "view_appeal", case=appeal,
                      fields=["description"] + (["appeal_message.text"] if added else [])
                      + (["attachment.original_name"] if documents else []), purpose="decide an appeal")
    return render(request, "appeals/staff/decide.html", {
        "appeal": appeal, "original": original, "values": values, "error": error, "involved": involved,
        "private": private, "added": added, "filing": selectors.filing_of(appeal),
        "documents": documents,
        "decision_steps": selectors.decision_steps(original),
        "outcomes": [(k, v) for k, v in APPEAL_OUTCOME_LABELS.items()],
        "items": [] if by_requester else list(selectors.restorable_items(original)),
        "eligible": selectors.eligible_reviewers(appeal)[:20], "by_requester": by_requester,
        "case_url": _case_url(appeal), "original_url": _case_url(original),
        # The checklist and the items are answered on the appeal's case page: the refusal links there.
        "error_href": f"{_case_url(appeal)}#checklist"
        if error and error.code == DECISION_INCOMPLETE and _case_url(appeal) else "",
        "closed_as": "" if appeal.is_open else selectors.how_closed(appeal),
    }, status=error.http_status if error else 200)  # 403: they took part; 409: decided meanwhile


# --- Public: appeal through the link in a notice -------------------------------------------------

def _at_fields(error, chosen) -> dict:
    """{field: its messages} of a refused form, for core's field_errors tags to show each at its field, tied to it. As
    on intake's forms (``intake.forms.ask_to_choose_files_again``), a form sent back after files were chosen says at
    the file field to choose them again, beside a refused file too (the good ones chosen with it are gone as well)."""
    at_fields = {field: [message] for field, message in error.field_errors().items() if field} if error else {}
    if error and chosen:
        at_fields.setdefault("attachments", []).append(files.CHOOSE_AGAIN)
    return at_fields


def appeal_page(request, token: str):
    notice = selectors.notice_for_token(token)
    if notice is None:
        # Sent with a mistyped, cut or unknown link, the words typed are given back to copy, as on the tracking
        # page's (intake: track_unknown.html); private, so no cache keeps them.
        # (Kept by no cache, its address sent to no site: core.secret_urls, for every answer on the link's address.)
        response = render(request, "appeals/public/appeal_unknown.html",
                          {"typed": request.POST.get("text", "") if request.method == "POST" else ""}, status=404)
        response._has_been_logged = True  # the path may be someone's mistyped private token
        return response
    original = notice.case
    appeal = notice.appeal
    error = None
    text = ""
    role_label = "requester" if notice.recipient_role == c.PartyRole.REQUESTER else "affected_user"
    said = {"added": _("Thank you. Your information was added to the appeal."),
            "filed": _("Your appeal was received. A person who took no part in the first decision will review it.")}

    def answer(made: str):
        form_once.say_once(request, messages.SUCCESS, said[made])
        return redirect(request.path)

    carried = carry_language.asked(request)  # the language changed: the form again, in it, unchecked and unsent
    if request.method == "POST":
        text = request.POST.get("text", "")
    if request.method == "POST" and not carried:
        once = form_once.sent_token(request.POST)

        def work() -> str:
            # The request forms' rules: how many files, how big, which types (decided by their first bytes).
            uploads = files.check_uploads(request.FILES.getlist("attachments"))
            if appeal is not None:
                services.add_information(appeal, text, role_label, uploads=uploads)
                return "added"
            services.file_appeal(original, notice.recipient_role, text, get_language(), role_label, notice=notice,
                                 uploads=uploads)
            return "filed"

        # A double click, or the browser sending the form again, files the appeal (or adds the words) once.
        def again():
            return form_once.answer_again(once, answer, lambda: redirect(request.path))

        if form_once.was_used(once):
            return again()
        sent = form_once.do_once(once, work, answer=answer, refused=lambda exc: exc, again=again)
        if not isinstance(sent, DomainError):
            return sent
        error = sent
        if appeal is not None:
            appeal.refresh_from_db()  # as it is now: decided while they typed?
        else:
            # Filed meanwhile from another tab (both read the link before either filed): the page of that appeal,
            # its add-information form holding the words this tab sent, not a new-appeal form refused again.
            notice.refresh_from_db(fields=["appeal"])
            appeal = notice.appeal
    deadline = selectors.appeal_deadline(original, notice.recipient_role, notice)
    expired = deadline is not None and timezone.now() > deadline
    # Reopened (an appeal reversed it, or staff correct it): no form until the new decision is sent.
    decided_anew = appeal is None and not selectors.has_decision_to_appeal(original)
    filing = selectors.filing_of(appeal) if appeal else None
    # Under a gag order covering the appellant (on the appeal or the case appealed) the page says what it said
    # before the decision: under review, no outcome, no date.
    withheld = appeal is not None and decision_withheld(appeal)
    outcome = rendering.outcome_label(appeal) if appeal and appeal.outcome and not withheld else ""
    form_shown = bool(appeal.is_open or withheld) if appeal else not (decided_anew or expired)
    response = render(request, "appeals/public/appeal.html", {
        "notice": notice, "original": original, "appeal": appeal, "filing": filing, "error": error, "text": text,
        "deadline": deadline, "expired": expired, "outcome": outcome,
        "being_decided_anew": decided_anew,
        "max_files": intake_conf.get("MAX_ATTACHMENTS"), "max_mb": intake_conf.get("MAX_ATTACHMENT_BYTES") // 2**20,
        "documents": selectors.documents(appeal) if appeal else [],
        # What they sent, read back to the holder of the link that filed it (the appeal is the notice's own).
        "added": list(AppealMessage.objects.filter(appeal=appeal)) if appeal else [],
        # The decision as it was sent to the appellant (the appeal's requester): never a draft, a held notice or
        # the case's decision summary (staff's own, which may name people the notice leaves out).
        "decision": decision_for_requester(appeal) if appeal and not appeal.is_open and not withheld else None,
        "withheld": withheld,
        # Words whose form is gone are given back to copy, however they came: sent (to an appeal
        # decided meanwhile, after the time to appeal ended or the decision was reopened while they were typed) or
        # carried to another language (the switcher posts them) to a page that no longer has the form. One rule:
        # the words posted, when the page shows no form to hold them.
        "at_fields": _at_fields(error, request.FILES.getlist("attachments")),
        "unsent": "" if form_shown else text,
        "files_not_carried": files.NOT_CARRIED if carried and request.FILES.getlist("attachments") else "",
        # Shown again in another language, the form keeps its one-time token: it was not sent.
        "form_token": form_once.sent_token(request.POST) if carried else form_once.new_form_token(),
        **carry_language.switcher(form_shown),
    }, status=error.http_status if error else 200)  # 409: the appeal was decided or filed meanwhile
    # The URL is a private token: kept by no cache and never sent to another site (core.secret_urls, for every
    # answer on such an address).
    # Django logs 4xx responses with their path, which here is the private token: keep it out of the logs.
    response._has_been_logged = True
    return carry_language.answered(request, response)
