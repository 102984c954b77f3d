"""Post, redirect, get for the public forms: a one-time token per form, and the receipt kept for one display.

A form carries a random one-time token. The first POST with it files the request
and keeps the receipt in the cache under the token's digest (the tracking token
sealed, as the receipt task carries it); the session only remembers which
receipt is the visitor's. The browser is then redirected to the receipt page,
so a reload never sends the form again. A second POST with the same token (a
double click, the back button) files nothing and shows the same receipt. The
private link is shown once: the receipt page removes the sealed token from the
cache after displaying it. The token is never put in a URL, so it reaches no log.
"""

from __future__ import annotations

import secrets
import time

from django.core.cache import cache

from rightsdesk.core.digests import token_digest

from .tracking import seal, unseal

#: How long a used form token is remembered, and a receipt kept for its page.
USED_SECONDS = 24 * 3600
RECEIPT_SECONDS = 3600
SESSION_KEY = "intake_receipt"


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


def _key(form_token: str, what: str) -> str:
    return f"intake:{what}:{token_digest(form_token)}"


def claim(form_token: str) -> bool:
    """True the first time a form token is sent (the request may be filed), False for every later time."""
    if not form_token:
        return True
    return cache.add(_key(form_token, "form-used"), True, USED_SECONDS)


def was_used(form_token: str) -> bool:
    return bool(form_token) and cache.get(_key(form_token, "form-used")) is not None


def release(form_token: str) -> None:
    """The request was refused after all: the same form may be sent again."""
    if form_token:
        cache.delete(_key(form_token, "form-used"))


def keep(session, form_token: str, receipt, *, email_sent: bool, informal: bool) -> None:
    """Remember the receipt of a filed request for the visitor's receipt page."""
    data = {"case": receipt.case.pk, "sealed": seal(receipt.tracking_token),
            "email_sent": email_sent, "informal": informal}
    key = _key(form_token or new_form_token(), "receipt")
    cache.set(key, data, RECEIPT_SECONDS)
    session[SESSION_KEY] = key


def point_to(session, form_token: str, *, wait_seconds: float = 10.0) -> bool:
    """After a repeated POST: point the session at the receipt the first POST made (waiting while it is filed)."""
    key = _key(form_token, "receipt")
    deadline = time.monotonic() + wait_seconds
    while cache.get(key) is None and time.monotonic() < deadline:
        time.sleep(0.2)
    if cache.get(key) is None:
        return False
    if session.get(SESSION_KEY) != key:
        session[SESSION_KEY] = key
    return True


def take(session) -> tuple[dict | None, str | None]:
    """The visitor's receipt and, the first time only, the raw tracking token (then forgotten)."""
    key = session.get(SESSION_KEY)
    data = cache.get(key) if key else None
    if data is None:
        return None, None
    token = None
    if data.get("sealed"):
        token = unseal(data["sealed"])
        cache.set(key, {**data, "sealed": ""}, RECEIPT_SECONDS)
    return data, token
