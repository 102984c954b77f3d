"""In a right-to-left translation, a date or a period written in digits keeps its order.

After Arabic, Persian or Urdu words, the bidirectional algorithm reads the digits of "2025-07-01" as Arabic numbers
and the hyphens between them as neutral, so a reader saw "01-07-2025" in the example of how to write a date: the
opposite of what the form takes. Each such figure is isolated (LRI … PDI, invisible; ``core.bidi``), or written in an
element marked ``dir="ltr"``.
"""

from __future__ import annotations

import re

import polib
import pytest

from rightsdesk.core import languages
from rightsdesk.core.bidi import LRI, PDI

from .catalogues import apps_with_catalogues, catalogue

#: A day, a month or a half-year in digits (2025-07-01, 2025-07, 2025-H1), or a range of them (a..b).
FIGURE = re.compile(r"\d{4}-(?:\d{2}-\d{2}|H[12]|\d{2})(?:\.\.\d{4}-(?:\d{2}-\d{2}|H[12]|\d{2}))?")

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
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_the_public_logs_date_example_reads_in_order_in_arabic(client):
    page = client.get("/ar/notices/", {"date_from": "2026-1-1"}).content.decode()
    assert f"{LRI}2025-07-01{PDI}" in page
