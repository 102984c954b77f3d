"""Who is alerted when an emergency arrives (read by the services that queue the alert and the task that sends it)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from rightsdesk.crisis.rules import crisis_contacts

#: The group whose members are on call for emergencies, unless settings.RIGHTSDESK_ONCALL_EMAILS names addresses.
ONCALL_GROUP = "trust and safety"


def oncall_emails(case=None) -> list[str]:
    """settings.RIGHTSDESK_ONCALL_EMAILS, or the e-mail of every active member of the trust and safety group.

    For an emergency of a running crisis (``case`` tagged, crisis.rules) the stricter default applies: every
    on-call person (the configured addresses *and* the trust and safety group) and the crisis's coordinator.
    """
    configured = list(getattr(settings, "RIGHTSDESK_ONCALL_EMAILS", None) or [])
    crisis = crisis_contacts(case) if case is not None else []
    if configured and not crisis:
        return configured
    User = get_user_model()
    group = set(User.objects.filter(is_active=True, groups__name=ONCALL_GROUP).exclude(email="")
                .values_list("email", flat=True))
    return sorted(group | set(configured) | set(crisis))
