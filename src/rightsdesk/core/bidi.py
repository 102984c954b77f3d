"""Plain text kept in its own direction inside a right-to-left language: the Unicode isolates.

"RD-2026-7KQ2M4P", "2026-12-07 17:00 UTC" or "17 U.S.C. 512(c)(3)" inside an Arabic sentence are reordered by the
bidirectional algorithm (the digits, dashes and brackets take the direction of the Arabic around them) unless they
are isolated. In HTML that is ``<bdi>`` (``core/templatetags/bidi.py``); in plain text (a page title, a message, an
e-mail) the isolates LRI … PDI or FSI … PDI, written here. Imports nothing of rightsdesk.
"""

from __future__ import annotations

from django.utils.translation import get_language_bidi

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
#: Every invisible mark of direction (LRM, RLM, ALM, the embeddings and overrides, the isolates): what a link copied
#: out of a right-to-left sentence may carry at its end (``core.middleware.StrayMarksMiddleware``).
BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def ltr_text(value) -> str:
    """Plain text kept left to right (a reference, a moment, a figure with its sign): wrapped in LRI … PDI in a
    right-to-left language, as is otherwise."""
    text = str(value if value is not None else "")
    return f"{LRI}{text}{PDI}" if text and get_language_bidi() else text


def isolated_text(value) -> str:
    """Plain text whose direction is its own (a law citation, a title, in any script): wrapped in FSI … PDI in a
    right-to-left language, so "17 U.S.C. 512(c)(3)" or an English title keeps its order inside Arabic, Persian or
    Urdu text (the e-mails' equivalent of ``<bdi>``); as is otherwise."""
    text = str(value if value is not None else "")
    return f"{FSI}{text}{PDI}" if text and get_language_bidi() else text


def url_text(url) -> str:
    """An address (a URL) inside a plain-text sentence, as every e-mail writes it: in a right-to-left language kept
    left to right in LRI … PDI with a space between the address and each mark ("⁦ https://… ⁩"); as is otherwise.

    A mail program makes a link of an address from its scheme up to the first space, and some only start one after
    a space or at the start of a line. With a mark touching the address the link carried it ("%E2%81%A9" at its end)
    and the site answered "not found" (ours mends that, ``core.middleware.StrayMarksMiddleware``; another site, such
    as the item a notice names, does not). The spaces keep the marks out of the link; the isolate still keeps the
    address in its own order in the sentence ("/" and digits at its end stay at its end). An address alone on its
    line (a receipt's tracking link) needs no isolate and is written bare."""
    text = str(url if url is not None else "")
    return f"{LRI} {text} {PDI}" if text and get_language_bidi() else text
