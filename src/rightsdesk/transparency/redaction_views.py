"""The staff redaction editor: propose, correct, approve and publish a case's public record.

Thin: the rules live in ``publishing``. These pages show private text to staff
with the private-data permission, and record each look in the audit trail.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightsdesk.accounts.access import has_all, staff_required
from rightsdesk.core.form_address import form_of
from rightsdesk.audit.services import record_access
from rightsdesk.cases.models import Case, TargetItem
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA
from rightsdesk.core.errors import DomainError
from rightsdesk.privacy import redaction

from . import publishing
from .models import PublicRecord, RedactionReview


@staff_required(publishing.REVIEW_PERMISSION)
def redaction_queue(request):
    cases = list(publishing.redaction_queue()[:200])
    published = PublicRecord.objects.order_by("-published_at")[:20]
    return render(request, "transparency/redaction_queue.html", {"cases": cases, "published": published})


def _segments(text: str, spans: list[dict]) -> list[dict]:
    """The text cut into plain and redacted pieces, for highlighting in the editor."""
    out, cursor = [], 0
    for index, span in enumerate(spans):
        start, end = max(cursor, span["start"]), span["end"]
        if start > cursor:
            out.append({"text": text[cursor:start]})
        if end > start:
            out.append({"text": text[start:end], "type": span["type"], "index": index})
        cursor = max(cursor, end)
    if cursor < len(text):
        out.append({"text": text[cursor:]})
    return out


def _field_label(key: str, items: dict) -> str:
    labels = {"title": _("Title"), "body": _("The request"), "summary": _("Reasons for the decision"),
              "law_invoked": _("Law invoked"), "sender": _("Sent by (organisation)"),
              "principal": _("On behalf of (organisation)")}
    if key in labels:
        return labels[key]
    _prefix, pk, name = key.split(":", 2)
    try:  # the item's field by its name in the reader's language (the case item's model says it once)
        field = TargetItem._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        field = name.replace("_", " ")
    return _("Item %(n)s: %(field)s") % {"n": items.get(pk, pk), "field": field}


def _apply_corrections(request, review: RedactionReview) -> RedactionReview:
    """The editor's form: retype and un-redact spans (highest index first, so indexes stay valid)."""
    for key, spans in list(review.spans.items()):
        for index in range(len(spans) - 1, -1, -1):
            wanted = request.POST.get(f"type-{key}-{index}")
            if wanted and wanted != spans[index]["type"]:
                review = publishing.change_span_type(review, request.user, key, index, wanted)
            if not request.POST.get(f"keep-{key}-{index}"):
                review = publishing.remove_span(review, request.user, key, index)
    return review


#: Who may open the editor: it shows the original texts, so reviewing them needs access to private data too.
EDITOR_PERMISSIONS = (publishing.REVIEW_PERMISSION, ACCESS_PRIVATE_DATA)


@staff_required(*EDITOR_PERMISSIONS, any_of=False)
def redaction_edit(request, reference: str):
    case = get_object_or_404(Case, reference=reference)
    try:
        review = publishing.propose_redaction(case, request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("transparency:redaction-queue")
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "save":
                with transaction.atomic():  # every correction of the form, or none
                    review = _apply_corrections(request, review)
                messages.success(request, _("Your corrections are saved. Approve the redaction when it is right."))
            elif action == "add":
                review = publishing.add_phrase(review, request.user, request.POST.get("field", "*"),
                                               request.POST.get("phrase", ""), request.POST.get("type", redaction.NAME))
                messages.success(request, _("The words are hidden wherever they occur."))
            elif action == "approve":
                review = publishing.approve_redaction(review, request.user)
                messages.success(request, _("The redaction is approved."))
            elif action == "reset":
                review = publishing.propose_redaction(case, request.user, reset=True)
                messages.success(request, _("The redaction was proposed afresh; earlier corrections are discarded."))
            else:
                messages.error(request, _("Unknown action."))
        except DomainError as exc:
            if action == "add":  # the words typed stay in the form, with what to fix beside it
                return _editor_page(request, case, review, error=exc, failed="add")
            messages.error(request, exc.message)
        return redirect("transparency:redaction-edit", reference=case.reference)
    return _editor_page(request, case, review)


def _editor_page(request, case: Case, review: RedactionReview, *, error: DomainError | None = None, failed: str = ""):
    """The editor. A refused "hide more words" or "withdraw" form is shown again with what was typed in it and the
    error summary beside it (status 400); a redirect lost the words, which a typo in them made common."""
    texts = publishing.source_texts(case)
    record_access(request.user, "view_redaction", case=case, obj=review,
                  fields=["subject", "description", "decision_summary", "items"],
                  purpose="redaction review for the public notice log")
    items = {str(item.pk): n for n, item in enumerate(case.items.all(), start=1)}
    redacted = publishing.redacted_texts(review, texts)
    fields = []
    for key, text in texts.items():
        if not text:
            continue
        spans = review.spans.get(key, [])
        fields.append({
            "key": key, "label": _field_label(key, items), "segments": _segments(text, spans),
            "spans": [{**s, "index": i, "text": text[s["start"]:s["end"]]} for i, s in enumerate(spans)],
            "redacted": redacted[key], "changed": redacted[key] != text,
        })
    notice = PublicRecord.objects.filter(case=case).first()
    return render(request, "transparency/redaction_edit.html", {
        "case": case, "review": review, "fields": fields, "types": redaction.TYPES, "notice": notice,
        "can_publish": request.user.has_perm(publishing.PUBLISH_PERMISSION),
        "error": error, "failed": failed, "posted": request.POST if failed else {},
    }, status=400 if error else 200)


@login_required
@require_POST  # a GET leads every signed-in visitor to the form's page (core.form_address), before any permission
@staff_required(publishing.PUBLISH_PERMISSION)
def redaction_publish(request, reference: str):
    case = get_object_or_404(Case, reference=reference)
    try:
        notice = publishing.publish(case, request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("transparency:redaction-edit", reference=case.reference)
    if not notice.listed:
        messages.success(request, _("The public record is approved: the items' placeholders and statements of reasons "
                                    "use it. Cases of this kind are not listed in the public notice log."))
        return redirect("transparency:redaction-edit", reference=case.reference)
    messages.success(request, _("Published in the public notice log."))
    return redirect(reverse("transparency:notice-detail", kwargs={"public_id": notice.public_id}))


def _unpublish_form_page(public_id: str) -> str:
    """The unpublish button is on the case's redaction page (the queue when the notice is not known)."""
    reference = PublicRecord.objects.filter(public_id=public_id).values_list("case__reference", flat=True).first()
    if reference is None:
        return reverse("transparency:redaction-queue")
    return reverse("transparency:redaction-edit", kwargs={"reference": reference})


@login_required
@require_POST  # a GET leads every signed-in visitor to the form's page (core.form_address), before any permission
@form_of(_unpublish_form_page)
@staff_required(publishing.PUBLISH_PERMISSION)
def notice_unpublish(request, public_id: str):
    notice = get_object_or_404(PublicRecord.objects.select_related("case"), public_id=public_id)
    try:
        publishing.unpublish(notice, request.user, request.POST.get("reason", ""))
    except DomainError as exc:
        review = RedactionReview.objects.filter(case=notice.case).first()
        if review is None or not has_all(request.user, EDITOR_PERMISSIONS):
            messages.error(request, exc.message)
        else:  # the reason typed stays in the form
            return _editor_page(request, notice.case, review, error=exc, failed="unpublish")
    else:
        messages.success(request, _("The notice was withdrawn from the public log."))
    return redirect("transparency:redaction-edit", reference=notice.case.reference)
