"""Lists shown to people are joined by the reader's language (core.lists, CLDR's patterns through Babel)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from rightsdesk.core.languages import LANGUAGES
from rightsdesk.core.lists import and_list, comma_list, or_list, semicolon_list


@pytest.mark.parametrize("language, three, two_or", [
    ("en", "A, B, and C", "A or B"),
    ("ar", "A وB وC", "A أو B"),   # Arabic: its own "and", joined to the next word
    ("fa", "A،\u200f B، و C", "A یا B"),  # Persian: the Arabic comma, kept right to left by a mark
    ("ur", "A، B، اور C", "A یا B"),
    ("zh-hans", "A、B和C", "A或B"),  # Chinese: the enumeration comma, no spaces
    ("fr", "A, B et C", "A ou B"),
    ("de", "A, B und C", "A oder B"),
])
def test_a_list_is_joined_by_the_active_languages_own_rule(language, three, two_or):
    with translation.override(language):
        assert and_list(["A", "B", "C"]) == three
        assert or_list(["A", "B"]) == two_or


@pytest.mark.parametrize("code", [language.code for language in LANGUAGES])
def test_every_interface_language_has_its_own_list_rule(code):
    """No shipped language falls back to English commas (Babel knows each, with both patterns)."""
    with translation.override(code):
        joined = and_list(["A", "B", "C"])
        either = or_list(["A", "B"])
    assert joined.startswith("A") and joined.endswith("C") and "B" in joined
    assert either.startswith("A") and either.endswith("B")
    if code != "en":
        assert (joined, either) != ("A, B, and C", "A or B"), code


@pytest.mark.parametrize("items, joined", [
    ([], ""),
    (["A"], "A"),
    (["A", "", None, "B"], "A and B"),  # empty values are not listed
    (iter(["A", "B"]), "A and B"),  # any iterable, once
])
def test_a_short_or_gappy_list(items, joined):
    with translation.override("en"):
        assert and_list(items) == joined


def test_a_language_named_by_the_caller_wins_over_the_active_one():
    """A notice in the recipient's language, written while the staff member's language is active."""
    with translation.override("en"):
        assert and_list(["A", "B"], language="ar") == "A وB"


def test_a_language_babel_does_not_know_is_joined_as_english():
    with translation.override("en-xa"):  # the pseudo-locale
        assert and_list(["A", "B"]) == "A and B"


@pytest.mark.parametrize("source, language, html", [
    ("{{ items|and_list }}", "en", "&lt;b&gt;, R&amp;D, and C"),  # each item escaped
    ("{{ items|and_list }}", "ar", "&lt;b&gt; وR&amp;D وC"),
    ('{{ items|and_list:"bdi" }}', "ar", "<bdi>&lt;b&gt;</bdi> و<bdi>R&amp;D</bdi> و<bdi>C</bdi>"),
    ('{{ items|or_list:"bdi" }}', "en", "<bdi>&lt;b&gt;</bdi>, <bdi>R&amp;D</bdi>, or <bdi>C</bdi>"),
    # Addresses as typed, isolated left to right; a site's host also kept on one line (the bidi "whole" filter).
    ('{{ items|and_list:"ltr" }}', "ar",
     '<bdi dir="ltr">&lt;b&gt;</bdi> و<bdi dir="ltr">R&amp;D</bdi> و<bdi dir="ltr">C</bdi>'),
    ('{{ items|and_list:"whole" }}', "fa", '<bdi dir="ltr" class="whole">&lt;b&gt;</bdi>،\u200f '
     '<bdi dir="ltr" class="whole">R&amp;D</bdi>، و <bdi dir="ltr" class="whole">C</bdi>'),
    ('{{ none|and_list|default:"—" }}', "en", "—"),
])
def test_the_template_filters_escape_each_item_and_join_in_the_pages_language(source, language, html):
    with translation.override(language):
        rendered = Template("{% load lists %}" + source).render(Context({"items": ["<b>", "R&D", "C"], "none": None}))
    assert rendered == html


def test_pluck_joins_one_field_of_each_record():
    """The human-rights report's crises hold countries as records ({"code", "name"}); their names are joined."""
    records = [{"code": "SY", "name": "Syria"}, {"code": "TR", "name": "Türkiye"}]
    with translation.override("en"):
        rendered = Template('{% load lists %}{{ records|pluck:"name"|and_list }}').render(Context({"records": records}))
    assert rendered == "Syria and Türkiye"


@pytest.mark.parametrize("language, entries, series", [
    ("en", "Germany: 12; France: 3", "12, 15, 9"),
    ("fr", "Germany: 12; France: 3", "12, 15, 9"),
    ("ar", "Germany: 12؛ France: 3", "12، 15، 9"),    # the Arabic semicolon and comma
    ("fa", "Germany: 12؛ France: 3", "12، 15، 9"),
    ("ur", "Germany: 12؛ France: 3", "12، 15، 9"),
    ("zh-hans", "Germany: 12；France: 3", "12，15，9"),  # full-width, no space
])
def test_entries_and_series_are_separated_by_the_languages_punctuation(language, entries, series):
    """A chart's text alternative reads "label: figure" entries, which may hold commas, then a series of figures:
    CLDR's list patterns would put an "and" in them, so these have their own punctuation table."""
    with translation.override(language):
        assert semicolon_list(["Germany: 12", "France: 3"]) == entries
        assert comma_list([12, 15, 9]) == series
    assert semicolon_list(["a", None, "", "b"], language="en") == "a; b"


@pytest.mark.parametrize("language, shown", [
    ("en", '<a href="#1">RD-1</a>, <a href="#2">RD-2</a>'),
    ("ar", '<a href="#1">RD-1</a>، <a href="#2">RD-2</a>'),  # the Arabic comma between links a loop writes
    ("zh-hans", '<a href="#1">RD-1</a>，<a href="#2">RD-2</a>'),
])
def test_a_loop_of_links_is_separated_by_the_languages_comma(language, shown):
    template = Template('{% load lists %}{% for n in refs %}<a href="#{{ n }}">RD-{{ n }}</a>'
                        '{% if not forloop.last %}{% comma %}{% endif %}{% endfor %}')
    with translation.override(language):
        assert template.render(Context({"refs": [1, 2]})) == shown
