"""The staff workspace: queues and the case page. Views are thin; the rules are in services."""

from __future__ import annotations

import io
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightsdesk.accounts.access import has_any, staff_required
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases import workflow
from rightsdesk.cases.models import Case, TargetItem
from rightsdesk.cases.policy import (ACCESS_PRIVATE_DATA, APPROVER_PERMISSIONS, ITEM_PERSONAL_FIELDS, PARTY_PERSONAL_FIELDS,
                                     is_emergency)
from rightsdesk.core.errors import DomainError, NotPermitted
from rightsdesk.core.registry import case_panels
from rightsdesk.intake import attachments as intake_files
from rightsdesk.intake.models import Attachment

from . import checklist, deadlines, queue_views, queues, services
from .models import MessageToRequester
from .vocab import DATA_FIELDS


VIEW = "cases.view_case"
PRIVATE = ACCESS_PRIVATE_DATA
#: Transitions the case page offers as plain buttons; deciding and approving have their own forms.
SIMPLE_TRANSITIONS = ("triage", "start_review", "information_received", "mark_notified", "close", "withdraw", "reopen")


def forbidden(request, message: str):
    return render(request, "review/forbidden.html", {"message": message}, status=403)


def staff_view(*perms: str):
    """Signed-in staff with at least one of ``perms``; others get the sign-in page or a 403 that says what is missing."""
    return staff_required(*perms, denied=forbidden)


def case_url(case: Case, anchor: str = "") -> str:
    return reverse("review:case", args=[case.reference]) + (f"#{anchor}" if anchor else "")


def case_action(anchor: str = ""):
    """A POST on a case: refusals become a message on the case page (403 when it is a missing permission)."""

    def decorator(fn):
        @wraps(fn)
        def wrapped(request, reference: str):
            case = get_object_or_404(Case, reference=reference)
            try:
                done = fn(request, case)
            except NotPermitted:
                raise
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                if done:
                    messages.success(request, done)
            return redirect(case_url(case, anchor))

        return require_POST(staff_view(VIEW)(wrapped))

    return decorator


# --- Queues -----------------------------------------------------------------------------------------------------

@staff_view(VIEW)
def home(request):
    filters = queues.QueueFilters.from_query(request.GET)
    qs = queues.cases_for(request.user, filters)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    now = timezone.now()
    rules = deadlines.table()
    rows = [{"case": case, "urgency": deadlines.urgency(case, now, rules), "emergency": is_emergency(case)}
            for case in page]
    summary = queues.counts(request.user)
    tabs = [{"key": key, "label": label, "count": summary["tabs"].get(key),
             "alert": key in ("emergency", "overdue") and summary["tabs"].get(key)} for key, label in queues.VIEWS.items()]
    for row in rows:
        row["countdown"] = queues.countdown(row["case"].due_at, now) if row["case"].is_open else ""
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "review/home.html", {
        "filters": filters, "page": page, "rows": rows, "counts": summary, "tabs": tabs,
        "sorts": queues.SORTS, "kinds": c.Kind.choices, "states": c.State.choices, "query": query.urlencode(),
        "now": now, **queue_views.queue_tools(request),
    })


@staff_view(VIEW)
def mine(request):
    return redirect(reverse("review:home") + "?view=mine")


# --- The case page ----------------------------------------------------------------------------------------------

PARTY_PRIVATE = tuple(sorted(PARTY_PERSONAL_FIELDS))


def _private_fields_shown(case, parties, items, attachments, notes, messages_out, replies) -> list[str]:
    """Names of the private fields the page is about to show (staff notes and messages may name people too)."""
    shown = [f for f in ("description", "requester_subject", "decision_summary") if getattr(case, f)]
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


@staff_view(VIEW)
def case_detail(request, reference: str):
    case = get_object_or_404(Case.objects.select_related("assigned_to", "appeal_of"), reference=reference)
    user = request.user
    parties = list(case.parties.all())
    items = list(case.items.all())
    attachments = list(Attachment.objects.filter(case=case))
    notes = list(case.staff_notes.select_related("author"))
    messages_out = list(case.messages_to_requester.select_related("author"))
    replies = list(case.messages_from_requester.all())
    see_private = user.has_perm(PRIVATE)
    if see_private:
        fields = _private_fields_shown(case, parties, items, attachments, notes, messages_out, replies)
        if fields:
            record_access(user, "view_private", case=case, fields=fields, purpose="case page")
    answers = checklist.answers_for(case)
    questions = [{"q": q, "answer": answers.get(q.key)} for q in checklist.questions_for(case)]
    may_review = has_any(user, services.REVIEW_PERMS)
    may_work = has_any(user, services.WORK_PERMS)
    editable = case.state in services.EDITABLE_STATES
    refusal = checklist.refusal_default(case)
    transitions = [t for t in workflow.available_transitions(case, user) if t.name in SIMPLE_TRANSITIONS]
    proposal = services.pending_proposal(case)
    context = {
        "case": case, "parties": parties, "items": items, "attachments": attachments, "see_private": see_private,
        "questions": questions, "checklist_missing": checklist.missing(case), "problems": services.decision_problems(case),
        "needs_approval": services.needs_approval(case), "refusal_default": refusal,
        "may_review": may_review, "may_work": may_work, "may_approve": has_any(user, APPROVER_PERMISSIONS),
        "editable": editable, "transitions": transitions, "proposal": proposal,
        "proposals": case.decision_proposals.select_related("proposed_by", "reviewed_by"),
        "history": case.history.select_related("actor"), "notes": notes, "messages_out": messages_out,
        "replies": replies, "may_note": has_any(user, ("review.add_note",) + services.WORK_PERMS),
        "purposes": MessageToRequester.Purpose.choices, "actions": [a for a in c.Action.choices if a[0]],
        "data_fields": DATA_FIELDS.items(), "threat_types": c.ThreatType.choices, "origins": c.EmergencyOrigin.choices,
        "emergency": is_emergency(case), "emergency_record": getattr(case, "emergency_record", None),
        "urgency": deadlines.urgency(case), "assignees": services.assignable_users() if may_work else [],
        "mine": case.assigned_to_id == user.pk, "panels": case_panels(request, case),
        "outcomes": [(v, l) for v, l in c.Outcome.choices if v in (c.Outcome.GRANTED, c.Outcome.PARTIALLY_GRANTED,
                                                                  c.Outcome.REJECTED, c.Outcome.INVALID)],
        "default_ground": _("No valid legal process binding the platform") if refusal else "",
    }
    return render(request, "review/case.html", context)


@staff_view(VIEW, PRIVATE)
def attachment_download(request, reference: str, attachment_id: int):
    if not request.user.has_perm(PRIVATE):
        return forbidden(request, _("Attachments may hold personal data: you need the permission %(perm)s.")
                         % {"perm": PRIVATE})
    case = get_object_or_404(Case, reference=reference)
    attachment = get_object_or_404(Attachment, pk=attachment_id, case=case)
    record_access(request.user, "download", case=case, obj=attachment, fields=["attachment.file"], purpose="case page")
    response = FileResponse(io.BytesIO(intake_files.read(attachment)), as_attachment=True,
                            filename=attachment.original_name,
                            content_type=attachment.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Actions on a case ------------------------------------------------------------------------------------------

@case_action("work")
def claim(request, case):
    services.claim(case, request.user, takeover_reason=request.POST.get("reason", ""))
    return _("You are working on %(ref)s.") % {"ref": case.reference}


@case_action("work")
def release(request, case):
    services.release(case, request.user)
    return _("You released %(ref)s.") % {"ref": case.reference}


@case_action("work")
def reassign(request, case):
    assignee_id = request.POST.get("assignee", "")
    to_user = get_user_model().objects.filter(pk=assignee_id).first() if assignee_id.isdigit() else None
    if assignee_id and to_user is None:
        raise DomainError(_("Choose someone from the list."), field="assignee")
    services.reassign(case, to_user, request.user, request.POST.get("reason", ""))
    return _("%(ref)s was reassigned.") % {"ref": case.reference}


@case_action("actions")
def take_transition(request, case):
    name = request.POST.get("transition", "")
    if name not in SIMPLE_TRANSITIONS:
        raise DomainError(_("That step is not offered here."))
    services.take_step(case, name, request.user, reason=request.POST.get("reason", "").strip())
    return _("Done: %(step)s.") % {"step": str(workflow.TRANSITIONS[name].description).rstrip(".")}


@case_action("checklist")
def save_checklist(request, case):
    answers = {q.key: (request.POST.get(f"answer-{q.key}", ""), request.POST.get(f"note-{q.key}", ""))
               for q in checklist.questions_for(case)}
    missing = services.save_checklist(case, request.user, answers)
    if missing:
        return _("Checklist saved; %(n)d question(s) still to answer.") % {"n": len(missing)}
    return _("Checklist complete.")


@case_action("items")
def decide_item(request, case):
    item = get_object_or_404(TargetItem, pk=request.POST.get("item", "0") if request.POST.get("item", "").isdigit() else 0,
                             case=case)
    countries = request.POST.get("countries", "").replace(";", ",").split(",")
    services.decide_item(item, request.user, action=request.POST.get("action", ""), ground=request.POST.get("ground", ""),
                         reason=request.POST.get("reason", ""), countries=countries,
                         fields=request.POST.getlist("fields"))
    return _("Decision on the item saved.")


@case_action("items")
def refuse_all(request, case):
    services.refuse_all_items(case, request.user, ground=request.POST.get("ground", ""),
                              reason=request.POST.get("reason", ""))
    return _("Every undecided item is now “no action”.")


@case_action("decision")
def conclude(request, case):
    name = services.conclude(case, request.user, request.POST.get("summary", ""), request.POST.get("outcome", ""))
    if name == "submit_for_approval":
        return _("Submitted for approval. A legal approver other than you must approve it.")
    return _("Decided.")


@case_action("decision")
def approve(request, case):
    services.approve(case, request.user, request.POST.get("note", ""))
    return _("Approved: the decision takes effect.")


@case_action("decision")
def return_for_changes(request, case):
    services.return_for_changes(case, request.user, request.POST.get("note", ""))
    return _("Returned to the reviewer with your note.")


@case_action("notes")
def add_note(request, case):
    services.add_note(case, request.user, request.POST.get("body", ""))
    return _("Note added.")


@case_action("messages")
def send_message(request, case):
    services.send_message(case, request.user, request.POST.get("purpose", ""), request.POST.get("body", ""))
    return _("Message sent to the requester.")


@case_action("emergency")
def record_emergency(request, case):
    services.record_emergency(case, request.user, threat_type=request.POST.get("threat_type", ""),
                              origin=request.POST.get("origin", ""),
                              voluntary_disclosure=request.POST.get("voluntary_disclosure") == "on",
                              disclosed_to=request.POST.get("disclosed_to", ""), note=request.POST.get("note", ""))
    return _("Emergency record saved.")
