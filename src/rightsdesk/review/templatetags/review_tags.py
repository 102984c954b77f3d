from django import template
from django.utils.html import format_html, format_html_join

from rightsdesk.cases import choices as c
from rightsdesk.cases.services import TITLE_SEPARATOR, display_title, display_title_parts
from rightsdesk.core.templatetags.bidi import whole
from rightsdesk.review.vocab import data_field_labels

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


@register.filter
def case_heading(case) -> str:
    """The case's title as the queue and its page's heading show it: the kind isolated (``<bdi>``), the site and the day each a code
    (``bidi.whole``). Side by side, "ar.wikipedia.org · 2026-12-05" was one left-to-right run to the bidirectional
    algorithm, so an Arabic reader met the day before the site, and the day broke at its hyphen; after an Arabic kind
    ("طعن في RD-…", no site) the day's numbers were laid out right to left: 2026-03-02 read 02-03-2026."""
    first, *codes = display_title_parts(case)
    return format_html_join(TITLE_SEPARATOR, "{}", [(format_html("<bdi>{}</bdi>", first),),
                                                    *((whole(code),) for code in codes)])


@register.filter
def data_fields(codes) -> list[str]:
    """``{{ item.disclosed_fields|data_fields|and_list }}``: the disclosed fields in words (review.vocab)."""
    return data_field_labels(codes)
