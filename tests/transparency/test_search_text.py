"""The log's search finds Arabic and Persian words however they are typed: with or without marks, alef and ya forms,
tatweel, ta marbuta, the Persian keyboard's letters, the zero-width non-joiner, Arabic-Indic digits; Latin words
with or without their accents, on both databases (SQLite's tokenizer dropped them, PostgreSQL's kept them);
Chinese and Japanese words within a run of characters written without spaces; and words of the Indic scripts, Thai
and Hebrew whole, with their vowel signs and viramas (SQLite's table split them at each mark, PostgreSQL did not).

One rule (transparency.search_text) folds what is indexed and what is typed, on SQLite and PostgreSQL alike: every
row below publishes a notice and searches the log through log_search, as the page and the API do, on whichever
database the suite runs.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from rightsdesk.core.errors import DomainError
from rightsdesk.transparency import log_search, publishing, search_text
from rightsdesk.transparency.log_search import Filters, parse_filters, search
from rightsdesk.transparency.models import PublicRecord

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("rightsdesk.transparency.migrations.0016_search_text_folded")
#: The latest migration that rewrote the search text: its frozen copy of the rule is the app's rule.
CJK_APART = importlib.import_module("rightsdesk.transparency.migrations.0017_search_text_cjk_characters_apart")
MARKS_KEPT = importlib.import_module("rightsdesk.transparency.migrations.0019_search_words_keep_their_marks")
LATEST = importlib.import_module("rightsdesk.transparency.migrations.0020_search_words_joined_by_a_hyphen")

#: (the notice's text as published, the words typed, found?)
TYPED_AS_READERS_TYPE = [
    ("كِتَابٌ عن تاريخ الموسوعة", "كتاب", True),               # the marks (tashkeel) left out
    ("كتاب عن تاريخ الموسوعة", "كِتَاب", True),                 # ... or typed where the notice has none
    ("مقال عن أحمد شوقي", "احمد", True),                      # alef with hamza above typed as alef
    ("مقال عن احمد شوقي", "أحمد", True),
    ("تاريخ الإسلام", "الاسلام", True),                       # hamza below
    ("آيات القرآن", "القران", True),                          # madda
    ("مكتبـــة الجامعة", "مكتبة", True),                       # tatweel
    ("مستشفى المدينة", "مستشفي", True),                       # alef maqsura typed as ya
    ("مدرسة البنات", "مدرسه", True),                          # ta marbuta typed as ha (a judgement call)
    ("كتاب عربي", "کتاب عربی", True),                         # a Persian keyboard's kaf and ya for Arabic text
    ("زبان فارسی", "فارسي", True),
    ("کتاب‌های تاریخی", "کتابهای", True),                     # with the zero-width non-joiner, typed without
    ("کتابهای تاریخی", "کتاب‌های", True),                     # without, typed with
    ("کتاب‌های تاریخی", "کتاب", True),                        # a part of the joined word, found as before
    ("من می‌خواهم بدانم", "می خواهم", True),                  # the parts typed with a space
    ("قانون رقم ١٩٧٣", "1973", True),                         # Arabic-Indic digits (not the year: the reference has it)
    ("قانون شماره 1973", "۱۹۷۳", True),                       # Persian digits typed
    ("ﻛﺘﺎﺏ ﺍﻟﺘﺎﺭﻳﺦ", "كتاب", True),                          # presentation forms, as pasted from a PDF
    ("كتاب عن التاريخ", "كاتب", False),                       # another word stays another word
    ("مدرسة البنات", "مدرس", False),
    ("Der Eisvogel brütet", "eisvogel", True),                 # other scripts as they were
    ("Un café à Zürich", "cafe zurich", True),                 # Latin letters without their accents ...
    ("Un cafe a Zurich", "café", True),                        # ... or with them where the notice has none
    ("Tiếng Việt trên Wikipedia", "tieng viet", True),         # Vietnamese: two marks on one letter
    ("Crème brûlée", "CRÈME BRULEE", True),
    ("Мой дом", "мои", False),                                 # in Cyrillic a mark makes another letter: й is not и
    ("北京大学的历史", "北京", True),                           # Chinese: a word within a run of characters ...
    ("北京大学的历史", "大学", True),
    ("关于北京大学", "北京大学", True),                         # ... and the whole run, as before
    ("Page 北京大学 on zh.wikipedia.org", "北京", True),        # in a line of Latin text
    ("北京大学的历史", "南京", False),                          # a character the notice does not hold
    ("東京タワーの写真", "タワー", True),                       # Japanese: katakana and kanji within a run
    ("東京タワーの写真", "東京", True),
    # The Indic scripts: a word is its letters and their marks (vowel signs, virama, nukta), on both databases.
    ("हिन्दी विकिपीडिया पर लेख", "हिन्दी", True),             # Hindi (Devanagari)
    ("दिन में हाथ", "हिन्दी", False),                          # ... not the letters between its marks (ह न द)
    ("हिन्दी विकिपीडिया पर लेख", "विकि", False),                # ... nor a word's beginning
    ("हिन्दी विकिपीडिया पर लेख", "विकिपीडिया लेख", True),
    ("क़ानून", "क़ानून", True),                                  # nukta: क़ typed as one character or as क + ़
    ("बांग्ला उइकिपीडिया", "बांग्ला", True),
    ("বাংলা উইকিপিডিয়া", "বাংলা", True),                       # Bengali
    ("বিল পাস হয়েছে", "বাংলা", False),
    ("தமிழ் விக்கிப்பீடியா", "தமிழ்", True),                    # Tamil
    ("தமிழ் விக்கிப்பீடியா", "விக்கி", False),
    ("క్ష‍త్రియ", "క్షత్రియ", True),                      # Telugu, the zero-width joiner typed or not
    ("ශ්‍රී ලංකා", "ශ්රී", True),                         # Sinhala
    ("ਪੰਜਾਬੀ ਵਿਕੀਪੀਡੀਆ", "ਪੰਜਾਬੀ", True),                      # Gurmukhi
    ("ਪੰਜਾਬੀ ਵਿਕੀਪੀਡੀਆ", "ਪਜ", False),
    # Thai is written without spaces between words: a word is what stands between spaces, on both databases (no
    # dictionary to cut a run into words, and single letters would find nearly every notice).
    ("วิกิพีเดีย ภาษาไทย", "วิกิพีเดีย", True),
    ("วิกิพีเดีย ภาษาไทย", "วิกิ", False),
    ("עִבְרִית מודרנית", "עִבְרִית", True),                      # Hebrew with its points: one word
    ("עִבְרִית מודרנית", "ע", False),
    ("עִבְרִית מודרנית", "עברית", True),                       # ... typed without its points (niqqud), as Hebrew is
    ("עברית מודרנית", "עִבְרִית", True),                        # ... or with them where the notice has none
    ("עִבְרִית מודרנית", "ערבית", False),                       # another word stays another word
    ("विधेयक १९७३ पर लेख", "1973", True),                       # Devanagari digits, typed as 0-9
    ("विधेयक 1973 पर लेख", "१९७३", True),                       # ... or typed where the notice has 0-9
    ("বাংলা আইন ১৯৭১", "1971", True),                          # Bengali digits
    ("กฎหมาย ๒๕๖๙", "2569", True),                             # Thai digits
    ("विधेयक १९७३ पर लेख", "1974", False),
    ("Моско́вский университет", "Московский", True),         # a Cyrillic stress mark, typed or not
    ("Московский университет", "Моско́вский", True),
    ("Отлично✔️Done", "done", True),                           # a variation selector starts no word
    ("I ❤️ Wikipedia", "wikipedia", True),
]


@pytest.mark.parametrize(("published", "typed", "found"), TYPED_AS_READERS_TYPE)
def test_a_word_is_found_however_arabic_and_persian_readers_type_it(decided_case, published, typed, found):
    notice = publishing.publish_as_system(decided_case(subject=published), "test")
    page = search(parse_filters({"q": typed}))
    assert (notice.pk in {n.pk for n in page.results}) is found, (published, typed)
    assert page.count == (1 if found else 0)


def test_what_is_shown_is_never_folded(decided_case):
    notice = publishing.publish_as_system(decided_case(subject="كِتَابٌ في مكتبـــة", description="کتاب‌های من"),
                                          "test")
    record = PublicRecord.objects.get(pk=notice.pk)
    assert record.title == "كِتَابٌ في مكتبـــة" and record.body == "کتاب‌های من"
    page = search(parse_filters({"q": "كِتَابٌ"}))
    assert page.filters.q == "كِتَابٌ" and page.filters.as_params() == {"q": "كِتَابٌ"}  # the form keeps it as typed


@pytest.mark.parametrize("typed", ["ـــ", "\u064e\u064f", "\u200c"])
def test_a_search_of_tatweel_or_marks_alone_is_no_search(typed):
    """Tatweel is a letter to Python, and folded away: searched, SQLite dropped the search and showed every
    notice while PostgreSQL found none. Refused on both, as any search of no word is."""
    with pytest.raises(DomainError) as refused:
        parse_filters({"q": typed})
    assert refused.value.field == "q"


#: (the migration, the notice's subject, the search text as written before it, a word it did not find, words found)
REWRITTEN_BY_MIGRATIONS = [
    pytest.param(MIGRATION, "كِتَابٌ عن أحمد", ["كِتَابٌ عن أحمد", "کتاب‌های من"], "احمد",
                 ("احمد", "كتاب", "کتابهای", "کتاب"), id="0016 folds Arabic and Persian"),
    pytest.param(CJK_APART, "关于北京大学", ["关于北京大学"], "北京",  # as the rule of 0016 wrote it: one run
                 ("北京", "大学", "关于北京大学"), id="0017 writes Han characters apart"),
    pytest.param(MARKS_KEPT, "क्‍षत्रिय", ["क्‍षत्रिय"], "क्षत्रिय",  # as 0017's rule wrote it: the joiner kept
                 ("क्षत्रिय", "क्‍षत्रिय"), id="0019 removes the joiner in a word"),
]


@pytest.mark.parametrize(("migration", "subject", "written", "missed", "found"), REWRITTEN_BY_MIGRATIONS)
def test_notices_published_before_a_rule_changed_are_found_after_its_migration(decided_case, migration, subject,
                                                                                written, missed, found):
    notice = publishing.publish_as_system(decided_case(subject=subject), "test")
    written_before = "\n".join([notice.public_id, *written])
    PublicRecord.objects.filter(pk=notice.pk).update(search_text=written_before)
    log_search.index_notice(PublicRecord.objects.get(pk=notice.pk))  # SQLite's FTS5 row, as it was
    assert search(parse_filters({"q": missed})).count == 0

    class SchemaEditor:
        pass

    SchemaEditor.connection = connection
    migration.forwards(apps, SchemaEditor())
    assert PublicRecord.objects.get(pk=notice.pk).search_text == migration.for_index(written_before)  # its own rule
    for typed in found:
        assert search(parse_filters({"q": typed})).count == 1, typed


def test_the_latest_migrations_frozen_copy_folds_as_the_app_does():
    for published, typed, _found in TYPED_AS_READERS_TYPE:
        assert LATEST.for_index(published) == search_text.for_index(published)
        assert LATEST.for_index(typed) == search_text.for_index(typed)


@pytest.mark.parametrize("before", [MIGRATION, CJK_APART, MARKS_KEPT])
def test_the_new_rule_folds_the_old_rules_output_as_the_text_published_so_the_stored_text_can_be_rewritten(before):
    """0017, 0019 and 0020 rewrite the stored text (the rule before's output) instead of the text published, which the log
    no longer has."""
    for published, typed, _found in TYPED_AS_READERS_TYPE:
        assert search_text.for_index(before.for_index(published)) == search_text.for_index(published)


def test_folding_twice_changes_nothing():
    for published, typed, _found in TYPED_AS_READERS_TYPE:
        once = search_text.for_index(published)
        assert search_text.for_index(once) == once
        assert search_text.fold(search_text.fold(typed)) == search_text.fold(typed)
        assert Filters(q=typed).words == search_text.fold(typed)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table; PostgreSQL's parser keeps a word's marks")
def test_the_sqlite_table_is_made_again_with_marks_in_its_words_and_every_public_notice_in_it(decided_case):
    """0019 makes SQLite's table again with the tokenizer that keeps a word's marks, and writes every public notice
    into it; a withdrawn one stays out."""
    shown = publishing.publish_as_system(decided_case(subject="हिन्दी विकिपीडिया"), "test")
    river = publishing.publish_as_system(decided_case(subject="दिन में हाथ"), "test")
    withdrawn = publishing.publish_as_system(decided_case(subject="हिन्दी समाचार"), "test")
    PublicRecord.objects.filter(pk=withdrawn.pk).update(is_public=False)
    with connection.cursor() as cursor:  # the table as 0002 made it, holding the public notices
        cursor.execute(f"DROP TABLE {log_search.FTS_TABLE}")
        cursor.execute(f"CREATE VIRTUAL TABLE {log_search.FTS_TABLE} USING fts5(text, tokenize='{MARKS_KEPT.OLD_TOKENIZE}')")
    log_search.rebuild_index()
    assert {n.pk for n in search(parse_filters({"q": "ह न द"})).results} == {shown.pk, river.pk}  # the pieces

    class SchemaEditor:
        pass

    SchemaEditor.connection = connection
    MARKS_KEPT.forwards(apps, SchemaEditor())
    assert [n.pk for n in search(parse_filters({"q": "हिन्दी"})).results] == [shown.pk]
    assert search(parse_filters({"q": "ह न द"})).count == 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {log_search.FTS_TABLE}")
        assert cursor.fetchone()[0] == 2
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [log_search.FTS_TABLE])
        assert MARKS_KEPT.TOKENIZE in cursor.fetchone()[0]
    MARKS_KEPT.backwards(apps, SchemaEditor())
    assert search(parse_filters({"q": "ह न द"})).count == 2  # the old table again


def test_a_search_reads_a_word_as_the_index_does_with_its_marks():
    assert search_text.words(search_text.fold("हिन्दी, विकिपीडिया!")) == ["हिन्दी", "विकिपीडिया"]
    assert log_search.fts5_query(search_text.fold("தமிழ் ❤️")) == '"தமிழ்"'
