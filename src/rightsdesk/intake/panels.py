"""The intake panel on the staff case page: the statements and signature the requester gave."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from rightsdesk.audit.services import record_access
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA

from .duplicates import possible_duplicates, window
from .kinds import FIELDS, missing_labels
from .models import Declaration

PRIVATE = ACCESS_PRIVATE_DATA


def case_panels(request, case) -> list[dict]:
    return _duplicates_panel(request, case) + _declaration_panel(request, case)


def _duplicates_panel(request, case) -> list[dict]:
    """A hint, first on the page: other requests from the same e-mail address or about the same URLs."""
    found = possible_duplicates(case)
    if not found:
        return []
    reasons = {"email": _("same requester e-mail address"), "urls": _("same URLs")}
    rows = [{"case": f["case"], "why": [str(reasons[w]) for w in ("email", "urls") if w in f["why"]]} for f in found]
    context = {"rows": rows, "days": window().days}
    return [{"title": _("Possible duplicate"),
             "html": render_to_string("intake/duplicates_panel.html", context, request)}]


def _declaration_panel(request, case) -> list[dict]:
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
        "missing": missing_labels(case.missing_fields, staff=True),
        "see_private": see_private,
    }
    return [{"title": _("What the requester declared"), "html": render_to_string("intake/panel.html", context, request)}]
