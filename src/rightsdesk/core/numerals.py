"""Digits in the reader's script: Persian pages and notices write ۰۱۲۳۴۵۶۷۸۹; every other language keeps 0-9.

Django's formats choose the order of day, month and year and the separators, but always write Western digits.
Persian readers expect Persian digits in running text, dates and figures, so for Persian:

- ``localize(text)`` rewrites the digits of a date or a figure (the notices' dates use it);
- ``LocalDigitsMiddleware`` rewrites the digits of the visible text of an HTML page, leaving alone what must stay
  as typed: tags and attributes, form fields, scripts and styles, code, isolated references (``<bdi>``,
  ``dir="ltr"``, ``translate="no"``) and any word with a Latin letter, a slash or an @ (references such as
  RD-2026-7KQ2M4P, URLs, e-mail addresses).

Arabic and Urdu keep Western digits: docs/translating.md says why. This module imports nothing of rightsdesk.
"""

from __future__ import annotations

import re

from django.utils.translation import get_language

#: Languages whose readers expect their own digits, and those digits.
DIGITS = {"fa": "۰۱۲۳۴۵۶۷۸۹"}
#: The Unicode (CLDR) names of those digits, for what the browser writes itself (``Intl``: rightsdesk/local-times.js).
_CLDR_NAMES = {"۰۱۲۳۴۵۶۷۸۹": "arabext", "٠١٢٣٤٥٦٧٨٩": "arab"}
_WESTERN = "0123456789"
_KEEP_TOKEN = re.compile(r"[A-Za-z/@_\\]")
_TOKEN = re.compile(r"\S+")
#: Elements whose text is never rewritten (their content is data, code or a reference kept as typed).
_SKIP = {"script", "style", "textarea", "code", "pre", "kbd", "samp", "bdi", "option", "title"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|<!--.*?-->", re.S)
_LTR = re.compile(r"""\b(dir\s*=\s*["']?ltr|translate\s*=\s*["']?no)""", re.I)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def table(language: str | None = None):
    digits = DIGITS.get((language or get_language() or "").split("-")[0])
    return str.maketrans(_WESTERN, digits) if digits else None


def numbering_system(language: str | None = None) -> str:
    """The CLDR name of the language's digits ("arabext" for Persian, "latn" for 0-9), for the browser's ``Intl``."""
    digits = DIGITS.get((language or get_language() or "").split("-")[0])
    return _CLDR_NAMES[digits] if digits else "latn"


def localize(text: str, language: str | None = None) -> str:
    """``text`` with the language's own digits (unchanged for languages that write 0-9)."""
    digits = table(language)
    if not digits or not text:
        return text
    return _TOKEN.sub(lambda m: m.group(0) if _KEEP_TOKEN.search(m.group(0)) else m.group(0).translate(digits), text)


def localize_html(html: str, language: str | None = None) -> str:
    """The visible text of an HTML document with the language's digits; markup and kept elements untouched."""
    digits = table(language)
    if not digits:
        return html
    out, last, stack = [], 0, []  # stack: (tag, skipped) of the open elements we track
    for match in _TAG.finditer(html):
        text = html[last:match.start()]
        out.append(text if any(skip for _t, skip in stack) else localize(text, language))
        out.append(match.group(0))
        last = match.end()
        closing, name, attrs = match.group(1), (match.group(2) or "").lower(), match.group(3) or ""
        if not name or name in _VOID or attrs.rstrip().endswith("/"):
            continue
        if closing:
            while stack:
                tag, _skip = stack.pop()
                if tag == name:
                    break
        else:
            stack.append((name, name in _SKIP or bool(_LTR.search(attrs))))
    tail = html[last:]
    out.append(tail if any(skip for _t, skip in stack) else localize(tail, language))
    return "".join(out)


class LocalDigitsMiddleware:
    """Persian digits in the visible text of HTML pages served in Persian (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (table() is None or response.streaming or "text/html" not in response.get("Content-Type", "")
                or response.get("Content-Encoding")):
            return response
        charset = response.charset or "utf-8"
        response.content = localize_html(response.content.decode(charset), get_language()).encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
