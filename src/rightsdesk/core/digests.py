"""Digests of secrets the system must recognise but never store: tracking tokens, API tokens, appeal links."""

from __future__ import annotations

import hashlib


def token_digest(token: str) -> str:
    """Tracking tokens and API tokens are stored as digests, never in the clear."""
    return hashlib.sha256(token.encode()).hexdigest()
