"""Left-to-right isolation of codes (case and appeal references) inside right-to-left pages.

"RD-2026-7KQ2M4P" in an Arabic heading is reordered by the bidirectional algorithm (the dashes and digits
take the direction of the Arabic around them) unless it is isolated: in HTML with ``<bdi dir="ltr">``, in the
page title (plain text) with the Unicode isolates LRI … PDI (``core.bidi``).
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from rightsdesk.core.bidi import isolated_text, ltr_text
from rightsdesk.core.dates import date_pattern
from rightsdesk.core.mailrefs import references_marked

register = template.Library()
#: The plain-text isolation of core.bidi, for templates (the page title).
register.filter("ltr_text", ltr_text)
register.filter("isolated_text", isolated_text)
#: ``{% date_pattern as pattern %}``: the form of a day to type, for a message that shows it (core.dates).
register.simple_tag(date_pattern, name="date_pattern")


@register.filter
def ltr(value) -> str:
    """``<bdi dir="ltr" class="ref">value</bdi>``: a reference kept left to right and apart from the text around it."""
    return format_html('<bdi dir="ltr" class="ref">{}</bdi>', value)


@register.filter
def isolated(value) -> str:
    """``<bdi>value</bdi>``: words of their own direction (a name, an address, in any script) set apart from the
    translated sentence around them, so a sentence written ``hide “{{ words }}”`` keeps its marks and order in
    Arabic as in English."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def whole(value) -> str:
    """``<bdi dir="ltr" class="whole">value</bdi>``: a code in running text (a site's host, a day), kept left to right,
    apart from the text around it, and on one line: "2026-12-05" broke at its hyphen in an Arabic heading."""
    return format_html('<bdi dir="ltr" class="whole">{}</bdi>', value)


@register.filter
def references_kept(value) -> str:
    """Words (an e-mail's subject) with each case reference in them ``|ltr``: "رد: [RD-2026-7KQ2M4P] …" broke the
    reference at its hyphens, the Arabic around it deciding where the line ends. The rest is escaped."""
    return mark_safe(references_marked(conditional_escape(value if value is not None else ""), ltr))
