"""A secret shown once, on the page after the form that made it: a new API token or researcher token.

A page that issues a token answers the form with a redirect (post, redirect, get), so a reload or the back button
never sends the form again and never issues a second token. The raw token has to cross that redirect, so it waits
in the staff member's session until the next page shows it:

- sealed (``privacy.crypto.seal_text``, bound to this purpose and to the slot), so the session row in the database
  never holds a usable token;
- taken out by the first page that reads it, so a reload, another tab or a later visit shows nothing;
- for at most :data:`WAIT_SECONDS`: the redirect is followed at once, and a token nobody came to see is forgotten.

Only the digest of a token is ever stored with it; this is the one place its raw form is kept, for a moment.

The form itself is sent once (``core.form_once``): a double click sends it twice, side by side, and the browser
follows the answer to the second sending, in a session the first sending's session save may then overwrite. So
:func:`keep_for` also leaves the sealed secret, for the same few minutes, in the shared cache under the form
token's digest; a second sending of the same form waits for the first and puts that same secret into its own
session (:func:`sent_again`). Whichever session is saved last, it holds the one secret the one token was issued
with. The first page to show the secret takes it out of the cache as well, and only the page that took it there
shows it: a copy left in the other session (saved a moment later) shows nothing, nor does a form sent again later.
"""

from __future__ import annotations

import time

from django.core.cache import cache

from rightsdesk.core import form_once
from rightsdesk.core.digests import token_digest

from . import crypto

SESSION_KEY = "shown_once"
PURPOSE = "privacy.shown-once"
#: How long a secret waits for its page.
WAIT_SECONDS = 300


def _sent_key(form_token: str) -> str:
    return f"shown-once:{token_digest(form_token)}"


def keep(session, slot: str, secret: str, *, form_token: str = "", **about) -> None:
    """Keep ``secret`` for the next :func:`take` of ``slot`` in this session, with ``about`` (JSON values: what the
    page shows beside it, e.g. the token's id). With the ``form_token`` of the form that made it, a second sending
    of that form finds it too (:func:`sent_again`)."""
    entry = {"sealed": crypto.seal_text(secret, f"{PURPOSE}:{slot}"), "at": time.time(), "about": about}
    if form_token:
        entry["sent"] = _sent_key(form_token)
        cache.set(entry["sent"], {"slot": slot, "entry": entry}, WAIT_SECONDS)
        form_once.done(form_token)
    _put(session, slot, entry)


def _put(session, slot: str, entry: dict) -> None:
    kept = dict(session.get(SESSION_KEY) or {})
    kept[slot] = entry
    session[SESSION_KEY] = kept


def sent_again(session, slot: str, form_token: str) -> bool:
    """A form sent a second time (a double click, or a browser sending the same page again): wait for its first
    sending, then put the secret it kept into this session for the next :func:`take` (True). False when there is
    none to show: it was shown already, waited too long, or the first sending was refused."""
    form_once.wait_until_done(form_token)
    found = cache.get(_sent_key(form_token)) if form_token else None
    if not found or found.get("slot") != slot:
        return False
    _put(session, slot, found["entry"])
    return True


def take(session, slot: str) -> tuple[str | None, dict]:
    """The secret kept for ``slot`` and its ``about``, once: (None, {}) when there is none, it waited too long or
    it no longer opens (the keys were rotated away)."""
    kept = dict(session.get(SESSION_KEY) or {})
    entry = kept.pop(slot, None)
    if entry is None:
        return None, {}
    if kept:
        session[SESSION_KEY] = kept
    else:
        del session[SESSION_KEY]
    if entry.get("sent") and not cache.delete(entry["sent"]):
        return None, {}  # a page of the other sending's session showed it already (or it waited too long)
    try:
        if time.time() - float(entry["at"]) > WAIT_SECONDS:
            return None, {}
        return crypto.open_text(entry["sealed"], f"{PURPOSE}:{slot}"), dict(entry.get("about") or {})
    except (crypto.DecryptionError, KeyError, TypeError, ValueError):
        return None, {}


def keep_for(session, slot: str, secret: str, row, *, form_token: str = "") -> None:
    """Keep ``secret``, made for the stored ``row`` (a new token's row) by the form sent with ``form_token``, for
    :func:`take_for`."""
    keep(session, slot, secret, form_token=form_token, pk=row.pk)


def take_for(session, slot: str, rows) -> tuple[str, object] | None:
    """(the secret, its row from the queryset ``rows``) once, or None: nothing kept, or the row is gone (deleted
    meanwhile, or not among ``rows``)."""
    secret, about = take(session, slot)
    if secret is None:
        return None
    row = rows.filter(pk=about.get("pk")).first()
    return None if row is None else (secret, row)
