"""The notices panel on the review case page: the case's notices, legal holds and appeals."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from rightsdesk.accounts import access
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA

from . import appeals, rendering
from .models import AppealFiling, AppealMessage, LegalHold, Notice


def case_panels(request, case) -> list[dict]:
    user = request.user
    if not access.has_all(user, "notices.view_notice"):
        return []
    is_appeal = case.kind == c.Kind.APPEAL and case.appeal_of_id is not None
    notices = list(case.notices.order_by("created_at", "id"))
    ctx = {
        "case": case, "request": request, "notices": notices, "is_appeal": is_appeal,
        "drafts": sum(1 for n in notices if n.status in (Notice.Status.DRAFT, Notice.Status.APPROVED)),
        "holds": list(LegalHold.objects.filter(case=case)),
        "can_send": user.has_perm("notices.change_notice"),
        "can_hold": user.has_perm("notices.add_legalhold"),
        "appeals": [{"reference": a.reference, "get_state_display": a.get_state_display(),
                     "label": rendering.outcome_label(a) if a.outcome else ""}
                    for a in case.appeals.order_by("received_at")],
        "restored": case.items.filter(restored_at__isnull=False).count(),
    }
    if is_appeal:
        ctx["original"] = case.appeal_of
        ctx["filing"] = AppealFiling.objects.filter(appeal=case).first()
        ctx["appeal_outcome"] = rendering.outcome_label(case) if case.outcome else ""
        ctx["involved"] = user.pk in appeals.involved_staff_ids(case.appeal_of)
        ctx["can_decide_appeal"] = case.is_open and not ctx["involved"] and access.has_any(
            user, appeals.REVIEW_PERMISSIONS)
        ctx["appeal_messages"] = None
        if user.has_perm(ACCESS_PRIVATE_DATA):
            messages = list(AppealMessage.objects.filter(appeal=case))
            if messages:
                record_access(user, "view_appeal_messages", case=case, fields=["appeal_message.text"],
                              purpose="review an appeal")
            ctx["appeal_messages"] = messages
    title = _("Appeal, notices and legal holds") if is_appeal else _("Notices, legal holds and appeals")
    return [{"title": title, "html": render_to_string("notices/staff/panel.html", ctx, request=request)}]
