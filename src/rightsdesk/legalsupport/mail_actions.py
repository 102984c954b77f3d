"""The staff inbox's message page shows this form (core.registry.mail_message_actions) to legal-support staff only."""

from __future__ import annotations

from django.template.loader import render_to_string

from rightsdesk.accounts.access import has_any

from .workflow import CHANGE


def message_actions(request, message) -> list[dict]:
    if not has_any(request.user, CHANGE):
        return []
    return [{"html": render_to_string("legalsupport/mail_action.html", {"m": message}, request=request)}]
