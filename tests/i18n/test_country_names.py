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


@pytest.mark.parametrize("lang,kosovo", [("en", "Kosovo"), ("ar", "كوسوفو"), ("zh-hans", "科索沃"), ("ru", "Косово"),
                                         ("tr", "Kosova"), ("fa", "کوزوو"), ("ur", "کوسووو"), ("hi", "कोसोवो"),
                                         ("uk", "Косово"), ("es", "Kosovo")])
def test_kosovo_the_user_assigned_code_xk_is_a_country_named_in_the_readers_language(lang, kosovo):
    from rightsdesk.core.country_codes import USER_ASSIGNED, country_code

    assert country_code(" xk ") == "XK" and "XK" in USER_ASSIGNED
    assert "XK" in dict(countries)  # so every form's country list offers it
    with translation.override(lang):
        assert str(countries.name("XK")) == kosovo


def test_there_is_one_country_rule():
    """Every country check imports core.country_codes; no module keeps its own list of codes."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "rightsdesk"
    copies = [str(p.relative_to(src)) for p in src.rglob("*.py")
              if "django_countries.data" in p.read_text(encoding="utf-8")
              or "in dict(countries)" in p.read_text(encoding="utf-8")
              or "countries.alpha2(" in p.read_text(encoding="utf-8")
              or "in dict(all_countries)" in p.read_text(encoding="utf-8")]
    assert copies == []
