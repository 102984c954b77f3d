"""A secret shown once, on the page after the form that made it: a new API token or researcher token.

A page that issues a token answers the form with a redirect (post, redirect, get), so a reload or the back button
never sends the form again and never issues a second token. The raw token has to cross that redirect, so it waits
in the staff member's session until the next page shows it:

- sealed (``privacy.crypto.seal_text``, bound to this purpose and to the slot), so the session row in the database
  never holds a usable token;
- taken out by the first page that reads it, so a reload, another tab or a later visit shows nothing;
- for at most :data:`WAIT_SECONDS`: the redirect is followed at once, and a token nobody came to see is forgotten.

Only the digest of a token is ever stored with it; this is the one place its raw form is kept, for a moment.
"""

from __future__ import annotations

import time

from . import crypto

SESSION_KEY = "shown_once"
PURPOSE = "privacy.shown-once"
#: How long a secret waits for its page.
WAIT_SECONDS = 300


def keep(session, slot: str, secret: str, **about) -> None:
    """Keep ``secret`` for the next :func:`take` of ``slot`` in this session, with ``about`` (JSON values: what the
    page shows beside it, e.g. the token's id)."""
    kept = dict(session.get(SESSION_KEY) or {})
    kept[slot] = {"sealed": crypto.seal_text(secret, f"{PURPOSE}:{slot}"), "at": time.time(), "about": about}
    session[SESSION_KEY] = kept


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
    try:
        if time.time() - float(entry["at"]) > WAIT_SECONDS:
            return None, {}
        return crypto.open_text(entry["sealed"], f"{PURPOSE}:{slot}"), dict(entry.get("about") or {})
    except (crypto.DecryptionError, KeyError, TypeError, ValueError):
        return None, {}


def keep_for(session, slot: str, secret: str, row) -> None:
    """Keep ``secret``, made for the stored ``row`` (a new token's row), for :func:`take_for`."""
    keep(session, slot, secret, pk=row.pk)


def take_for(session, slot: str, rows) -> tuple[str, object] | None:
    """(the secret, its row from the queryset ``rows``) once, or None: nothing kept, or the row is gone (deleted
    meanwhile, or not among ``rows``)."""
    secret, about = take(session, slot)
    if secret is None:
        return None
    row = rows.filter(pk=about.get("pk")).first()
    return None if row is None else (secret, row)
