"""The public office-actions log: its page and JSON, read only from transparency.PublicOfficeAction, the entries
staff reviewed word for word. On the public side (``.importlinter``): no import of the account actions' models or
services, of the cases, or of anything private."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

from rightsdesk.transparency.models import PublicOfficeAction

from .choices import ActionType

PAGE = 200


def _entries():
    return PublicOfficeAction.objects.listed().order_by("-starts_on", "-id")


def office_log(request):
    kind = request.GET.get("type", "")
    entries = _entries()
    if kind in ActionType.values:
        entries = entries.filter(action_type=kind)
    return render(request, "accountactions/public_log.html", {
        "entries": entries[:PAGE], "types": ActionType.choices, "type": kind,
    })


def office_log_json(request):
    rows = [{
        "id": e.public_id, "action": e.action_type, "action_label": str(e.get_action_type_display()),
        "lifted_action": e.lifted_type or None, "ground": e.ground, "account": e.account_name or None,
        "projects": e.projects, "summary": e.summary, "starts_on": e.starts_on.isoformat(),
        "ends_on": e.ends_on.isoformat() if e.ends_on else None,
    } for e in _entries()[:1000]]
    return JsonResponse({"office_actions": rows}, json_dumps_params={"ensure_ascii": False})
