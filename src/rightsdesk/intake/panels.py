"""The intake panel on the staff case page: the statements and signature the requester gave."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from rightsdesk.audit.services import record_access
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA

from .kinds import FIELDS, MISSING_LABELS
from .models import Declaration

PRIVATE = ACCESS_PRIVATE_DATA


def case_panels(request, case) -> list[dict]:
    declaration = Declaration.objects.filter(case=case).first()
    if declaration is None and not case.missing_fields:
        return []
    see_private = request.user.has_perm(PRIVATE)
    if declaration is not None and declaration.signature and see_private:
        record_access(request.user, "view_private", case=case, obj=declaration, fields=["signature"],
                      purpose="case page: intake declaration")
    context = {
        "declaration": declaration,
        "statements": [FIELDS[name].label for name in (declaration.statements if declaration else []) if name in FIELDS],
        "missing": [MISSING_LABELS.get(code, code) for code in case.missing_fields],
        "see_private": see_private,
    }
    return [{"title": _("What the requester declared"), "html": render_to_string("intake/panel.html", context, request)}]
