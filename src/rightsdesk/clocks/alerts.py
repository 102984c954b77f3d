"""Who hears of a statutory clock that ran out, and what they are told.

A rule that escalates (or names a step to take) goes to the legal approvers; a rule that only alerts goes to
the person working on the case, else to the legal approvers. The e-mail gives the reference, the rule, its
source and the step with a staff link, never the request's text or anyone's name.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from rightsdesk.accounts.roles import LEGAL_APPROVER
from rightsdesk.core.moments import moment_text
from rightsdesk.core.public_urls import public_url
from rightsdesk.core.tasks import task

from .models import Clock, OnExpiry

logger = logging.getLogger("rightsdesk.clocks")


def legal_approver_emails() -> list[str]:
    User = get_user_model()
    return sorted(set(User.objects.filter(is_active=True, groups__name=LEGAL_APPROVER).exclude(email="")
                      .values_list("email", flat=True)))


def recipients(clock: Clock) -> list[str]:
    assignee = clock.case.assigned_to
    if clock.rule.on_expiry == OnExpiry.ALERT and assignee is not None and assignee.email:
        return [assignee.email]
    return legal_approver_emails()


def escalation_text(clock: Clock) -> str:
    rule = clock.rule
    if rule.on_expiry == OnExpiry.ALERT:
        return _("Deadline passed: %(name)s (%(source)s).") % {"name": rule.name, "source": rule.source}
    text = _("Deadline passed, escalated to the legal approvers: %(name)s (%(source)s).") % {
        "name": rule.name, "source": rule.source}
    if rule.step:
        text += " " + _("Step to take: %(step)s") % {"step": rule.step}
    return text


@task(priority=50)
def send_escalation(clock_id: int) -> int:
    """E-mail who must act on an overdue clock; returns how many were told."""
    clock = Clock.objects.select_related("rule", "case", "case__assigned_to").get(pk=clock_id)
    to = recipients(clock)
    if not to:
        logger.error("statutory clock %s on %s overdue: no legal approver with an e-mail address",
                     clock.rule.key, clock.case.reference)
        return 0
    with translation.override("en"):
        link = public_url(reverse("review:case", args=[clock.case.reference]))
        body = (f"{escalation_text(clock)}\n\nReference: {clock.case.reference}\n"
                f"Deadline: {moment_text(clock.due_at)}\n\nOpen it: {link}\n")
    send_mail(f"[deadline] {clock.case.reference}: {clock.rule.name}", body, settings.DEFAULT_FROM_EMAIL, to)
    return len(to)
