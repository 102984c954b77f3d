"""Alphabetical order as the reader's language has it. One home.

Sorting names with Python's ``sorted`` orders them by code point: "Österreich" after "Zypern", Arabic and Chinese
names in an order no reader knows. Every language has its own order, and CLDR describes it: Turkish puts "Ç" after
"C" and "Ş" after "S", Persian "و" before "ه", Chinese in the pinyin order of its characters, German "Ö" with "O".
ICU implements CLDR's collations; PyICU is its Python binding (installed as the ``pyicu-wheels`` package, PyICU
built with the ICU libraries inside, since PyICU itself publishes no wheels: README, "Libraries we chose").

The language is the active one (``django.utils.translation``), or ``language`` when given. A language ICU does not
know (the pseudo-locale) is ordered by CLDR's root collation, which is the order shared by most languages.
"""

from __future__ import annotations

from collections.abc import Callable

import icu
from django.utils.translation import get_language, to_locale


def sort_key(language: str | None = None) -> Callable[[str], bytes]:
    """A ``key=`` for ``sorted`` that orders texts as ``language`` (default: the active language) does.

    A new collator each call: ICU collators are not shared between threads here, and a caller sorting a list calls
    this once.
    """
    collator = icu.Collator.createInstance(icu.Locale(to_locale(language or get_language() or "en")))
    return lambda text: collator.getSortKey(str(text))
