"""Errors of the cases app, below both the models and the workflow so either can raise them."""

from __future__ import annotations

from rightsdesk.core.errors import DomainError


class TransitionError(DomainError):
    """A state change the workflow refuses (wrong source state, unknown transition, or a save outside the workflow)."""

    code = "illegal_transition"
    http_status = 409
