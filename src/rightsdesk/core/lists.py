"""Lists in words, in the reader's language: "A, B and C", "أ وب وج", "A、B和C". One home.

A list shown to people (what a case lacks, the countries a decision covers, the rights at stake, the choices a
refusal offers) is joined by the language's own rule, not by a comma or semicolon written in the code: Arabic,
Persian and Urdu use "،" and their own "and", Chinese "、", and every language puts its "and" or "or" before the
last item its own way. The rules are CLDR's list patterns, through Babel (``babel.lists.format_list``), rather
than separators in every translation catalogue.

Codes and values as typed named in a sentence (unknown country codes, references no case has, the values a field
takes) are items too: ``isolated=True`` keeps each in its own direction (FSI … PDI, the plain text's ``<bdi>``, in
every language: "XX" or "RD-2026-…" keep their order among Arabic words, an Arabic name typed among codes in an
English sentence its own). What is meant for machines
(an API's message, a command's output) or is a form's own comma-separated value is not joined here.

The language is the active one (``django.utils.translation``), or ``language`` when given (a notice written in the
recipient's language). A language Babel does not know (the pseudo-locale) is joined as English.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from django.utils.translation import get_language, to_locale

from rightsdesk.core.bidi import FSI, PDI

AND, OR = "standard", "or"


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _words(items: Iterable) -> list[str]:
    """The items shown, as text: ``None`` and empty items are left out."""
    return [str(item) for item in items if item is not None and str(item) != ""]


def _join(items: Iterable, style: str, language: str | None, isolated: bool = False) -> str:
    words = [f"{FSI}{word}{PDI}" for word in _words(items)] if isolated else _words(items)
    if not words:
        return ""
    return format_list(words, style=style, locale=_locale(language or get_language() or "en"))


def and_list(items: Iterable, language: str | None = None, *, isolated: bool = False) -> str:
    """ "A, B and C" in the language: every item holds (what is missing, the countries a decision covers).
    ``isolated``: each item, a code or value as typed, kept in its own direction (the unknown codes a refusal names)."""
    return _join(items, AND, language, isolated)


def or_list(items: Iterable, language: str | None = None, *, isolated: bool = False) -> str:
    """ "A, B or C" in the language: one of the items (the choices a refusal offers, a law's other names).
    ``isolated``: each item, a code or value, kept in its own direction ("use one of BY, BE or BW")."""
    return _join(items, OR, language, isolated)


# --- Separated entries: what CLDR's list patterns do not give ------------------------------------------------------

#: The punctuation between entries that are not items of a sentence: "label: figure" pairs in a chart's text
#: alternative, which may hold commas themselves, and a series of figures. Latin punctuation elsewhere; the Arabic
#: semicolon and comma in the Arabic-script languages, the full-width forms in Chinese (CLDR's delimiters data has
#: no semicolon, and its list patterns join with "and").
SEMICOLONS = {"ar": "؛ ", "fa": "؛ ", "ur": "؛ ", "zh": "；"}
COMMAS = {"ar": "، ", "fa": "، ", "ur": "، ", "zh": "，"}


def _script_of(language: str | None) -> str:
    return (language or get_language() or "en").split("-")[0].split("_")[0].lower()


def semicolon(language: str | None = None) -> str:
    """The language's semicolon and space ("; ", "؛ ", "；"), between entries a page writes one by one."""
    return SEMICOLONS.get(_script_of(language), "; ")


def semicolon_list(items: Iterable, language: str | None = None) -> str:
    """ "Germany: 12; France: 3" in the language's punctuation ("ألمانيا: 12؛ فرنسا: 3"): entries read one by one."""
    return semicolon(language).join(_words(items))


def comma(language: str | None = None) -> str:
    """The language's comma and space (", ", "، ", "，"), between entries a page lists one by one (links)."""
    return COMMAS.get(_script_of(language), ", ")


def comma_list(items: Iterable, language: str | None = None) -> str:
    """ "12, 15, 9" in the language's punctuation ("12، 15، 9"): a series of figures, no "and"."""
    return comma(language).join(_words(items))


# --- Quoted words: the language's quotation marks ------------------------------------------------------------------

#: The quotation marks of each language, as its translations write them (CLDR's delimiters, which Babel does not
#: ship): guillemets in Arabic, Persian, French, Spanish, Russian and Ukrainian (French with a no-break space
#: inside), German's low-high pair, English's curly quotes elsewhere. In a right-to-left page “…” is drawn the wrong
#: way round (the marks are not mirrored); « » read right in either direction.
QUOTES = {"ar": ("«", "»"), "fa": ("«", "»"), "fr": ("«\u00a0", "\u00a0»"), "es": ("«", "»"), "ru": ("«", "»"),
          "uk": ("«", "»"), "de": ("„", "“")}
ENGLISH_QUOTES = ("“", "”")


def quotes(language: str | None = None) -> tuple[str, str]:
    """The language's opening and closing quotation marks ("“", "”"; "«", "»"; "„", "“")."""
    return QUOTES.get(_script_of(language), ENGLISH_QUOTES)


def quoted(text, language: str | None = None) -> str:
    """``text`` between the language's quotation marks: a checklist question named in a refusal, a permission's name
    ("“Decide on a case”", "«البت في قضية»", "„Einen Fall entscheiden“")."""
    opening, closing = quotes(language)
    return f"{opening}{text}{closing}"
