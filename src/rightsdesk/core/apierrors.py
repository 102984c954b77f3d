"""The one shape of every API error (rightsdesk/api.py writes it), declared once for every router's schema.

Each operation lists the error statuses it can answer with this body, so the published OpenAPI schema says what a
client will really get (tests/security/test_api_conformance.py checks it with schemathesis).
"""

from __future__ import annotations

from typing import Optional

from ninja import Schema


#: The pattern of free-text query parameters: no NUL characters, which no database stores; the schema says so, and a
#: filter with one is refused as invalid input (422), not a server error.
NO_NUL = r"^[^\x00]*$"


class ErrorOut(Schema):
    code: str
    message: str
    field: Optional[str] = None


class ErrorsOut(Schema):
    detail: list[ErrorOut]


def errors(*statuses: int) -> dict[int, type[ErrorsOut]]:
    """``{400: ErrorsOut, 422: ErrorsOut}`` for a router's ``response=``."""
    return {status: ErrorsOut for status in statuses}
