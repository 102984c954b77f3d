"""Errors the domain layer raises, shared by views, the API and commands.

Each carries a message written for the person who has to fix the problem, and
a stable ``code`` that the API returns so clients can react without parsing
English.
"""

from __future__ import annotations


class DomainError(Exception):
    """A request the rules refuse. Nothing was changed when it is raised."""

    code = "refused"
    http_status = 400

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field = field

    def field_errors(self) -> dict[str | None, str]:
        """{field: what to fix} for a form to show each beside its field (None: the form as a whole). One problem
        here; an error that names several at once says so by overriding this."""
        return {self.field: self.message}

    def as_dict(self) -> dict:
        data = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


class NotPermitted(DomainError):
    """Refused to this person. Without a code of its own, they lack a permission (a 403 page); with one, a rule
    refuses them this once ("four_eyes": they shaped the decision they would approve), and the page they acted from
    shows the refusal beside its form with what they typed."""

    code = "not_permitted"
    http_status = 403

    @property
    def missing_permission(self) -> bool:
        return self.code == NotPermitted.code


class Conflict(DomainError):
    code = "conflict"
    http_status = 409
