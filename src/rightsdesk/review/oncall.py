"""Who is alerted when an emergency arrives (read by the services that queue the alert and the task that sends it)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

#: The group whose members are on call for emergencies, unless settings.RIGHTSDESK_ONCALL_EMAILS names addresses.
ONCALL_GROUP = "trust and safety"


def oncall_emails() -> list[str]:
    """settings.RIGHTSDESK_ONCALL_EMAILS, or the e-mail of every active member of the trust and safety group."""
    configured = getattr(settings, "RIGHTSDESK_ONCALL_EMAILS", None)
    if configured:
        return list(configured)
    User = get_user_model()
    return sorted(set(User.objects.filter(is_active=True, groups__name=ONCALL_GROUP).exclude(email="")
                      .values_list("email", flat=True)))
