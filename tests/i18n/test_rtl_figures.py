"""In a right-to-left translation, a date or a period written in digits, or a web address, keeps its order.

After Arabic, Persian or Urdu words, the bidirectional algorithm reads the digits of "2025-07-01" as Arabic numbers
and the hyphens between them as neutral, so a reader saw "01-07-2025" in the example of how to write a date: the
opposite of what the form takes. Each such figure is isolated (LRI … PDI, invisible; ``core.bidi``), or written in an
element marked ``dir="ltr"``. A web address written in a translation ("like https://en.wikipedia.org/wiki/Example",
"starting with https://") is isolated the same way: after Arabic words its slashes and colon took the sentence's
direction ("//:https"), and a typed address shown in a message (``%(url)s``) is isolated by the code that fills it in.
"""

from __future__ import annotations

import re

import polib
import pytest

from rightsdesk.core import languages
from rightsdesk.core.bidi import FSI, LRI, PDI

from .catalogues import apps_with_catalogues, catalogue

#: A day, a month or a half-year in digits (2025-07-01, 2025-07, 2025-H1), or a range of them (a..b).
FIGURE = re.compile(r"\d{4}-(?:\d{2}-\d{2}|H[12]|\d{2})(?:\.\.\d{4}-(?:\d{2}-\d{2}|H[12]|\d{2}))?")

#: A web address, up to a space, a quotation mark, a tag or an isolate.
ADDRESS = re.compile(r"https?://[^\s«»\"'<>\u2066-\u2069]*")

RTL = [language for language in languages.LANGUAGES if language.rtl]


def bare_figures(text: str) -> list[str]:
    """The figures of ``text`` neither isolated nor at the start of an element (``<code dir="ltr">…``)."""
    bare = []
    for match in FIGURE.finditer(text):
        before, after = text[max(0, match.start() - 1):match.start()], text[match.end():match.end() + 1]
        if before in (LRI, ">", ".") or after == PDI:
            continue
        bare.append(match.group())
    return bare


def bare_addresses(text: str) -> list[str]:
    """The web addresses of ``text`` not isolated (LRI or FSI before, PDI after) nor the whole of an element (nor an
    attribute's value, which is not shown)."""
    bare = []
    for match in ADDRESS.finditer(text):
        address = match.group().rstrip(".,;:،؛۔\u200e\u200f")
        before, after = text[max(0, match.start() - 1):match.start()], text[match.start() + len(address):][:1]
        if ((before in (LRI, FSI) and after == PDI) or (before == ">" and after == "<")
                or text[max(0, match.start() - 2):match.start()] == '="'):
            continue
        bare.append(address)
    return bare


@pytest.mark.parametrize(("text", "bare"), [
    ("عنوان في كل سطر، مثل https://en.wikipedia.org/wiki/Example. ضع", ["https://en.wikipedia.org/wiki/Example"]),
    (f"مثل {LRI}https://en.wikipedia.org/wiki/Example{PDI}. ضع", []),
    ("يبدأ بـ https://\u200e أو http://\u200e.", ["https://", "http://"]),
    (f"يبدأ بـ {LRI}https://{PDI} أو {LRI}http://{PDI}.", []),
    ('<a href="https://example.org/">https://example.org/</a>', []),
])
def test_the_check_finds_a_bare_web_address(text, bare):
    assert bare_addresses(text) == bare


@pytest.mark.parametrize(("text", "bare"), [
    ("اكتبه بالشكل YYYY-MM-DD، مثل 2025-07-01.", ["2025-07-01"]),
    (f"اكتبه بالشكل YYYY-MM-DD، مثل {LRI}2025-07-01{PDI}.", []),
    ('مدى من الأيام (<code dir="ltr">2025-01-01..2025-03-31</code>)', []),
    ("اكتب نصف سنة (2025-H1 أو 2025-H2)", ["2025-H1", "2025-H2"]),
    ("RD-2026-7KQ2M4P", []),  # a reference is no date
])
def test_the_check_finds_a_bare_figure(text, bare):
    assert bare_figures(text) == bare


@pytest.mark.parametrize("language", RTL, ids=lambda language: language.code)
def test_no_date_or_period_in_digits_stands_bare_in_a_right_to_left_translation(language):
    found = []
    for app in apps_with_catalogues():
        path = catalogue(app, language.locale)
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid:
                continue
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                found += [f"{app}: {figure} in {text[:60]!r}" for figure in bare_figures(text)]
                found += [f"{app}: {address} in {text[:60]!r}" for address in bare_addresses(text)]
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_the_public_logs_date_example_reads_in_order_in_arabic(client):
    page = client.get("/ar/notices/", {"date_from": "2026-1-1"}).content.decode()
    assert f"{LRI}2025-07-01{PDI}" in page


@pytest.mark.parametrize("language", ["ar", "fa", "ur"])
def test_a_mistyped_web_address_is_isolated_in_the_right_to_left_message_that_names_it(language):
    """"«example.org/a-b» is not a full web address…": the typed value, in a sentence of the page's language, keeps
    its own direction (FSI … PDI: it may be written in any script)."""
    from django.utils import translation

    from rightsdesk.intake.validation import _check_url

    errors = []
    with translation.override(language):
        _check_url("urls", "example.org/a-b", errors)
    assert errors and f"{FSI}example.org/a-b{PDI}" in errors[0].message
