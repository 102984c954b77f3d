"""A shipped language is complete: no untranslated or fuzzy message, no placeholder that differs from the source.

Which languages are shipped, which are staff languages and which apps are public: rightsdesk.core.languages (one
line per language). A language whose catalogues are not complete must not be shipped; this test is what decides.
"""

from __future__ import annotations

import shutil

import polib
import pytest

from rightsdesk.core import languages

from .catalogues import SOURCE, catalogue, problems, public_apps, required, staff_apps

REQUIRED = required()


def test_the_public_and_staff_apps_are_named_and_have_catalogues():
    assert {"core", "intake", "notices", "appeals", "transparency", "reports"} <= set(public_apps())
    assert {"review", "accounts"} <= set(staff_apps())
    assert not set(public_apps()) & set(staff_apps())


def test_english_arabic_spanish_french_and_russian_are_staff_languages():
    staff = {language.code for language in languages.LANGUAGES if language.staff}
    assert {"en", "ar", "es", "fr", "ru"} <= staff


@pytest.mark.parametrize("app,locale", REQUIRED, ids=[f"{a}/{l}" for a, l in REQUIRED])
def test_every_shipped_language_is_complete(app, locale):
    found = problems(catalogue(app, locale))
    assert not found, f"{len(found)} messages of {app} in {locale} would show wrong:\n" + "\n".join(
        str(p) for p in found[:20])


def test_the_checker_reports_one_removed_translation(tmp_path):
    """Copy a complete catalogue, blank one translation and mark another fuzzy: both are reported, nothing else."""
    app, locale = "core", "ar"
    source = catalogue(app, locale)
    assert problems(source) == [], "the reference catalogue (core/ar) must be complete"
    copy = tmp_path / app / "locale" / locale / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(source, copy)
    po = polib.pofile(str(copy))
    singular = [e for e in po if not e.msgid_plural and not e.obsolete]
    removed, fuzzied = singular[0], singular[1]
    removed.msgstr = ""
    fuzzied.flags.append("fuzzy")
    po.save()
    found = problems(copy)
    assert [(p.msgid, p.what) for p in found] == [(removed.msgid, "untranslated"), (fuzzied.msgid, "fuzzy")]


def test_the_checker_reports_a_placeholder_that_differs(tmp_path):
    source = catalogue("notices", "fr")
    copy = tmp_path / "notices.po"
    shutil.copy(source, copy)
    po = polib.pofile(str(copy))
    entry = next(e for e in po if "%(reference)s" in e.msgid and not e.msgid_plural)
    entry.msgstr = entry.msgstr.replace("%(reference)s", "%(referenc)s")
    po.save()
    found = problems(copy, app="notices", locale="fr")
    assert [p.msgid for p in found] == [entry.msgid] and "placeholders differ" in found[0].what


def test_a_shipped_language_without_its_catalogue_is_reported(tmp_path):
    assert problems(tmp_path / "nowhere" / "locale" / "xx" / "LC_MESSAGES" / "django.po")[0].what == "catalogue missing"


def test_every_shipped_language_has_a_catalogue_for_every_public_app():
    """A shipped language has a catalogue in every public app (a language being translated gets the catalogues of
    new apps from makemessages, or from the platform's template, locale/templates/<app>.pot)."""
    missing = [(app, language.locale) for language in languages.shipped() if language.code != "en"
               for app in public_apps() if not catalogue(app, language.locale).exists()]
    assert not missing, missing
    assert SOURCE.is_dir()
