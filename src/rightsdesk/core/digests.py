"""Digests of secrets the system must recognise but never store: tracking tokens, API tokens, appeal links."""

from __future__ import annotations

import hashlib
import secrets
import time

#: ``<seconds since 1970, 8 hex digits>.``: what a private link's token starts with (:func:`new_link_token`).
_TIME_DIGITS = 8
_HEX = frozenset("0123456789abcdef")


def token_digest(token: str) -> str:
    """Tracking tokens and API tokens are stored as digests, never in the clear."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_link_token(now: float | None = None) -> str:
    """A new token for a private link (a request's tracking link, a notice's appeal link): the second it was made,
    in hexadecimal, a dot, and 43 random characters (256 bits, ``secrets.token_urlsafe(32)``).

    The time in front is there for the index the link is looked up by. A digest alone is random, so each new
    request wrote its index entry on a random page of an index as large as all requests ever received: at a million
    requests bulk intake wrote a thousand pages of it per thousand notices, a sixth of the batch's time on SQLite
    (docs/performance.md, "Tracking links in time order"). :func:`link_digest` keeps the time in front of the
    digest, so new entries go to the index's end, as they do for a row's id. The time tells the link's holder only
    when it was made, which the tracking page shows anyway; the secret is the random part."""
    seconds = int(time.time() if now is None else now)
    return f"{seconds:0{_TIME_DIGITS}x}.{secrets.token_urlsafe(32)}"


def link_digest(token: str) -> str:
    """What is stored of a private link's token, and what it is looked up by: 64 hexadecimal characters.

    A token of :func:`new_link_token` keeps its time in front of the first 224 bits of its SHA-256 (the time is
    part of what is hashed, so a link with its time changed matches nothing); a token made before (random
    characters only) is its whole SHA-256, as it was stored, so links already sent keep working."""
    when, dot, _secret = token.partition(".")
    if dot and len(when) == _TIME_DIGITS and _HEX.issuperset(when):
        return when + token_digest(token)[: 64 - _TIME_DIGITS]
    return token_digest(token)
