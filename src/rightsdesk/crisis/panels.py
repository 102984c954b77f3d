"""The crisis panel on the review case page: the crises the case belongs to and the notices waiting for a safety
review of their recipient (with the form to record it)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from rightsdesk.accounts import access
from rightsdesk.notices.models import Notice
from rightsdesk.notices.services import text_version

from . import rules
from .models import SafetyReview


def case_panels(request, case) -> list[dict]:
    user = request.user
    if not access.has_any(user, rules.VIEW):
        return []
    crises = rules.crises_of(case)
    if not crises:
        return []
    running = rules.running_crises_of(case)
    pending, reviewed = [], []
    if running:
        for notice in case.notices.filter(recipient_role="affected_user").exclude(
                status__in=[Notice.Status.SENT, Notice.Status.CANCELLED]).order_by("id"):
            version = text_version(notice)
            review = SafetyReview.objects.filter(notice=notice, version=version).select_related("reviewed_by").first()
            (reviewed if review else pending).append({"notice": notice, "version": version, "review": review})
    html = render_to_string("crisis/panel.html", {
        "crises": crises, "running": running, "pending": pending, "reviewed": reviewed, "request": request,
        "may_review": user.has_perm("crisis.review_safety")}, request=request)
    panel = {"title": _("Crisis"), "html": html}
    if pending:
        panel["alert"] = _("Part of a declared crisis: %(n)s notice(s) to affected users wait for a safety review.") % {
            "n": len(pending)}
    return [panel]
