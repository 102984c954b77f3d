"""A staff form refused by its service, carried back to its page with what was typed (post, redirect, get).

A panel's form on the case page (the preservation request, the statutory clocks) or the queue's bulk bar is answered
with a redirect to its page, where the refusal is said at its field and what was typed is given back, never dropped.
What was typed crosses the redirect in the staff member's session:

- sealed (``privacy.crypto.seal_text``, bound to this purpose, the form's key and its place), so the session row in
  the database never holds what was typed (the accounts an authority names, a description of what was preserved,
  the reason a staff member wrote for a bulk action);
- for its own place only (a case's reference, or the page's name): the page of another case leaves it where it is
  and shows nothing of it (before, the next case page with the panel took it and filled another case's form with
  these accounts);
- taken out by the first page of that place that shows it, and for at most :data:`WAIT_SECONDS`.
"""

from __future__ import annotations

import json
import time

from . import crypto

PURPOSE = "privacy.refused-form"
#: How long a refused form waits for its page (the redirect is followed at once; a form left waiting is dropped).
WAIT_SECONDS = 60 * 60


def keep(session, key: str, place: str, refused: dict) -> None:
    """Keep ``refused`` (the message, the field and what was typed: JSON values) for the next :func:`take` of ``key``
    on ``place`` (the case's reference, or the page's name)."""
    session[key] = {"place": place, "at": time.time(),
                    "sealed": crypto.seal_text(json.dumps(refused), f"{PURPOSE}:{key}:{place}")}


def take(session, key: str, place: str) -> dict | None:
    """The refused form kept under ``key`` for this place, taken out of the session; None when there is none, it is
    another place's (left where it is), it waited too long, or it no longer opens (the keys were rotated away)."""
    kept = session.get(key)
    if not isinstance(kept, dict) or kept.get("place") != place:
        if isinstance(kept, dict) and "sealed" not in kept:
            del session[key]  # kept unsealed by an earlier version: never shown, never kept
        return None
    del session[key]
    try:
        if time.time() - float(kept["at"]) > WAIT_SECONDS:
            return None
        refused = json.loads(crypto.open_text(kept["sealed"], f"{PURPOSE}:{key}:{place}"))
    except (crypto.DecryptionError, KeyError, TypeError, ValueError):
        return None
    return refused if isinstance(refused, dict) else None
