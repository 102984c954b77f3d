"""Country names in the reader's language: django-countries' own catalogues, and for the languages it lacks (Urdu,
Hindi, Turkish, Indonesian, Swahili) ours, generated from CLDR by tools/country_names.py."""

from __future__ import annotations

import pytest
from django.utils import translation
from django_countries import countries


@pytest.mark.parametrize("lang,germany", [("ru", "Германия"), ("ar", "ألمانيا"), ("fa", "آلمان"), ("ur", "جرمنی"),
                                          ("hi", "जर्मनी"), ("tr", "Almanya"), ("id", "Jerman"), ("sw", "Ujerumani"),
                                          ("de", "Deutschland"), ("pt-br", "Alemanha"), ("uk", "Німеччина")])
def test_country_names_are_in_the_readers_language(lang, germany):
    with translation.override(lang):
        assert str(countries.name("DE")) == germany
