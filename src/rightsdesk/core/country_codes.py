"""The one rule for country codes: ISO 3166-1 alpha-2, plus the user-assigned codes in real use.

ISO 3166-1 leaves some codes to its users (AA, QM–QZ, XA–XZ, ZZ). One of them is used by everyone who reports on
requests from the Balkans: ``XK``, Kosovo, which the European Commission, the EU's statement-of-reasons database,
the IMF, SWIFT, Unicode's CLDR and Wikimedia's transparency report all use while ISO has no code for it. A request
from Kosovo must be recorded as coming from Kosovo, not refused or filed under "not known".

:data:`USER_ASSIGNED` lists the user-assigned codes rightsdesk accepts (only XK: the others have no common
meaning); ``settings.COUNTRIES_OVERRIDE`` adds them to django-countries, so every form's country list, every
CountryField and every country name on a page knows them, named in the reader's language (the core app's
catalogues translate them, from CLDR). :func:`country_code` is the check the import, the public forms, the API and
the staff's per-item decisions call; nothing else keeps a list of countries.

This module imports only Django's translation helpers at load time, so settings.py can import it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

#: User-assigned codes accepted as countries (code -> name). docs/data-model.md, "Countries", says why.
USER_ASSIGNED = {
    "XK": _("Kosovo"),
}


class InvalidCountry(ValueError):
    """Not a code rightsdesk knows; the message says what to write instead."""


#: django-countries' list and ``countries.known_codes``, imported at the first call (settings.py imports this module
#: before either can be); an import statement in the function cost a bulk intake 2 % of its time (a notice each).
_imported: tuple = ()


def known_country_codes() -> frozenset[str]:
    """Every code accepted: django-countries' ISO 3166-1 list with the user-assigned codes (COUNTRIES_OVERRIDE)."""
    global _imported
    if not _imported:
        from django_countries import countries

        from .countries import known_codes

        _imported = (countries, known_codes)
    countries, known_codes = _imported
    return known_codes(countries)


def is_country_code(value: str) -> bool:
    return (value or "").strip().upper() in known_country_codes()


def country_code(value: str) -> str:
    """``value`` as a stored code (upper case, "" for blank); :class:`InvalidCountry` if it is no known country."""
    code = (value or "").strip().upper()
    if code and code not in known_country_codes():
        raise InvalidCountry(f"{code!r} is not a country code: use ISO 3166-1 alpha-2 (two letters, e.g. DE) "
                             f"or XK for Kosovo")
    return code
