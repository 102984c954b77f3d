"""Every message the code and templates mark for translation is in the catalogues a reader's language needs, and
no catalogue keeps a message its app no longer marks.

The completeness test reads the catalogues; a message added to a template after the catalogues were last made
(``makemessages``) is in none of them, so it passed that test and showed in English on Arabic, Persian or German
pages. Here makemessages runs over a copy of each app's source and every message it finds must be in each required
catalogue (rightsdesk.core.languages says which languages each app needs).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

from .catalogues import SOURCE, apps_with_catalogues, catalogue

REQUIRED_BY_APP: dict[str, list[str]] = {}
for _app, _locale in __import__("tests.i18n.test_completeness", fromlist=["REQUIRED"]).REQUIRED:
    REQUIRED_BY_APP.setdefault(_app, []).append(_locale)


_FOUND: dict[str, set[tuple[str | None, str]]] = {}


def source_messages(app: str, workdir: Path) -> set[tuple[str | None, str]]:
    """(context, message) pairs makemessages finds in the app's code and templates, read from a copy of the app
    (once per app and test run: both checks below read them)."""
    if app not in _FOUND:
        _FOUND[app] = _made_messages(app, workdir)
    return _FOUND[app]


def _made_messages(app: str, workdir: Path) -> set[tuple[str | None, str]]:
    copy = workdir / app
    shutil.copytree(SOURCE / app, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "migrations", "*.mo",
                                                                      "*.po", "static"))
    (copy / "locale").mkdir()
    here = os.getcwd()
    try:
        os.chdir(copy)
        call_command("makemessages", locale=["en"], verbosity=0, no_obsolete=True)
    finally:
        os.chdir(here)
    found = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    return {(entry.msgctxt, entry.msgid) for entry in found if entry.msgid}


def translated_anywhere(locale: str) -> set[tuple[str | None, str]]:
    """Messages in any app's catalogue of ``locale``: Django merges the catalogues, so one entry serves every app."""
    have = set()
    for app in apps_with_catalogues():
        path = catalogue(app, locale)
        if path.exists():
            have |= {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path)) if not entry.obsolete}
    return have


@pytest.mark.parametrize("app", apps_with_catalogues())
def test_every_marked_message_of_the_app_is_in_its_required_catalogues(app, tmp_path):
    wanted = source_messages(app, tmp_path)
    assert wanted, f"makemessages found no message in {app}"
    missing = {}
    for locale in REQUIRED_BY_APP.get(app, []):
        have = translated_anywhere(locale)
        lost = sorted(message for _ctx, message in wanted - have)
        if lost:
            missing[locale] = lost
    assert not missing, "run makemessages and translate (docs/translating.md): " + "; ".join(
        f"{locale}: {len(lost)} missing, e.g. {lost[0][:70]!r}" for locale, lost in sorted(missing.items()))


@pytest.mark.parametrize("app", apps_with_catalogues())
def test_no_catalogue_of_the_app_keeps_a_message_the_app_no_longer_marks(app, tmp_path):
    """A sentence taken out of the code or a template stays in the catalogues (makemessages keeps it unless told
    --no-obsolete), where translators keep translating it and the .pot offers it: remove it from every catalogue of
    the app, then run tools/l10n_templates.py. A message the app shows but another app marks (intake's "Choose your
    files again") is translated in that app's catalogues: Django merges them."""
    wanted = source_messages(app, tmp_path)
    unused = {}
    for path in sorted((SOURCE / app / "locale").glob("*/LC_MESSAGES/django.po")):
        kept = {(entry.msgctxt or "", entry.msgid) for entry in polib.pofile(str(path))
                if entry.msgid and not entry.obsolete}
        left = sorted(message for _ctx, message in kept - {(ctx or "", msg) for ctx, msg in wanted})
        if left:
            unused[path.parts[-3]] = left
    assert not unused, f"messages {app} no longer marks: " + "; ".join(
        f"{locale}: {len(left)}, e.g. {left[0][:70]!r}" for locale, left in sorted(unused.items()))


def test_the_check_sees_a_message_added_to_a_template(tmp_path):
    """The negative control: a new marked string in a copy of core's templates is found by makemessages."""
    found = source_messages("core", tmp_path)
    assert ("", "A sentence nobody translated yet.") not in found
    extra = tmp_path / "more"
    shutil.copytree(SOURCE / "core", extra / "core", ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (extra / "core" / "templates" / "probe.html").write_text('{% load i18n %}{% translate "A sentence nobody translated yet." %}')
    copy_source = extra / "core"
    (copy_source / "locale").mkdir(exist_ok=True)
    here = os.getcwd()
    try:
        os.chdir(copy_source)
        call_command("makemessages", locale=["en"], verbosity=0)
    finally:
        os.chdir(here)
    messages = {entry.msgid for entry in polib.pofile(str(copy_source / "locale" / "en" / "LC_MESSAGES" / "django.po"))}
    assert "A sentence nobody translated yet." in messages
