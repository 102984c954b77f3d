from django import template

from rightsdesk.cases import choices as c
from rightsdesk.cases.services import display_title

register = template.Library()


@register.filter
def state_label(value: str) -> str:
    """The translated label of a stored state value (history rows keep the raw value)."""
    try:
        return c.State(value).label
    except ValueError:
        return value


@register.filter
def case_title(case) -> str:
    """The case's neutral title in the reader's language (cases.services.display_title)."""
    return display_title(case)
