"""``{% load staff_roles %}``: a staff role's name in the reader's language (accounts.roles.label)."""

from django import template

from rightsdesk.accounts.roles import label

register = template.Library()


@register.filter
def role_label(role) -> str:
    return label(str(role or ""))


@register.filter
def role_labels(roles) -> list[str]:
    return [label(str(role)) for role in roles or ()]
