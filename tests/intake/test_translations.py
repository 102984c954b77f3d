"""Every intake string is translated into Arabic, Spanish, French and Simplified Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

import rightsdesk.intake
from rightsdesk.intake.kinds import FIELDS, SPECS

LOCALE = Path(rightsdesk.intake.__file__).parent / "locale"


@pytest.mark.parametrize("lang", ["ar", "es", "fr", "zh_Hans"])
def test_the_catalogue_has_no_untranslated_or_fuzzy_entry(lang):
    po = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert (LOCALE / lang / "LC_MESSAGES" / "django.mo").exists()
    entries = [e for e in po.split("\n\n")[1:] if "msgid" in e and not e.lstrip().startswith("#~")]  # not obsolete ones
    assert len(entries) > 200
    for entry in entries:
        assert "#, fuzzy" not in entry, entry
        msgstr_lines = [line for line in entry.splitlines() if line.startswith("msgstr")]
        assert msgstr_lines and all(line not in ('msgstr ""', 'msgstr[0] ""') for line in msgstr_lines), entry


@pytest.mark.parametrize("lang, word", [("ar", "طلب"), ("es", "solicitud"), ("fr", "demande"), ("zh-hans", "请求")])
def test_form_titles_and_labels_are_translated_at_run_time(lang, word):
    with translation.override(lang):
        titles = " ".join(str(spec.title) + str(spec.summary) for spec in SPECS.values())
        assert word in titles
        assert str(FIELDS["description"].label) != "Explain your request"
