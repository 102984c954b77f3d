"""The Preservation panel on the review case page (preservation requests only): the authority, the legal basis, the
accounts (to those who may see personal data: each look audited), what was preserved and where, until when, the
renewal and the release; and the forms for each step, which keep what was typed when refused."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from rightsdesk.accounts import access
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import (APPROVER_PERMISSIONS, PRESERVATION_PERSONAL_FIELDS, VIEW_CASES,
                                     WORKER_PERMISSIONS)
from rightsdesk.core import form_once
from rightsdesk.core.countries import in_readers_order
from rightsdesk.core.moments import moment_text
from rightsdesk.privacy import refused_forms

from . import selectors
from .models import DESCRIPTION_MAX, DESCRIPTION_MAX_LINES, State


def _prefill(case) -> dict:
    """The request form's first values, from what intake recorded on the case (never the accounts: retyped)."""
    return {"authority_name": case.requester_organisation or "",
            "authority_country": str(getattr(case.authority_country, "code", "") or ""),
            "legal_basis": case.law_invoked or "", "authority_reference": case.legal_basis_reference or "",
            "accounts": ""}


def _forms_shown(preservation, *, can_record: bool, can_work: bool, can_renew: bool) -> set[str]:
    """The panel's forms shown for the preservation as it is now (as panel.html decides)."""
    shown = {"request"} if can_record else set()
    if preservation is None or not can_work:
        return shown
    if preservation.state == State.REQUESTED:
        shown |= {"preserved", "refuse"}
    if preservation.keeps_records:
        shown.add("release")
        if preservation.state != State.RENEWED and can_renew:
            shown.add("renew")
    return shown


def case_panels(request, case) -> list[dict]:
    if case.kind != c.Kind.PRESERVATION_REQUEST:
        return []
    user = request.user
    if not access.has_any(user, (VIEW_CASES,)):
        return []
    preservation = selectors.preservation_of(case)
    failed = refused_forms.take(request.session, selectors.FAILED_KEY, case.reference) \
        if hasattr(request, "session") else None
    may_see = selectors.may_see_accounts(user)
    can_work = access.has_any(user, WORKER_PERMISSIONS)
    if preservation is not None and may_see:
        record_access(user, "view_private", case=case, obj=preservation, fields=PRESERVATION_PERSONAL_FIELDS,
                      purpose="preservation panel")
    typed = failed if failed and failed.get("form") == "request" else None
    start = typed or (None if preservation else _prefill(case))
    if preservation is not None and not typed and may_see:
        start = {"authority_name": preservation.authority_name,
                 "authority_country": str(getattr(preservation.authority_country, "code", "") or ""),
                 "legal_basis": preservation.legal_basis, "authority_reference": preservation.authority_reference,
                 "accounts": preservation.accounts}
    can_record = can_work and may_see and (preservation is None or preservation.state == State.REQUESTED)
    can_renew = access.has_any(user, APPROVER_PERMISSIONS)
    shown = _forms_shown(preservation, can_record=can_record, can_work=can_work, can_renew=can_renew)
    # A colleague moved the preservation on meanwhile (or the form was sent twice): the form refused is gone, so the
    # refusal is said at the top of the panel and the words typed are given back to copy, never dropped.
    gone = bool(failed) and failed.get("form") not in shown
    unsent = "\n\n".join(str(value).strip() for name, value in failed.items()
                          if name not in ("form", "message", "field") and str(value).strip()) if gone else ""
    ctx = {
        "case": case, "p": preservation, "failed": failed, "unsent": unsent,
        # The refused form's field in error, its message at it (core's field_errors tags); a refusal naming no field
        # is said at the top of its form.
        "errors_of": {failed["form"]: {failed["field"]: failed["message"]}} if failed and failed.get("field") else {},
        "orphan_message": failed.get("message", "") if gone else "", "may_see": may_see, "typed": start or {},
        "can_record": can_record, "can_work": can_work, "can_renew": can_renew,
        "countries": in_readers_order(), "State": State,
        # Each form is done once however often it is sent (views._act, core.form_once): a token of its own.
        "tokens": {name: form_once.new_form_token() for name in shown},
        "description_help": _("In words, at most %(chars)d characters and %(lines)d lines: which kinds of records, "
                              "of which accounts, for which period (e.g. 'sign-in logs and IP addresses, 1-30 June'). "
                              "Never paste the data itself: it stays in the systems that hold it.") % {
            "chars": DESCRIPTION_MAX, "lines": DESCRIPTION_MAX_LINES},
    }
    panel = {"title": _("Preservation"), "html": render_to_string("preservation/panel.html", ctx, request=request)}
    if preservation is not None and preservation.keeps_records:
        panel["alert"] = _("Records are preserved until %(date)s: record their release before the case "
                           "closes.") % {"date": moment_text(preservation.current_end)}
    return [panel]
