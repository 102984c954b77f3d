"""The log's search reads a word joined by a hyphen alike on both databases (e-mail, co-operation, Jean-Luc).

SQLite's tokenizer split a word at every hyphen; PostgreSQL's parser kept the whole word (e-mail) beside its parts,
read a hyphen before digits as a minus sign (2026-12-05 was 2026, -12, -05) and split at the other hyphens (U+2010,
and U+2011 after NFKC). So "e-mail" typed found a notice saying "e mail" on SQLite and not on PostgreSQL, and "12"
found that date on SQLite only. The rule (``transparency.search_text``) now takes a hyphen between letters or digits
as it takes U+200C: the index holds the word joined and its parts, a search joins the word; a hyphen that joins
nothing is a space.

Forwards, reading every record once: the search text is rewritten where the rule changes it (the stored text is the
rule before's output, and the new rule's folding of it is what publishing it today would write, as 0019 did); on
SQLite the full-text table is filled again with every public record's text. PostgreSQL's column follows the text.
Backwards: nothing to undo (the old searches read the rewritten text as they read any text).

The rule (``search_text.for_index``) is copied below as it was when the migration was written (8 December 2026), not
imported (tests/test_architecture.py); tests/transparency/test_search_hyphens.py checks the copy against the app's
rule.
"""

import re
import unicodedata

from django.db import migrations


# --- Frozen copies (8 December 2026) -------------------------------------------------------------------------------

#: log_search.FTS_TABLE and FTS_BASE: SQLite's full-text table, whose rowid is FTS_BASE - the record's sort_key.
FTS_TABLE = "transparency_notice_fts"
FTS_BASE = 10**15

#: Marks Arabic script writes above or below its letters (tashkeel: the short vowels, tanwin, shadda, sukun,
#: superscript alef, Quranic annotation signs) and the tatweel, and Hebrew's points and cantillation marks (niqqud:
#: עִבְרִית is typed עברית; the letters U+05BE maqaf, U+05C0, U+05C3 and U+05C6 are punctuation and stay): a reader
#: typing the word leaves them out.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
                    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")
#: Letters typed for one another: alef forms, ya forms (Arabic, alef maqsura, Persian), kaf (Arabic, Persian), ta
#: marbuta and ha, and the digits of every script (Arabic, Persian, the Indic scripts, Thai...) as 0-9.
_LETTERS = str.maketrans({
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ → ا
    "\u0649": "\u064a", "\u06cc": "\u064a",  # ى ی → ي
    "\u06a9": "\u0643",  # ک → ك
    "\u0629": "\u0647", "\u06c0": "\u0647",  # ة ۀ → ه
    # Every script's decimal digits (Arabic-Indic ٢, Persian ۲, Devanagari २, Bengali ২, Thai ๒...) as 0-9.
    **{chr(cp): str(unicodedata.decimal(chr(cp))) for cp in range(0x80, 0x1FC00)
       if unicodedata.category(chr(cp)) == "Nd"},
})
#: Latin letters with accents (Latin-1, Extended-A and -B, Extended Additional: Vietnamese), each as its letter.
_LATIN = str.maketrans({
    chr(cp): base for cp in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]
    if (parts := unicodedata.normalize("NFD", chr(cp))) and len(parts) > 1
    and all(unicodedata.combining(mark) for mark in parts[1:])
    and unicodedata.name(parts[0], "").startswith("LATIN") and (base := parts[0])
})
#: The combining accents (U+0300–036F) left after NFKC: after a letter that has no accented form of its own (a
#: Cyrillic stress mark: Моско́вский). SQLite's tokenizer drops them after any letter, PostgreSQL kept them.
_ACCENTS = re.compile("[\u0300-\u036f]+")


def _ranges(codes: list[int]) -> str:
    """A regular expression's character class (without brackets) of the code points, as ranges."""
    out, start = [], None
    for i, cp in enumerate(codes):
        if start is None:
            start = cp
        if i + 1 == len(codes) or codes[i + 1] != cp + 1:
            out.append(re.escape(chr(start)) + ("-" + re.escape(chr(cp)) if cp != start else ""))
            start = None
    return "".join(out)


#: The combining marks (Unicode categories Mn, Mc, Me): the vowel signs, viramas and nuktas of the Indic scripts,
#: Thai's vowels and tone marks, Hebrew's points, the variation selectors. They belong to the word of the letter
#: they follow: हिन्दी is one word, not ह न द.
MARKS = _ranges([cp for cp in [*range(0x0300, 0x30000), *range(0xE0100, 0xE01F0)]
                 if unicodedata.category(chr(cp)).startswith("M")])
#: A mark that follows no letter, digit or mark (the variation selector after an emoji, ❤️; a mark left after a
#: space): PostgreSQL's parser never starts a word with one, SQLite's tokenizer did; removed.
_STRAY_MARKS = re.compile(f"(?<![^\\W_])(?<![{MARKS}])[{MARKS}]+")
#: The zero-width joiner after a letter or a mark: in the Indic scripts it only chooses how a conjunct is drawn
#: (क्‍ष, ශ්‍රී) and is typed or not; both engines split a word at it.
ZWJ = "\u200d"
_JOINER = re.compile(f"(?<=[^\\W_]|[{MARKS}]){ZWJ}+")
#: Han (CJK unified ideographs, extension A, compatibility ideographs, the supplementary planes' extensions B–G),
#: hiragana and katakana (U+30FC, the prolonged sound mark, is a katakana letter: it stays with its character).
_CJK = re.compile("[\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
#: Where a space goes: between a CJK character and anything but white space beside it (so spacing spaced text
#: changes nothing).
_CJK_EDGE = re.compile(f"(?<={_CJK.pattern})(?=\\S)|(?<=\\S)(?={_CJK.pattern})")
ZWNJ = "\u200c"
#: The hyphens (after NFKC) and the soft hyphen; what joins the parts of a word (U+200C, a hyphen).
HYPHENS = "-\u2010\u00ad"
_JOINS = re.escape(ZWNJ + HYPHENS)
_JOINED = re.compile(rf"[\w{MARKS}]+(?:[{_JOINS}]+[\w{MARKS}]+)+")
_JOIN_INSIDE = re.compile(rf"(?<=[\w{MARKS}])[{_JOINS}]+(?=[\w{MARKS}])")
_LONE_HYPHENS = re.compile(f"[{re.escape(HYPHENS)}]+")


def _letters(text: str) -> str:
    folded = _ACCENTS.sub("", _MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_LETTERS).translate(_LATIN))
    folded = _JOINER.sub("", folded)
    if _CJK.search(folded):
        folded = _CJK_EDGE.sub(" ", folded)
    return _STRAY_MARKS.sub("", folded)


def for_index(text: str) -> str:
    """search_text.for_index: the text folded (a word's marks kept, stray marks, accents and joiners removed, Han
    and kana characters apart, a word written with U+200C or a hyphen joined), then the parts of each such word."""
    letters = _letters(text)
    parts = [_LONE_HYPHENS.sub(" ", word.replace(ZWNJ, " ")) for word in _JOINED.findall(letters)]
    return "\n".join([_joined(letters), " ".join(parts)]) if parts else _joined(letters)


def _joined(letters: str) -> str:
    """search_text._joined."""
    return _LONE_HYPHENS.sub(" ", _JOIN_INSIDE.sub("", letters).replace(ZWNJ, ""))


# -------------------------------------------------------------------------------------------------------------------

BATCH = 500


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    PublicRecord = apps.get_model("transparency", "PublicRecord")
    records = PublicRecord.objects.using(connection.alias).exclude(search_text="")
    changed = []
    for record in records.only("pk", "search_text").order_by("pk").iterator(2000):
        folded = for_index(record.search_text)
        if folded != record.search_text:
            record.search_text = folded
            changed.append(record)
        if len(changed) >= BATCH:
            PublicRecord.objects.using(connection.alias).bulk_update(changed, ["search_text"])
            changed = []
    if changed:
        PublicRecord.objects.using(connection.alias).bulk_update(changed, ["search_text"])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
            cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, text) SELECT {FTS_BASE} - sort_key, search_text "
                           f"FROM transparency_publishednotice WHERE is_public")


class Migration(migrations.Migration):
    dependencies = [("transparency", "0019_search_words_keep_their_marks")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
