"""Errors the domain layer raises, shared by views, the API and commands.

Each carries a message written for the person who has to fix the problem, and
a stable ``code`` that the API returns so clients can react without parsing
English.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _


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


class Refusals(DomainError):
    """Every problem of a form at once, where stopping at the first would send the person back once per field:
    ``errors`` is {field: what to fix}, in the order the problems were found (the first of a field is kept). The
    message joins them (an API or a command answers it); ``field`` and ``code`` are the first's. The public log's
    search (``FiltersRefused``), a crisis's form (``CrisisRefused``) and a researcher token's details
    (``TokenRefused``) refuse through it."""

    def __init__(self, problems: list[DomainError]):
        first = problems[0]
        super().__init__(" ".join(p.message for p in problems), code=first.code, field=first.field)
        self.errors: dict[str | None, str] = {}
        for problem in problems:
            self.errors.setdefault(problem.field, problem.message)

    def field_errors(self) -> dict[str | None, str]:
        return dict(self.errors)


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


def needed(label) -> str:
    """What a field left empty is told, naming it ("This is needed: Review date."): the error summary's link and a
    screen reader at the field read it alone, where Django's "This field is required." names nothing. The public
    forms, staff's new-case form and the due-diligence forms say it so. A label that ends its own sentence ("Who are
    you?") takes no full stop after it."""
    label = str(label)
    message = _("This is needed: %(label)s.") % {"label": label}
    return message.rstrip(".。।۔") if label[-1:] in "?.؟？" else message


def too_long(longest: int, count: int) -> str:
    """What a person is told of a text longer than its field takes: the limit and how long theirs is, so they know
    how much to cut (the text is refused and given back whole, never cut for them)."""
    # The figures grouped as the reader's language groups them (20,000; 20.000; 20 000): a limit of tens of thousands
    # written 20000 is read wrong at a glance (Django's formats, as the public log's counts: humanize's intcomma).
    return _("Use at most %(max)s characters (this has %(count)s).") % {
        "max": formats.number_format(longest, force_grouping=True),
        "count": formats.number_format(count, force_grouping=True)}


def refuse_if_too_long(text: str, longest: int, field: str, *, named_by=None) -> None:
    """Refuse (``too_long``, on ``field``) a text longer than ``longest`` characters: a column's ``max_length`` or
    a rule's limit. PostgreSQL refuses a value over a column's length with a server error, and SQLite stores it whole;
    the services check it first and say so at the field. ``named_by``: the model whose field it is, for a refusal
    shown where no form puts it beside the field: then led by the field's name (:func:`field_said`)."""
    if len(text) > longest:
        said = too_long(longest, len(text))
        raise DomainError(field_said(named_by, field, said) if named_by is not None else said, code="too_long",
                          field=field)


def field_said(instance, field: str, said: str) -> str:
    """A refusal of one field, as staff and requesters read it where no form shows it beside the field (an API
    answer, a message at the top of a page): led by the field's name in their language ("Account: Ensure this value
    has at most 255 characters"), not its name in the code ("account_name:")."""
    try:
        label = capfirst(instance._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:  # NON_FIELD_ERRORS: a check of several fields, which its message names
        return said
    return _("%(field)s: %(problem)s") % {"field": label, "problem": said}  # "：" in Chinese


def validated(instance, exclude=()) -> None:
    """The model's own checks of ``instance`` (``full_clean``, uniqueness left to the database), a refusal raised as
    a ``DomainError`` on the first field refused, in words (:func:`field_said`), never Django's ValidationError, which
    no view, API or command of the project answers (a server error)."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except (TypeError, ValueError) as exc:
        raise DomainError(f"A value has the wrong type: {exc}", code="invalid") from exc
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(field_said(instance, field, " ".join(messages)), code="invalid", field=field) from exc
