from django import template

from rightsdesk.cases import choices as c

register = template.Library()


@register.filter
def state_label(value: str) -> str:
    """The translated label of a stored state value (history rows keep the raw value)."""
    try:
        return c.State(value).label
    except ValueError:
        return value
