"""Which of our languages we write to someone in, whatever way their language code was written."""

from __future__ import annotations

import pytest

from rightsdesk.core.languages import supported


@pytest.mark.parametrize("given, expected", [
    ("zh_Hans", "zh-hans"),  # gettext's spelling
    ("zh-Hans", "zh-hans"),  # BCP 47's
    ("PT-BR", "pt-br"),
    ("pt_BR", "pt-br"),
    ("AR", "ar"),
    ("ar-EG", "ar"),  # a region means its language
    ("fr-CA", "fr"),
    ("de", "de"),
    ("ja", "en"),  # not offered: English
    ("", "en"),
    ("  ", "en"),
])
def test_a_language_code_means_the_language_we_offer(given, expected):
    assert supported(given) == expected


def test_the_first_candidate_we_offer_wins_the_rest_are_fallbacks():
    assert supported("ja", "", "fr") == "fr"
    assert supported("ru", "fr") == "ru"
    assert supported() == "en"


def test_a_language_offered_only_in_one_variant_is_found_from_its_base(settings):
    settings.LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "pt-br"] + [("pt-br", "Português")]
    assert supported("pt") == supported("pt_PT") == "pt-br"
    settings.LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "pt-br"]
    assert supported("pt_PT") == "en"
