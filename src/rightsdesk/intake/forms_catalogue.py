"""The list of public request forms, for the home page (core calls :func:`public_form_links`)."""

from __future__ import annotations

from django.urls import reverse

from rightsdesk.cases import choices as c

from .kinds import SPECS


def public_form_links() -> list[dict]:
    """One entry per kind of request: its URL in the current language, title and one-line summary.

    The emergency form comes first, so it is the first card on a phone and the first a keyboard reaches.
    """
    specs = sorted(SPECS.values(), key=lambda spec: spec.kind != c.Kind.EMERGENCY_DISCLOSURE)
    return [
        {"url": reverse("intake:request", kwargs={"slug": spec.slug}), "title": spec.title, "summary": spec.summary,
         "kind": spec.kind, "slug": spec.slug, "urgent": spec.kind == c.Kind.EMERGENCY_DISCLOSURE}
        for spec in specs
    ]
