"""The statutory clocks panel on the review case page: each clock, by when (in the case's time zone and in UTC),
its rule and legal source, what happened to it, and for legal approvers the forms to extend or override it."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from rightsdesk.accounts import access
from rightsdesk.cases.policy import APPROVER_PERMISSIONS, VIEW_CASES
from rightsdesk.privacy import refused_forms

from . import selectors, services
from .alerts import escalation_text
from .selectors import FAILED_KEY, STARTERS


def case_panels(request, case) -> list[dict]:
    user = request.user
    if not access.has_any(user, (VIEW_CASES,)):
        return []
    clocks = selectors.clocks_of(case)
    pending = selectors.rules_not_started(case, services.applies, clocks) if case.is_open else []
    if not clocks and not pending:
        return []
    failed = refused_forms.take(request.session, FAILED_KEY, case.reference) if hasattr(request, "session") else None
    rows = []
    for clock in clocks:
        rows.append({
            "clock": clock, "name": _(clock.rule.name), "step": _(clock.rule.step) if clock.rule.step else "",
            "due_local": selectors.shown(clock.due_at, clock), "earliest_local": selectors.shown(clock.earliest_at, clock),
            "computed_local": selectors.shown(clock.computed_due_at, clock),
            "escalated": selectors.escalated_to_approvers(clock),
            "can_extend": clock.can_extend,
            "failed": failed if failed and failed.get("clock") == clock.pk else None,
            "tz": str(selectors.local(clock.due_at, clock).tzinfo),
            "can_override": clock.status != clock.Status.MET,
            "shift_hm": f"{clock.shift // 3600}:{clock.shift % 3600 // 60:02d}",
        })
    ctx = {
        "case": case, "rows": rows, "pending": [_(rule.name) for rule in pending],
        "needs_order_date": selectors.needs_order_date(pending),
        "can_start": bool(pending) and access.has_any(user, STARTERS),
        "can_change": access.has_any(user, APPROVER_PERMISSIONS),
        "start_failed": failed if failed and failed.get("form") == "start" else None,
    }
    panel = {"title": _("Statutory deadlines"), "html": render_to_string("clocks/panel.html", ctx, request=request)}
    overdue = [row["clock"] for row in rows if row["escalated"]]
    if overdue:
        panel["alert"] = " ".join(escalation_text(clock) for clock in overdue)
    return [panel]
