"""Intake limits, with defaults that a deployment overrides in ``settings.RIGHTSDESK_INTAKE``.

Example: ``RIGHTSDESK_INTAKE = {"RATE_LIMIT": 30, "MAX_ATTACHMENT_BYTES": 20 * 2**20}``.
Read through :func:`get` every time so tests can override settings.
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # Web form and tracking-page posts per client IP address per window.
    "RATE_LIMIT": 10,
    "RATE_WINDOW_SECONDS": 600,
    # Longest free text (the explanation, a message) in characters.
    "MAX_TEXT_CHARS": 20_000,
    # URLs and accounts one request may list (form and API alike).
    "MAX_URLS": 1000,
    "MAX_ACCOUNTS": 100,
    # Attachments: per file, per request, and what they may be.
    "MAX_ATTACHMENT_BYTES": 10 * 2**20,
    "MAX_ATTACHMENTS": 5,
    "ALLOWED_ATTACHMENT_TYPES": ["application/pdf", "image/png", "image/jpeg", "text/plain", "message/rfc822"],
    # API request bodies. Django refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE
    # before we see them, so the effective limit is the smaller of the two.
    "MAX_BODY_BYTES": 2_500_000,
    "MAX_BATCH_ITEMS": 1000,
    # Items created per database transaction in a batch: a whole batch by default. Each commit rewrites the pages
    # of the tables' indexes it touched, so smaller chunks cost more (250: 10 % slower on SQLite, docs/performance.md
    # §1) in exchange for a shorter hold of SQLite's write lock.
    "BATCH_CHUNK": 1000,
    # Requests received this many days apart from the same e-mail address or about the same URLs are shown to
    # staff as possible duplicates.
    "DUPLICATE_DAYS": 14,
    # A lost tracking link (intake.recovery): e-mails one address may be sent per window, whichever network asks;
    # how long the link in that e-mail works; how many of the address's requests it renews (the most recent).
    "RECOVERY_EMAILS_PER_WINDOW": 3,
    "RECOVERY_WINDOW_SECONDS": 3600,
    "RECOVERY_LINK_HOURS": 24,
    "RECOVERY_MOST_REQUESTS": 20,
}


def get(name: str):
    overrides = getattr(settings, "RIGHTSDESK_INTAKE", {}) or {}
    if name in overrides:
        return overrides[name]
    return DEFAULTS[name]


def max_body_bytes() -> int:
    django_limit = getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", None)
    ours = int(get("MAX_BODY_BYTES"))
    return min(ours, django_limit) if django_limit else ours
