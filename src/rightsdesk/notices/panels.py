"""The notices panel on the review case page: the case's notices and legal holds (the appeals app adds its own)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from rightsdesk.accounts import access

from .models import LegalHold, Notice


def case_panels(request, case) -> list[dict]:
    user = request.user
    if not access.has_all(user, "notices.view_notice"):
        return []
    notices = list(case.notices.order_by("created_at", "id"))
    ctx = {
        "case": case, "request": request, "notices": notices,
        "drafts": sum(1 for n in notices if n.status in (Notice.Status.DRAFT, Notice.Status.APPROVED)),
        "holds": list(LegalHold.objects.filter(case=case)),
        "can_send": user.has_perm("notices.change_notice"),
        "can_hold": user.has_perm("notices.add_legalhold"),
    }
    return [{"title": _("Notices and legal holds"),
             "html": render_to_string("notices/staff/panel.html", ctx, request=request)}]
