"""Template filters that put internal codes into words for staff."""

from django import template

register = template.Library()


@register.filter
def permission_words(message) -> str:
    """A refusal with each permission code ("diligence.add_assessment") replaced by the permission's name."""
    from rightsdesk.core.views import permission_in_words

    return permission_in_words(str(message or ""))
