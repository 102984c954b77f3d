"""What a translator writes in an app's catalogue is what that app's pages show.

Django merges every catalogue of a language (its own, then each app's) into one, and for one message (and one
context) the first that has it wins. So when two catalogues translate "Received" differently, one translator's
words are never shown, and if the two meant different things ("File" to file a message, "File" a source of cases)
a page shows the wrong word. Every message an app uses must therefore be shown as its own catalogue translates it:
the same words as every other catalogue for the same sense, or a context of its own for another sense
(``pgettext``, ``{% translate "…" context "…" %}``; tests/i18n/test_words_in_context.py has the examples).
"""

from __future__ import annotations

import polib
import pytest
from django.utils import translation

from rightsdesk.core.languages import LANGUAGES

from .catalogues import apps_with_catalogues, catalogue
from .test_catalogues_follow_the_source import source_messages


@pytest.fixture(scope="module")
def used(tmp_path_factory):
    """(context, message) pairs each app's code and templates use (makemessages over a copy, as the source test)."""
    return {app: source_messages(app, tmp_path_factory.mktemp(app)) for app in apps_with_catalogues()}


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language.code != "en"],
                         ids=lambda language: language.code)
def test_every_message_an_app_uses_is_shown_as_its_catalogue_translates_it(used, language):
    overridden = []
    with translation.override(language.code):
        for app in apps_with_catalogues():
            path = catalogue(app, language.locale)
            if not path.exists():
                continue
            for entry in polib.pofile(str(path)):
                if (entry.obsolete or entry.fuzzy or not entry.msgstr or entry.msgid_plural
                        or (entry.msgctxt, entry.msgid) not in used[app]):
                    continue
                shown = (translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt
                         else translation.gettext(entry.msgid))
                if shown != entry.msgstr:
                    where = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
                    overridden.append(f"{app}: {entry.msgid!r}{where} is translated {entry.msgstr!r}, "
                                      f"but pages show {shown!r}")
    assert not overridden, (
        "Another catalogue (another app's, or Django's own) translates these messages differently and wins. Use the "
        "same words if the sense is the same; give the message a context if it is another sense:\n"
        + "\n".join(overridden))
