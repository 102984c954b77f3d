"""The case page's "Laws and authority" panel: the free text as received, what the matcher suggests, and a form
to confirm (``views.confirm`` -> ``services.set_case_links``). Suggestions are computed when the panel is shown
and stored only when a person confirms them."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from rightsdesk.accounts import access
from rightsdesk.cases.policy import VIEW_CASES, WORKER_PERMISSIONS

from .matching import suggest_for_case
from .models import Authority, CaseAuthority, CaseInstrument, Instrument


def case_panels(request, case) -> list[dict]:
    user = request.user
    if not access.has_any(user, (VIEW_CASES,)):
        return []
    linked = list(CaseInstrument.objects.filter(case=case).select_related("instrument", "confirmed_by"))
    authority_link = CaseAuthority.objects.filter(case=case).select_related("authority", "confirmed_by").first()
    suggested, suggested_authority = suggest_for_case(case)
    linked_ids = {link.instrument_id for link in linked}
    suggested_ids = {m.pk for m in suggested}
    confirmed = bool(linked or authority_link)
    checked = linked_ids if confirmed else suggested_ids
    instruments = list(Instrument.objects.filter(active=True) | Instrument.objects.filter(pk__in=linked_ids))
    shown_ids = linked_ids | suggested_ids
    authority_id = authority_link.authority_id if authority_link else (suggested_authority.pk if suggested_authority else None)
    ctx = {
        "case": case, "linked": linked, "authority_link": authority_link,
        "suggested": suggested, "suggested_authority": suggested_authority,
        "rows": [{"instrument": i, "checked": i.pk in checked, "suggested": i.pk in suggested_ids,
                  "match": next((m for m in suggested if m.pk == i.pk), None)}
                 for i in instruments if i.pk in shown_ids],
        "others": [i for i in instruments if i.pk not in shown_ids],
        "authorities": Authority.objects.filter(active=True), "authority_id": authority_id,
        "confirmed": confirmed, "can_confirm": access.has_any(user, WORKER_PERMISSIONS),
    }
    return [{"title": _("Laws and authority"), "html": render_to_string("laws/panel.html", ctx, request=request)}]
