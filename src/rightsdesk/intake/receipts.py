"""Post, redirect, get for the public forms: a one-time token per form, and the receipt kept for one display.

A form carries a random one-time token (``core.form_once``). The first POST with it files the request
and keeps the receipt in the cache under the token's digest (the tracking token
sealed, as the receipt task carries it); the session only remembers which
receipt is the visitor's. The browser is then redirected to the receipt page,
so a reload never sends the form again. The same words sent again from the same
browser (a double click, the back button, which fetches the form anew and puts
the words back) file nothing and show the same receipt; other words typed into
the same form are another request (``core.form_once.sending_token``). The
private link is shown once: the receipt page removes the sealed token from the
cache after displaying it. The token is never put in a URL, so it reaches no log.
"""

from __future__ import annotations

from django.core.cache import cache

from rightsdesk.core import form_once
from rightsdesk.core.digests import token_digest

from .tracking import seal, unseal

#: How long a receipt is kept for its page.
RECEIPT_SECONDS = 3600
SESSION_KEY = "intake_receipt"


def _key(form_token: str, what: str) -> str:
    return f"intake:{what}:{token_digest(form_token)}"


def keep(session, form_token: str, receipt, *, email_sent: bool, informal: bool, anonymous: bool = False) -> None:
    """Remember the receipt of a filed request for the visitor's receipt page (``anonymous``: a report sent
    anonymously, whose contact details were not kept even if typed)."""
    data = {"case": receipt.case.pk, "sealed": seal(receipt.tracking_token),
            "email_sent": email_sent, "informal": informal, "anonymous": anonymous}
    key = _key(form_token or form_once.new_form_token(), "receipt")
    cache.set(key, data, RECEIPT_SECONDS)
    session[SESSION_KEY] = key
    form_once.done(form_token)


def point_to(session, form_token: str) -> bool:
    """After a repeated POST: point the session at the receipt the first POST made (waiting while it is filed)."""
    form_once.wait_until_done(form_token)
    key = _key(form_token, "receipt")
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
