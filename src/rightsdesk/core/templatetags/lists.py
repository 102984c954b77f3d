"""``{{ items|and_list }}`` and ``{{ items|or_list }}``: a list joined by the reader's language (core.lists).
``pluck`` takes one key of each record first; ``{% comma %}`` and ``{% semicolon %}`` are the language's comma and
semicolon, between entries a loop writes itself (links, steps).

Each item is escaped (unless already safe). With the argument ``"bdi"`` each item is isolated in ``<bdi>``, for
typed values in any script (account names, rule names) that must keep their own direction in a right-to-left page.
With ``"ltr"`` each is isolated left to right (``<bdi dir="ltr">``: addresses as staff typed them), with ``"whole"``
also kept on one line (the ``whole`` filter of ``bidi``: a site's host, "ar.wikipedia.org", in running text).
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from rightsdesk.core import lists

from .bidi import whole

register = template.Library()


def _items(value, arg, autoescape):
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = [value]
    items = [item for item in value if item is not None and str(item) != ""]
    if arg == "bdi":
        return [format_html("<bdi>{}</bdi>", item) for item in items]
    if arg == "ltr":
        return [format_html('<bdi dir="ltr">{}</bdi>', item) for item in items]
    if arg == "whole":
        return [whole(item) for item in items]
    return [conditional_escape(item) if autoescape else item for item in items]


@register.filter
def pluck(value, key):
    """``{{ countries|pluck:"name"|and_list }}``: each mapping's (or object's) ``key``, to join a list of records."""
    return [item.get(key) if isinstance(item, dict) else getattr(item, key, None) for item in value or []]


@register.filter(needs_autoescape=True)
def and_list(value, arg=None, autoescape=True):
    return mark_safe(lists.and_list(_items(value, arg, autoescape)))  # items escaped above; the joiners are CLDR's


@register.filter(needs_autoescape=True)
def or_list(value, arg=None, autoescape=True):
    return mark_safe(lists.or_list(_items(value, arg, autoescape)))


@register.simple_tag
def comma():
    """``{% for x in xs %}…{% if not forloop.last %}{% comma %}{% endif %}{% endfor %}``: ", " or "، " or "，"."""
    return lists.comma()


@register.simple_tag
def semicolon():
    """``{% if not forloop.first %}{% semicolon %}{% endif %}``: "; " or "؛ " or "；", between entries that carry commas."""
    return lists.semicolon()
