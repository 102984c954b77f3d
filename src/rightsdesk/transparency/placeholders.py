"""Placeholders for removed or restricted items, as the public record states them.

A placeholder says what happened to an item and why in terms that identify
no one: the measure, the date, the legal or policy ground and who asked in
general terms. Every fact comes from the reviewed public record
(:class:`PublicRecordItem` and its :class:`PublicRecord`), so the wording of
a placeholder is what staff approved in the redaction editor; until then the
item has a placeholder id (the platform can act on the item at once) but no
public page. Legal demands are served with HTTP 451 and a
``Link: <...>; rel="blocked-by"`` header naming the platform, the entity
that implements the block (RFC 7725, section 4).

This module is on the public side: it must not import the case models
(``.importlinter`` enforces it).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from rightsdesk.cases import choices as c
from rightsdesk.core import languages
from rightsdesk.core.public_urls import public_url

from .models import PublicRecordItem


def public_items():
    """Placeholders that may be shown: items with one, in a record that is approved and not withdrawn."""
    return (PublicRecordItem.objects.exclude(placeholder_id="").filter(notice__unpublished_at__isnull=True)
            .select_related("notice"))


def find(public_id: str) -> PublicRecordItem | None:
    return public_items().filter(placeholder_id=public_id).first() if public_id else None


def requested_by(notice) -> tuple[str, str]:
    """Who asked, in general terms and in the active language ("Company", "The platform's own initiative"), and the
    name the public record gives the sender ("" for none): two parts, which the placeholder page sets apart (the name
    in its own direction) and the export and API join as "Company (Acme Rights)"."""
    if notice.source == c.Source.OWN_INITIATIVE:
        return str(_("The platform's own initiative")), ""
    label = str(c.RequesterType(notice.requester_type).label) if notice.requester_type else ""
    return label, notice.sender_name or ""


def _requested_by(notice) -> str:
    label, name = requested_by(notice)
    return f"{label} ({name})" if name else label


def public_facts(item: PublicRecordItem) -> dict:
    """What the public may know about a placeholder's item, in the active language."""
    notice = item.notice
    if item.restored_at:
        explanation = _("This item was restored after an appeal. It is available again.")
    elif item.legal_demand:
        explanation = _("This item is unavailable because of a legal demand. We reviewed the demand and acted on it "
                        "only as far as we found we had to.")
    else:
        explanation = _("This item was removed or restricted because it is incompatible with the terms of use or "
                        "the policies of the site.")
    return {
        "public_id": item.placeholder_id,
        "url": item.url,
        "project": item.project,
        "page_title": item.page_title,
        "revision": item.revision_id,
        "status": item.placeholder_status,
        "legal_demand": item.legal_demand,
        "measure": str(c.Action(item.action).label) if item.action else "",
        "measure_code": item.action,
        "countries": [str(countries.name(code)) for code in item.action_countries or []],
        "country_codes": list(item.action_countries or []),
        "until": item.action_end_date.isoformat() if item.action_end_date else None,
        "since": notice.decided_on.isoformat(),
        "ground": item.ground,
        "requested_by": _requested_by(notice),
        "requested_from": str(countries.name(notice.country)) if notice.country else "",
        "explanation": str(explanation),
        "restored": item.restored_at is not None,
    }


def page_url(public_id: str) -> str:
    return public_url(reverse("notices:placeholder", kwargs={"public_id": public_id}))


def blocked_by_link() -> str:
    return f'<{public_url("/")}>; rel="blocked-by"'


def export(language: str = "en") -> list[dict]:
    """Every placeholder as JSON-ready dicts for the platform to display (one language)."""
    with translation.override(languages.supported(language)):
        rows = []
        for item in public_items().order_by("id"):
            facts = public_facts(item)
            facts["page"] = page_url(item.placeholder_id)
            rows.append(facts)
        return rows
