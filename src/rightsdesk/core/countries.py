"""A country field whose validation costs a set look-up, not a walk of the country list.

django-countries validates a code the way Django validates any field with
choices: by iterating the choices, which for countries means rebuilding the
whole (translated, sorted) list of ~250 names for every value checked. At bulk
intake that was a quarter of the cost of a notice (docs/performance.md). This
field checks a known code against a cached set of codes and hands anything
else to the library's own validation, so errors read exactly as before.

The set is built once per country list, as the library builds its own list
once (``COUNTRIES_ONLY`` and friends are read at start-up). In migrations the
field is the library's (see :meth:`CountryField.deconstruct`): it stores the
same column, so swapping it in needs no migration.

:func:`in_readers_order` is every list of countries a person chooses from (the public forms, the staff's forms and
filters): django-countries sorts its names by their ASCII letters only (it collates properly only with pyuca, which
we do not install), so an Arabic, Persian, Russian or Chinese list stayed in the English order.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils import translation
from django_countries import countries as _countries
from django_countries.fields import CountryField as LibraryCountryField

from .collation import sort_key

_codes: dict[int, frozenset[str]] = {}


def known_codes(countries) -> frozenset[str]:
    """The codes of a django-countries ``Countries`` instance (the settings decide which exist)."""
    key = id(countries)
    if key not in _codes:
        _codes[key] = frozenset(code for code, _name in countries)
    return _codes[key]


def in_readers_order(language: str | None = None) -> list[tuple[str, str]]:
    """The countries as (code, name), named and sorted as the reader's language does (``core.collation``).

    ``language`` defaults to the active one. Names are trimmed: one of django-countries' Chinese names begins with a
    space, which put it first.
    """
    return list(_in_order(language or translation.get_language() or "en"))


@lru_cache(maxsize=64)
def _in_order(language: str) -> tuple[tuple[str, str], ...]:
    with translation.override(language):
        named = [(code, str(name).strip()) for code, name in _countries]
    key = sort_key(language)
    return tuple(sorted(named, key=lambda pair: key(pair[1])))


class CountryField(LibraryCountryField):
    def validate(self, value, model_instance):
        code = getattr(value, "code", value)
        if not self.multiple and self.editable and isinstance(code, str) and code in known_codes(self.countries):
            return  # a known code passes the choices check, and being non-empty, the null and blank checks
        super().validate(value, model_instance)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django_countries.fields.CountryField", args, kwargs
