"""Words joined by a hyphen are found alike on SQLite and PostgreSQL (run on both: ``./run test``).

SQLite's tokenizer split a word at every hyphen; PostgreSQL's parser kept the whole word beside its parts (e-mail),
read a hyphen before digits as a minus sign (2026-12-05 was 2026 -12 -05) and split at U+2010 and U+2011. One rule in
``transparency.search_text`` now reads them for both: a hyphen between letters or digits joins the word (the index
holds it joined and its parts, a search joins it), a hyphen that joins nothing is a space. Migration 0020 rewrote the
search text of the notices published before.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from rightsdesk.transparency import log_search, publishing, search_text
from rightsdesk.transparency.log_search import parse_filters, search
from rightsdesk.transparency.models import PublicRecord

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("rightsdesk.transparency.migrations.0020_search_words_joined_by_a_hyphen")
NB = "\u2011"  # the non-breaking hyphen

#: (the notice's title as published, the words typed, found?) - the same answer on both databases.
HYPHENATED = [
    ("Write to us by e-mail", "e-mail", True),
    ("Write to us by e-mail", "email", True),                  # typed without the hyphen
    ("Write to us by email", "e-mail", True),                  # ... or with it where the notice has none
    ("Write to us by e-mail", "mail", True),                   # a part of the word
    ("Write to us by e-mail", "e mail", True),                 # the parts typed apart
    ("Write to us by e mail", "e-mail", False),                # two words apart are not the word (SQLite found it)
    (f"Write to us by e{NB}mail", "e-mail", True),             # the non-breaking hyphen U+2011 (PostgreSQL split)
    ("Write to us by e-mail", f"e{NB}mail", True),
    ("Write to us by e\u2010mail", "email", True),             # U+2010 HYPHEN
    ("Write to us by e\uff0dmail", "e-mail", True),            # the full-width hyphen-minus
    ("International co-operation", "cooperation", True),
    ("International cooperation", "co-operation", True),
    ("International co-operation", "operation", True),
    ("International co-operation", "corporation", False),
    ("Jean-Luc Picard's page", "Jean-Luc", True),
    ("Jean-Luc Picard's page", "luc picard", True),
    ("Jean-Luc Picard's page", "jean-paul", False),
    ("Al-Jazeera reporting", "al-jazeera", True),
    ("Al-Jazeera reporting", "Aljazeera", True),
    ("Al-Jazeera reporting", "jazeera", True),
    ("كتاب ابن-سينا في الطب", "ابن-سينا", True),                # Arabic words joined by a hyphen
    ("كتاب ابن-سينا في الطب", "ابن سينا", True),
    ("كتاب ابن-سينا في الطب", "سينا", True),
    ("كتاب ابن-سينا في الطب", "ابنسينا", True),
    ("قناة الـجزيرة مباشر", "الجزيرة", True),                   # ... or by a tatweel
    ("قناة الجزيرة مباشر", "الـجزيرة", True),
    ("हिन्दी-भाषा पर लेख", "हिन्दी", True),                      # a word's marks stay with its part
    ("Order of 2026-12-05 on the page", "12", True),           # a date: PostgreSQL read -12, a minus sign
    ("Order of 2026-12-05 on the page", "2026-12-05", True),
    ("Order of 2026-12-05 on the page", "2026-12-06", False),
    ("Case 12-345 of the court", "345", True),
    ("Below -5 degrees", "5", True),                           # a hyphen that joins nothing: a space
    ("Below - degrees", "below degrees", True),
]


@pytest.mark.parametrize(("published", "typed", "found"), HYPHENATED)
def test_a_word_joined_by_a_hyphen_is_found_alike_on_both_databases(decided_case, published, typed, found):
    notice = publishing.publish_as_system(decided_case(subject=published), "test")
    page = search(parse_filters({"q": typed}))
    assert (notice.pk in {n.pk for n in page.results}) is found, (connection.vendor, published, typed)
    assert page.count == (1 if found else 0)


def test_the_migrations_frozen_copy_folds_as_the_app_does():
    for published, typed, _found in HYPHENATED:
        assert MIGRATION.for_index(published) == search_text.for_index(published)
        assert MIGRATION.for_index(typed) == search_text.for_index(typed)


def test_folding_twice_changes_nothing():
    for published, typed, _found in HYPHENATED:
        once = search_text.for_index(published)
        assert search_text.for_index(once) == once
        assert search_text.fold(search_text.fold(typed)) == search_text.fold(typed)


def test_notices_published_before_the_rule_are_found_after_the_migration(decided_case):
    before = importlib.import_module("rightsdesk.transparency.migrations.0019_search_words_keep_their_marks")
    notice = publishing.publish_as_system(decided_case(subject="Write to us by e-mail"), "test")
    written_before = before.for_index("\n".join([notice.public_id, "Write to us by e-mail"]))
    PublicRecord.objects.filter(pk=notice.pk).update(search_text=written_before)
    log_search.index_notice(PublicRecord.objects.get(pk=notice.pk))  # SQLite's FTS5 row, as it was
    assert search(parse_filters({"q": "email"})).count == 0

    class SchemaEditor:
        pass

    SchemaEditor.connection = connection
    MIGRATION.forwards(apps, SchemaEditor())
    assert PublicRecord.objects.get(pk=notice.pk).search_text == search_text.for_index(written_before)
    for typed in ("email", "e-mail", f"e{NB}mail", "mail"):
        assert search(parse_filters({"q": typed})).count == 1, typed
