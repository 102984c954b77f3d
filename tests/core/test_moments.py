"""A moment shown to staff says it is UTC: "2026-12-07 17:00" with nothing after it read as the reader's own clock,
so a 24-hour deadline looked eight hours later to a colleague in San Francisco. One home:
``core/templatetags/moments.py``."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

SOURCE = Path(__file__).resolve().parents[2] / "src" / "rightsdesk"
DUE = datetime(2026, 12, 7, 17, 0, tzinfo=dt_timezone.utc)
DUE_IN_BERLIN = DUE.astimezone(dt_timezone(timedelta(hours=1)))


def render(text: str, **context) -> str:
    return Template("{% load moments %}" + text).render(Context(context))


@pytest.mark.parametrize("template, value, shown", [
    ("{{ at|moment_text }}", DUE, "2026-12-07 17:00 UTC"),
    ("{{ at|moment_text }}", DUE_IN_BERLIN, "2026-12-07 17:00 UTC"),  # the same moment, told in UTC
    ("{{ at|moment }}", DUE,
     '<time datetime="2026-12-07T17:00:00+00:00" dir="ltr" data-moment>2026-12-07 17:00 UTC</time>'),
    ('{{ at|moment|default:"—" }}', None, "—"),
    ('{{ at|moment_text|default:"—" }}', None, "—"),
])
def test_a_moment_is_written_in_utc_and_says_so(template, value, shown):
    assert render(template, at=value) == shown


def test_in_arabic_the_moment_keeps_its_digits_and_order():
    with translation.override("ar"):
        assert render("{{ at|moment }}", at=DUE).endswith('dir="ltr" data-moment>2026-12-07 17:00 UTC</time>')


@pytest.mark.parametrize("language, text", [
    ("en", "2026-12-07 17:00 UTC"),
    ("fr", "2026-12-07 17:00 UTC"),
    # Inside an Arabic or Urdu sentence the bidirectional algorithm read it "UTC 17:00 07-12-2026": isolated (LRI … PDI)
    ("ar", "\u20662026-12-07 17:00 UTC\u2069"),
    ("ur", "\u20662026-12-07 17:00 UTC\u2069"),
])
def test_a_moment_in_a_sentence_keeps_its_order_in_right_to_left_languages(language, text):
    from rightsdesk.core.moments import moment_text

    with translation.override(language):
        assert moment_text(DUE) == text


def test_no_template_writes_a_time_of_day_without_saying_it_is_utc():
    """A date and time formatted in a template ("Y-m-d H:i") is a moment without its zone: use |moment."""
    found = []
    for template in SOURCE.glob("*/templates/**/*.html"):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""date:["']Y-m-d H:i""", line):
                found.append(f"{template.relative_to(SOURCE)}:{number}")
    assert found == []


@pytest.mark.parametrize("language, numbering", [("en", "latn"), ("ar", "latn"), ("ur", "latn"), ("fa", "arabext")])
def test_the_page_tells_its_scripts_which_digits_the_language_writes(client, language, numbering):
    """local-times.js writes the reader's own time with the digits the server writes (core.numerals.DIGITS)."""
    html = client.get(f"/{language}/").content.decode()
    assert f'data-numbering="{numbering}"' in html


def test_no_code_writes_a_moment_and_the_word_utc_by_hand():
    """An e-mail or a command that formats a moment itself and adds "UTC" prints the moment's own clock beside the
    word when it was stored with another offset: use core.moments.moment_text, which tells it in UTC."""
    found = []
    for module in SOURCE.rglob("*.py"):
        if module == SOURCE / "core" / "moments.py":
            continue  # the one home
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"%H:%M[^\"']*\}\s*UTC", line):
                found.append(f"{module.relative_to(SOURCE)}:{number}")
    assert found == []
