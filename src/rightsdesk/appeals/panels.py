"""The appeals panel on the review case page.

On an appeal: the decision it challenges, who filed it, what the appellant
added (private data: shown with cases.access_private_data, audited) and the
way to decide it. On a decided case that was appealed: its appeals and what
they restored.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from rightsdesk.accounts import access
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA, REVIEWER_PERMISSIONS
from rightsdesk.notices import rendering

from . import selectors
from .models import AppealMessage


def case_panels(request, case) -> list[dict]:
    user = request.user
    if not access.has_all(user, "notices.view_notice"):
        return []
    is_appeal = case.kind == c.Kind.APPEAL and case.appeal_of_id is not None
    appeals = [{"reference": a.reference, "get_state_display": a.get_state_display(),
                "label": rendering.outcome_label(a) if a.outcome else ""}
               for a in case.appeals.order_by("received_at")]
    restored = case.items.filter(restored_at__isnull=False).count()
    if not is_appeal and not appeals and not restored:
        return []
    ctx = {"case": case, "request": request, "is_appeal": is_appeal, "appeals": appeals, "restored": restored}
    if is_appeal:
        ctx["original"] = case.appeal_of
        ctx["filing"] = selectors.filing_of(case)
        ctx["appeal_outcome"] = rendering.outcome_label(case) if case.outcome else ""
        ctx["involved"] = selectors.is_involved(case, user)
        ctx["can_decide_appeal"] = case.is_open and not ctx["involved"] and access.has_any(user, REVIEWER_PERMISSIONS)
        ctx["appeal_messages"] = None
        if user.has_perm(ACCESS_PRIVATE_DATA):
            messages = list(AppealMessage.objects.filter(appeal=case))
            if messages:
                record_access(user, "view_appeal_messages", case=case, fields=["appeal_message.text"],
                              purpose="review an appeal")
            ctx["appeal_messages"] = messages
    title = _("Appeal") if is_appeal else _("Appeals")
    panel = {"title": title, "html": render_to_string("appeals/staff/panel.html", ctx, request=request)}
    if is_appeal and ctx["involved"]:
        # Shown at the top of the case page (the panel's "alert"), before anyone claims, takes over or decides.
        panel["alert"] = _("You took part in the decision appealed (%(ref)s): you may not claim, take over, review "
                           "or decide this appeal. It must go to a reviewer who took no part.") % {
                               "ref": case.appeal_of.reference}
    return [panel]
