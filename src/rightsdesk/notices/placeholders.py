"""Public placeholders for removed or restricted items, served by rightsdesk or exported for the platform.

A placeholder says what happened to an item and why in terms that identify
no one: the measure, the date, the legal or policy ground, and who asked in
general terms (the kind of requester and, for authorities and companies,
their public name). Legal demands are served with HTTP 451 and a
``Link: <...>; rel="blocked-by"`` header naming the platform, which is the
entity that implements the block (RFC 7725, section 4).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from rightsdesk.cases import choices as c

from .models import Placeholder
from .rendering import NAMEABLE_REQUESTERS


def _hides_account(item, value: str) -> bool:
    return bool(item.account_name) and item.account_name.casefold() in (value or "").casefold()


def public_facts(placeholder: Placeholder) -> dict:
    """What the public may know about a placeholder's item, in the active language."""
    item, case = placeholder.item, placeholder.item.case
    requested_by = str(c.RequesterType(case.requester_type).label) if case.requester_type else ""
    if case.requester_type in NAMEABLE_REQUESTERS and case.requester_organisation:
        requested_by = f"{requested_by} ({case.requester_organisation})"
    if case.source == c.Source.OWN_INITIATIVE:
        requested_by = str(_("The platform's own initiative"))
    url = "" if _hides_account(item, item.url) else item.url
    title = "" if _hides_account(item, item.page_title) else item.page_title
    if placeholder.withdrawn_at:
        explanation = _("This item was restored after an appeal. It is available again.")
    elif placeholder.legal_demand:
        explanation = _("This item is unavailable because of a legal demand. We reviewed the demand and acted on it "
                        "only as far as we found we had to.")
    else:
        explanation = _("This item was removed or restricted because it is incompatible with the terms of use or "
                        "the policies of the site.")
    return {
        "public_id": placeholder.public_id,
        "url": url,
        "project": item.project,
        "page_title": title,
        "revision": item.revision_id,
        "status": placeholder.http_status,
        "legal_demand": placeholder.legal_demand,
        "measure": str(c.Action(item.action).label) if item.action else "",
        "measure_code": item.action,
        "countries": [str(countries.name(code)) for code in item.action_countries or []],
        "country_codes": list(item.action_countries or []),
        "until": item.action_end_date.isoformat() if item.action_end_date else None,
        "since": (case.decided_at or placeholder.created_at).date().isoformat(),
        "ground": item.ground,
        "requested_by": requested_by,
        "requested_from": str(countries.name(case.country.code)) if case.country else "",
        "explanation": str(explanation),
        "restored": placeholder.withdrawn_at is not None,
    }


def blocked_by_link() -> str:
    base = settings.RIGHTSDESK["PUBLIC_BASE_URL"].rstrip("/")
    return f'<{base}/>; rel="blocked-by"'


def export(language: str = "en") -> list[dict]:
    """Every placeholder as JSON-ready dicts for the platform to display (one language)."""
    with translation.override(language):
        rows = []
        base = settings.RIGHTSDESK["PUBLIC_BASE_URL"].rstrip("/")
        for placeholder in Placeholder.objects.select_related("item", "item__case").order_by("id"):
            facts = public_facts(placeholder)
            facts["page"] = base + reverse("notices:placeholder", kwargs={"public_id": placeholder.public_id})
            rows.append(facts)
        return rows
