"""``{{ text|marks_isolated }}``: a published text with each redaction mark ([NAME], [EMAIL], …) kept apart.

The marks are Latin words in brackets inside texts in any script. Inside Arabic, Persian or Urdu text that begins
with one ("[NAME] يطلب حذف صورته."), the mark's Latin letters were the first strong characters, so ``dir="auto"``
(the request, the reasons) and ``<bdi>`` (a title in the log) took the whole text for left to right: the sentence
stood at the wrong edge with its full stop at the wrong end. Each mark is isolated left to right
(``core``'s ``ltr``: ``<bdi dir="ltr">``), which the direction of the text around it then ignores, as a reference
is. The marks are the redactor's own (``privacy.redaction.placeholder`` of each of its ``TYPES``).

Every published text a page shows goes through this filter (notice_content.html, log_list.html, and the placeholder
page of a removed item, notices/public/placeholder.html: notices builds on transparency, docs/architecture.md); the
texts are escaped first.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from rightsdesk.core.templatetags.bidi import ltr
from rightsdesk.privacy.redaction import TYPES, placeholder

register = template.Library()

MARK = re.compile("|".join(re.escape(placeholder(kind)) for kind in TYPES))


@register.filter(needs_autoescape=True)
def marks_isolated(value, autoescape=True) -> str:
    text = conditional_escape(value) if autoescape else str(value)
    return mark_safe(MARK.sub(lambda found: ltr(found.group(0)), str(text)))
