"""The staff workspace: queues and the case page. Views are thin; the rules are in services."""

from __future__ import annotations

import io
from collections import defaultdict
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from rightsdesk.accounts.access import has_any, staff_required
from rightsdesk.core.form_address import form_of
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases import policy, workflow
from rightsdesk.cases.models import Case
from rightsdesk.clocks import selectors as clock_selectors
from rightsdesk.cases.policy import (ACCESS_PRIVATE_DATA, APPROVER_PERMISSIONS, CASE_PERSONAL_FIELDS, ITEM_PERSONAL_FIELDS,
                                     PARTY_PERSONAL_FIELDS, is_emergency)
from rightsdesk.core import form_once
from rightsdesk.core.errors import DomainError, NotPermitted
from rightsdesk.core.lists import and_list, semicolon_list
from rightsdesk.core.middleware import PREVIEW_CSP
from rightsdesk.core.registry import case_panels
from rightsdesk.crisis import rules as crisis_rules
from rightsdesk.intake import attachments as intake_files
from rightsdesk.intake.kinds import missing_labels
from rightsdesk.intake.models import Attachment

from . import checklist, deadlines, guards, queue_views, queues, services, timeline
from .models import MessageToRequester
from .vocab import DATA_FIELDS


VIEW = policy.VIEW_CASES
PRIVATE = ACCESS_PRIVATE_DATA
#: Transitions the case page offers as plain buttons; deciding and approving have their own forms.
SIMPLE_TRANSITIONS = ("triage", "start_review", "information_received", "mark_notified", "close", "withdraw", "reopen")


def forbidden(request, message: str):
    return render(request, "rightsdesk/staff_forbidden.html", {"message": message}, status=403)


def staff_view(*perms: str):
    """Signed-in staff with at least one of ``perms``; others get the sign-in page or a 403 that says what is missing."""
    return staff_required(*perms, denied=forbidden)


def case_url(case: Case, anchor: str = "") -> str:
    return case_address(case.reference, anchor)


def case_address(reference: str, anchor: str = "") -> str:
    return reverse("review:case", args=[reference]) + (f"#{anchor}" if anchor else "")


def case_action(anchor: str = "", form: str = "", *, meanwhile_told: bool = False):
    """A POST from a form of the case page.

    Done: back to the page, at ``anchor``, where the confirmation is shown next to the form. Refused (or the
    case changed meanwhile, by someone else): the page is shown again with the error next to the form and
    everything typed kept. A missing permission is a 403.

    Done once (core.form_once): the same form sent again (a double click, a browser sending it again) does
    nothing and leads to the page, where the first sending's confirmation waits. A question to the requester
    was otherwise e-mailed twice, a note written twice, and the second click of a step answered with a 409.
    A refused sending frees its token, so the corrected form is done.

    ``meanwhile_told``: a form that stands whatever happened since the page was opened (a staff note) is not
    refused for a change by someone else; the confirmation says what changed meanwhile, in words.

    The address opened as a page (a refused form's page stands at it: the language switcher sends the browser there
    under the new prefix, and its link can be copied) leads to the case page, at the form; nothing is done (the
    staff workspace's one rule, core.form_address, with the case page declared as the form's page).
    """

    def decorator(fn):
        @wraps(fn)
        def wrapped(request, reference: str):
            case = get_object_or_404(Case, reference=reference)
            once = _form_once_key(request)
            if not form_once.claim(once):
                form_once.wait_until_done(once)  # the two requests of a double click run side by side
                return redirect(case_url(case, anchor))
            try:
                with form_once.released_on_failure(once):
                    if not meanwhile_told:
                        services.refuse_if_changed(case, request.POST.get("seen"), request.user)
                    done = fn(request, case)
            except NotPermitted as exc:
                if exc.missing_permission:
                    raise
                return _case_page(request, case, failed=form or anchor, error=exc, status=exc.http_status)
            except DomainError as exc:
                return _case_page(request, case, failed=form or anchor, error=exc,
                                  status=getattr(exc, "http_status", 400))
            form_once.done(once)
            if done:
                messages.success(request, done, extra_tags=f"at-{anchor}" if anchor else "")
            if meanwhile_told:
                _tell_changes_meanwhile(request, case, anchor)
            return redirect(case_url(case, anchor))

        at_the_form = form_of(lambda reference: case_address(reference, anchor))
        return require_POST(at_the_form(staff_view(VIEW)(wrapped)))

    return decorator


def _tell_changes_meanwhile(request, case: Case, anchor: str) -> None:
    """Say, next to the form, what others changed in the case since its page was opened (nothing when nobody did)."""
    entries = services.changes_since(case, request.POST.get("seen"), request.user)
    if entries:
        messages.warning(request, _("While you wrote, %(who)s changed this case: %(what)s.") % {
            "who": and_list(sorted({entry.who for entry in entries})),
            "what": semicolon_list(_changed(entry)["what"] for entry in entries)},
            extra_tags=f"at-{anchor}" if anchor else "")


def _form_once_key(request) -> str:
    """The one-time token of the form sent ("" for none: done each time). Every form of a case page carries the
    page's token; the URL, the item and the step tell its forms apart, so each is done once, not only the first."""
    return form_once.page_token(request, request.POST.get("item", ""), request.POST.get("transition", ""))


# --- Queues -----------------------------------------------------------------------------------------------------

@staff_view(VIEW)
def home(request):
    filters = queues.QueueFilters.from_query(request.GET)
    qs = queues.cases_for(request.user, filters)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    now = timezone.now()
    rules = deadlines.table()
    rows = [{"case": case, "urgency": deadlines.urgency(case, now, rules), "emergency": is_emergency(case),
             "crisis": getattr(case, "crisis_rank", 1) == 0}  # queues.with_priority: a running crisis (crisis.rules)
            for case in page]
    summary = queues.counts(request.user)
    tabs = [{"key": key, "label": label, "count": summary["tabs"].get(key),
             "alert": key in ("emergency", "overdue") and summary["tabs"].get(key)} for key, label in queues.VIEWS.items()]
    statutory = clock_selectors.next_clocks(row["case"].pk for row in rows)  # one query for the page
    for row in rows:
        row["countdown"] = queues.countdown(row["case"].due_at, now) if row["case"].is_open else ""
        row["statutory"] = clock_selectors.queue_cell(statutory.get(row["case"].pk), now)
    queue_views.remember_queue(request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "review/home.html", {
        "filters": filters, "page": page, "rows": rows, "counts": summary, "tabs": tabs,
        "sorts": queues.SORTS, "kinds": c.Kind.choices, "states": c.State.choices, "query": query.urlencode(),
        "now": now, "not_understood": queues.not_understood(filters, request.GET.get("page"), page),
        # A language chosen that no open case has (a closed case's, from a bookmark): still shown as chosen.
        "language_not_listed": filters.language and filters.language not in {
            row["value"] for row in summary["by"]["language"]},
        **queue_views.queue_tools(request),
    })


@staff_view(VIEW)
def mine(request):
    return redirect(reverse("review:home") + "?view=mine")


# --- The case page ----------------------------------------------------------------------------------------------

PARTY_PRIVATE = tuple(sorted(PARTY_PERSONAL_FIELDS))


def _private_fields_shown(case, parties, items, attachments, notes, messages_out, replies, proposals=()) -> list[str]:
    """Names of the private fields the page is about to show (staff notes and messages may name people too; a
    proposal's reasons and an approver's note too)."""
    shown = [f for f in sorted(CASE_PERSONAL_FIELDS) if getattr(case, f)]
    for proposal in proposals:
        shown += [f"proposal.{f}" for f in ("summary", "review_note") if getattr(proposal, f)]
    if notes:
        shown.append("note.body")
    if messages_out:
        shown.append("message_to_requester.body")
    if replies:
        shown.append("message_from_requester.text")
    for party in parties:
        shown += [f"party.{f}" for f in PARTY_PRIVATE if getattr(party, f)]
    for item in items:
        shown += [f"item.{f}" for f in sorted(ITEM_PERSONAL_FIELDS | {"disclosed_fields"}) if getattr(item, f)]
    if attachments:
        shown.append("attachment.original_name")
    return sorted(set(shown))


#: Where the case page's forms report a refusal: the element each error field belongs to.
FIELD_IDS = {
    "note": {"body": "note-body"},
    "message": {"body": "message-body", "purpose": "purpose"},
    "conclude": {"summary": "summary", "outcome": "outcome"},
    "approve": {"note": "approve-note"},
    "return": {"note": "return-note"},
    "reassign": {"assignee": "assignee", "reason": "reassign-reason"},
    "claim": {"reason": "takeover-reason"},
    "emergency": {"threat_type": "threat_type", "origin": "origin", "disclosed_to": "disclosed_to"},
    "party": {"account_name": "party-account", "email": "party-email", "name": "party-name", "language": "party-language"},
    "refuse_all": {"ground": "refuse-ground", "reason": "refuse-reason"},
}


def _flash_by_place(request) -> tuple[list, dict]:
    """Confirmations go next to the form that was used (where the page lands); the others stay at the top.

    A defaultdict: the template's ``flash.items`` must find an empty list, not fall back to the dict's ``items()``."""
    top, by_place = [], defaultdict(list)
    for message in messages.get_messages(request):
        tags = (message.extra_tags or "").split()
        place = next((t[3:] for t in tags if t.startswith("at-")), "")
        if place:
            by_place.setdefault(place, []).append(message)
        else:
            top.append(message)
    return top, by_place


def _checklist_rows(case, posted=None, errors=None) -> list[dict]:
    answers = checklist.answers_for(case)
    rows = []
    for q in checklist.questions_for(case):
        stored = answers.get(q.key)
        if posted is not None:
            value, note = posted.get(f"answer-{q.key}", ""), posted.get(f"note-{q.key}", "")
        else:
            value, note = (stored.answer, stored.note) if stored else ("", "")
        error = (errors or {}).get(q.key, "")
        # An answer that needs explaining is fixed in its note; a missing or impossible answer in the options.
        target = f"note-{q.key}" if error and value in q.values else f"answer-{q.key}-1"
        rows.append({"q": q, "answer": stored, "value": value, "note": note, "error": error, "target": target})
    return rows


def _changed(entry) -> dict:
    """One change made by someone else since the page was opened: when, who, and what, described once."""
    what, details = timeline.describe(entry)
    return {"at": entry.at, "who": entry.who, "what": " — ".join(t for t in (what, semicolon_list(details)) if t)}


#: The free texts of each case-page form, with their labels: given back to copy when the form is no longer offered.
TYPED_TEXTS = {
    "message": (("body", _lazy("Message")),),
    "conclude": (("summary", _lazy("Reasons for the decision")),),
    "item": (("ground", _lazy("Legal or policy ground")), ("reason", _lazy("Reason"))),
    "refuse_all": (("ground", _lazy("Legal or policy ground")), ("reason", _lazy("Reason"))),
    "approve": (("note", _lazy("Approval note (optional)")),),
    "return": (("note", _lazy("What should change?")),),
    "step": (("reason", _lazy("Reason")),),
    "emergency": (("disclosed_to", _lazy("Disclosed to (authority)")), ("note", _lazy("What was disclosed and why"))),
}


def _offered_forms(case: Case, *, may_work: bool, may_review: bool, may_approve: bool, shaped_it: bool, proposal,
                   items: list, transitions: list) -> dict[str, bool]:
    """Which forms the case page offers the reader on the case as it is now (the template shows exactly these)."""
    editable = case.state in services.EDITABLE_STATES
    return {
        "message": may_work and case.is_open,
        "conclude": editable and may_review and not proposal and case.state not in policy.DECIDED_STATES,
        "item": editable and may_review and bool(items),
        "refuse_all": editable and may_review and bool(items),
        "approve": bool(proposal) and may_approve and not shaped_it,
        "return": bool(proposal) and may_approve,
        "step": bool(transitions),
        "emergency": may_review,
        "checklist": editable and may_review,
    }


def _typed_but_not_offered(case: Case, failed: str, posted, offered: dict, transitions: list,
                           items: list) -> list[dict]:
    """What a refused form carried, when that form is no longer on the page (someone else closed or decided the
    case meanwhile, or the item it decided is not on the case): each text with its label, to copy, so that nothing
    typed is lost."""
    texts = TYPED_TEXTS.get(failed, ())
    if failed == "checklist":  # each question's note (its answers are shown, greyed, on the form)
        texts = tuple((f"note-{q.key}", q.text) for q in checklist.questions_for(case))
    if not texts:
        return []
    still_there = offered.get(failed, True)
    if failed == "step":
        still_there = posted.get("transition", "") in {t.name for t in transitions}
    if failed == "item":
        still_there = still_there and posted.get("item", "") in {str(item.pk) for item in items}
    if still_there:
        return []
    return [{"name": name, "label": label, "text": posted.get(name, "")}
            for name, label in texts if posted.get(name, "").strip()]


def _error_target(failed: str, error, posted_item: str, posted_step: str = "") -> str:
    """The id of the field a refusal is about, for the link in the error summary ("" when it is not one field)."""
    if error is None or not error.field:
        return ""
    if failed == "item" and error.field in ("action", "ground", "reason", "countries"):
        return f"{error.field}-{posted_item}"
    if failed == "item" and error.field == "item":  # an item not on the case: its link leads to the items as they are
        return "items"
    if failed == "step" and error.field == "reason":  # each step's form has its own reason field
        return f"reason-{posted_step}"
    return FIELD_IDS.get(failed, {}).get(error.field, "")


def _case_page(request, case: Case, *, failed: str = "", error: DomainError | None = None, status: int = 200):
    """The case page; after a refused form, that form keeps what was typed and says what to fix, next to it."""
    case = Case.objects.select_related("assigned_to", "appeal_of").get(pk=case.pk)
    user = request.user
    parties = list(case.parties.all())
    items = list(case.items.all())
    attachments = list(Attachment.objects.filter(case=case))
    notes = list(case.staff_notes.select_related("author"))
    messages_out = list(case.messages_to_requester.select_related("author"))
    replies = list(case.messages_from_requester.all())
    see_private = user.has_perm(PRIVATE)
    proposals = list(case.decision_proposals.select_related("proposed_by", "reviewed_by"))
    if see_private:
        fields = _private_fields_shown(case, parties, items, attachments, notes, messages_out, replies, proposals)
        if fields:
            record_access(user, "view_private", case=case, fields=fields, purpose="case page")
    posted = request.POST if failed else {}
    checklist_errors = getattr(error, "errors", None) if failed == "checklist" else None
    if failed == "checklist" and error is not None and not checklist_errors and error.field:
        checklist_errors = {error.field: error.message}
    questions = _checklist_rows(case, posted if failed == "checklist" else None, checklist_errors)
    may_review = has_any(user, services.REVIEW_PERMS)
    may_work = has_any(user, services.WORK_PERMS)
    editable = case.state in services.EDITABLE_STATES
    refusal = checklist.refusal_default(case)
    transitions = [t for t in workflow.available_transitions(case, user) if t.name in SIMPLE_TRANSITIONS]
    proposal = services.pending_proposal(case)
    history = list(case.history.select_related("actor"))
    top, flash = _flash_by_place(request)
    changed = getattr(error, "entries", None) or []
    posted_item = posted.get("item", "") if failed == "item" else ""
    item_actions = policy.item_actions_for(case.kind)
    for item in items:
        if posted_item and posted_item == str(item.pk):
            item.form = {"failed": True, "action": posted.get("action", ""), "countries": posted.get("countries", ""),
                         "fields": posted.getlist("fields"), "ground": posted.get("ground", ""),
                         "reason": posted.get("reason", "")}
        else:
            item.form = {"failed": False, "action": item.action, "countries": ", ".join(item.action_countries or []),
                         "fields": item.disclosed_fields or [],
                         "ground": item.ground or (_("No valid legal process binding the platform") if refusal else ""),
                         "reason": item.reason or refusal}
    may_approve = has_any(user, APPROVER_PERMISSIONS)
    shaped_it = bool(proposal) and may_approve and guards.shaped_decision(case, user)
    offered = _offered_forms(case, may_work=may_work, may_review=may_review, may_approve=may_approve,
                             shaped_it=shaped_it, proposal=proposal, items=items, transitions=transitions)
    typed_back = _typed_but_not_offered(case, failed, posted, offered, transitions, items)
    if typed_back and isinstance(error, services.ChangedSince):
        error = error.without_the_form()
    entries = timeline.build(case, history=history, notes=notes, messages_out=messages_out, replies=replies,
                             attachments=attachments)
    if see_private:  # images and PDFs whose contents prove their type are previewed on the timeline
        for entry in entries:
            if entry.kind == "attachment":
                entry.preview = timeline.preview_kind(entry.obj)
    context = {
        "case": case, "parties": parties, "items": items, "attachments": attachments, "see_private": see_private,
        "data_asked_for": [label for asked, label in ((case.content_data_requested, _("content data")),
                                                       (case.non_content_data_requested, _("non-content data"))) if asked],
        "questions": questions, "checklist_missing": checklist.missing(case), "problems": services.decision_problems(case),
        "needs_approval": services.needs_approval(case), "refusal_default": refusal,
        "may_review": may_review, "may_work": may_work, "may_approve": may_approve,
        "queue_url": queue_views.last_queue_url(request),
        # The four-eyes rule, said before the approver types a note rather than after (review.guards).
        "shaped_it": shaped_it, "offered": offered,
        # A refused form no longer on the page (the case was closed or decided meanwhile): what it carried, to copy.
        "typed_back": typed_back,
        "editable": editable, "transitions": transitions,
        "proposal": proposal,
        "proposals": proposals,
        "timeline": entries,
        "may_note": has_any(user, ("review.add_note",) + services.WORK_PERMS),
        "purposes": MessageToRequester.Purpose.choices,
        "actions": [(v, l) for v, l in c.Action.choices if v in item_actions],
        "data_fields": DATA_FIELDS.items(), "threat_types": c.ThreatType.choices, "origins": c.EmergencyOrigin.choices,
        "emergency": is_emergency(case), "emergency_record": getattr(case, "emergency_record", None),
        "crises": crisis_rules.running_crises_of(case), "may_view_crises": user.has_perm(crisis_rules.VIEW),
        "urgency": deadlines.urgency(case), "assignees": services.assignable_users() if may_work else [],
        "mine": case.assigned_to_id == user.pk, "panels": case_panels(request, case),
        "outcomes": [(v, l) for v, l in c.Outcome.choices if v in (c.Outcome.GRANTED, c.Outcome.PARTIALLY_GRANTED,
                                                                  c.Outcome.REJECTED, c.Outcome.INVALID)],
        "default_ground": _("No valid legal process binding the platform") if refusal else "",
        # The version this page shows: every form sends it back, and a change by someone else since is refused.
        "seen": services.history_mark(case),
        # Each form of the page is done once however often it is sent (case_action, core.form_once).
        "form_token": form_once.new_form_token(),
        "messages": top, "flash": flash,
        "failed": failed, "error": error, "checklist_errors": checklist_errors, "posted": posted, "posted_item": posted_item, "changed": [_changed(h) for h in changed],
        "error_target": _error_target(failed, error, posted_item,
                                      posted.get("transition", "") if failed == "step" else ""),
        "may_add_party": may_work and see_private and case.is_open,
        "missing": missing_labels(case.missing_fields, staff=True),
    }
    # A refused form whose place is not on the page (an unknown item, a section this case does not have): at the top.
    context["error_at_top"] = bool(failed and error is not None and (
        (failed == "emergency" and not (context["emergency"] or case.kind == c.Kind.EMERGENCY_DISCLOSURE))
        or (failed == "item" and not (offered["item"] and any(item.form["failed"] for item in items)))
        or (failed == "party" and not context["may_add_party"])))
    if checklist_errors:
        first = next((row for row in questions if row["error"]), None)
        context["error_target"] = first["target"] if first else ""
    return render(request, "review/case.html", context, status=status)


@staff_view(VIEW)
def case_detail(request, reference: str):
    case = get_object_or_404(Case, reference=reference)
    return _case_page(request, case)


@staff_view(VIEW, PRIVATE)
def attachment_download(request, reference: str, attachment_id: int):
    if not request.user.has_perm(PRIVATE):
        return forbidden(request, _("Attachments may hold personal data: you need the permission %(perm)s.")
                         % {"perm": PRIVATE})
    case = get_object_or_404(Case, reference=reference)
    attachment = get_object_or_404(Attachment, pk=attachment_id, case=case)
    data = intake_files.read(attachment)
    # The preview URL (?preview=1) shows an image or a PDF inline on the case page's timeline, when the file's first
    # bytes prove its stored type (timeline.preview_kind); anything else, and the plain URL, is a download.
    inline = request.GET.get("preview") == "1" and bool(timeline.preview_kind(attachment, data))
    record_access(request.user, "view_private" if inline else "download", case=case, obj=attachment,
                  fields=["attachment.file"], purpose="case page")
    response = FileResponse(io.BytesIO(data), as_attachment=not inline, filename=attachment.original_name,
                            content_type=attachment.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if inline:  # the case page (same origin) may frame this one response; every other page stays unframeable
        response["X-Frame-Options"] = "SAMEORIGIN"
        response["Content-Security-Policy"] = PREVIEW_CSP
    return response


# --- Actions on a case ------------------------------------------------------------------------------------------

@case_action("work", form="claim")
def claim(request, case):
    services.claim(case, request.user, takeover_reason=request.POST.get("reason", ""))
    return _("You are working on %(ref)s.") % {"ref": case.reference}


@case_action("work", form="claim")
def release(request, case):
    services.release(case, request.user)
    return _("You released %(ref)s.") % {"ref": case.reference}


@case_action("work", form="reassign")
def reassign(request, case):
    assignee_id = request.POST.get("assignee", "")
    to_user = get_user_model().objects.filter(pk=assignee_id).first() if assignee_id.isdigit() else None
    if assignee_id and to_user is None:
        raise DomainError(_("Choose someone from the list."), field="assignee")
    services.reassign(case, to_user, request.user, request.POST.get("reason", ""))
    return _("%(ref)s was reassigned.") % {"ref": case.reference}


@case_action("work", form="step")
def take_transition(request, case):
    name = request.POST.get("transition", "")
    if name not in SIMPLE_TRANSITIONS:
        raise DomainError(_("That step is not offered here."))
    services.take_step(case, name, request.user, reason=request.POST.get("reason", "").strip())
    return _("Done: %(step)s.") % {"step": timeline.step_label(name)}


@case_action("checklist", form="checklist")
def save_checklist(request, case):
    answers = {q.key: (request.POST.get(f"answer-{q.key}", ""), request.POST.get(f"note-{q.key}", ""))
               for q in checklist.questions_for(case)}
    missing = services.save_checklist(case, request.user, answers)
    if missing:
        return _("Checklist saved; %(n)d question(s) still to answer.") % {"n": len(missing)}
    return _("Checklist complete.")


@case_action("items", form="item")
def decide_item(request, case):
    typed = request.POST.get("item", "")
    item = case.items.filter(pk=int(typed)).first() if typed.isascii() and typed.isdigit() else None
    if item is None:  # removed meanwhile, or a mistyped id: said on the page, what was typed given back (_case_page)
        raise DomainError(_("This item is not on the case (any more): nothing was saved. Choose the item again "
                            "among the items below."), code="unknown_item", field="item")
    countries = request.POST.get("countries", "").replace(";", ",").split(",")
    services.decide_item(item, request.user, action=request.POST.get("action", ""), ground=request.POST.get("ground", ""),
                         reason=request.POST.get("reason", ""), countries=countries,
                         fields=request.POST.getlist("fields"))
    return _("Decision on the item saved.")


@case_action("items", form="refuse_all")
def refuse_all(request, case):
    services.refuse_all_items(case, request.user, ground=request.POST.get("ground", ""),
                              reason=request.POST.get("reason", ""))
    return _("Every undecided item is now “no action”.")


@case_action("decision", form="conclude")
def conclude(request, case):
    name = services.conclude(case, request.user, request.POST.get("summary", ""), request.POST.get("outcome", ""))
    if name == "submit_for_approval":
        return _("Submitted for approval. A legal approver other than you must approve it.")
    return _("Decided.")


@case_action("decision", form="approve")
def approve(request, case):
    services.approve(case, request.user, request.POST.get("note", ""))
    if case.state == c.State.AWAITING_APPROVAL:
        return _("Your approval is recorded. During the crisis this request needs a second legal approver.")
    return _("Approved: the decision takes effect.")


@case_action("decision", form="return")
def return_for_changes(request, case):
    services.return_for_changes(case, request.user, request.POST.get("note", ""))
    return _("Returned to the reviewer with your note.")


@case_action("notes", form="note", meanwhile_told=True)
def add_note(request, case):
    services.add_note(case, request.user, request.POST.get("body", ""))
    return _("Note added.")


@case_action("messages", form="message")
def send_message(request, case):
    services.send_message(case, request.user, request.POST.get("purpose", ""), request.POST.get("body", ""))
    return _("Message sent to the requester.")


@case_action("emergency", form="emergency")
def record_emergency(request, case):
    services.record_emergency(case, request.user, threat_type=request.POST.get("threat_type", ""),
                              origin=request.POST.get("origin", ""),
                              voluntary_disclosure=request.POST.get("voluntary_disclosure") == "on",
                              disclosed_to=request.POST.get("disclosed_to", ""), note=request.POST.get("note", ""))
    return _("Emergency record saved.")


@case_action("parties", form="party")
def add_party(request, case):
    services.add_affected_user(case, request.user, account_name=request.POST.get("account_name", ""),
                               name=request.POST.get("name", ""), email=request.POST.get("email", ""),
                               language=request.POST.get("language", ""))
    return _("Affected user added: notices of the decision will be drafted for them too.")
