"""A hand-written form's field in error, marked as a Django form's field is (intake.forms.AccessibleFormMixin and the
``_field.html`` templates): its message at the field, ``ul.errorlist#id_<name>-error``, and the field tied to it,
``aria-invalid="true"`` and ``aria-describedby`` (after the field's own help, if it has one). The messages are the
``{field: message}`` of a refusal (``DomainError.field_errors()``), which the error summary lists as ``errors``
(rightsdesk/_error_summary.html, linking to ``#id_<name>``); the refusal itself (a ``DomainError``) may be given
instead. Every staff form written by hand ties its fields to their errors through these two tags.

  {% load field_errors %}
  <input id="id_date_from" name="date_from" …{% described_by errors "date_from" "id_date_from-help" %}>
  {% field_error errors "date_from" %}

A form whose fields have ids of another prefix (``c-title`` for the field ``title``, the summary's ``anchor``) says
so: ``{% described_by error "title" prefix="c-" %}`` and ``{% field_error error "title" prefix="c-" %}`` write
``c-title-error``.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from rightsdesk.core.errors import DomainError

register = template.Library()


def _error_id(name: str, prefix: str) -> str:
    return f"{prefix}{name}-error"


def _messages(errors) -> dict:
    """{field: message} of ``errors``: a mapping as it is, a refusal's ``field_errors()``, nothing for nothing."""
    if isinstance(errors, DomainError):
        return errors.field_errors()
    return errors or {}


@register.simple_tag
def described_by(errors, name: str, *help_ids: str, prefix: str = "id_") -> str:
    """The field's ``aria-describedby`` (its help, then its error) and ``aria-invalid`` when it is in error; nothing
    for a field with neither."""
    in_error = bool(_messages(errors).get(name))
    ids = [i for i in help_ids if i] + ([_error_id(name, prefix)] if in_error else [])
    if not ids:
        return ""
    return format_html(' aria-describedby="{}"{}', " ".join(ids), mark_safe(' aria-invalid="true"') if in_error else "")


@register.simple_tag
def field_error(errors, name: str, prefix: str = "id_") -> str:
    """The field's message, ``<ul class="errorlist" id="<prefix><name>-error">``, or nothing."""
    message = _messages(errors).get(name)
    if not message:
        return ""
    messages = message if isinstance(message, (list, tuple)) else [message]
    return format_html('<ul class="errorlist" id="{}">{}</ul>', _error_id(name, prefix),
                       format_html_join("", "<li>{}</li>", ((m,) for m in messages)))
