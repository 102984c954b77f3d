"""The list of public request forms, for the home page (core calls :func:`public_form_links`)."""

from __future__ import annotations

from django.urls import reverse

from .kinds import SPECS


def public_form_links() -> list[dict]:
    """One entry per kind of request: its URL in the current language, title and one-line summary."""
    return [
        {"url": reverse("intake:request", kwargs={"slug": spec.slug}), "title": spec.title, "summary": spec.summary,
         "kind": spec.kind, "slug": spec.slug}
        for spec in SPECS.values()
    ]
