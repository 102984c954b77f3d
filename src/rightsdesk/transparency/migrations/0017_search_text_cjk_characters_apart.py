"""The log's search text holds each Han and kana character as a word of its own (``transparency.search_text``).

Chinese and Japanese are written without spaces, and both engines took a run of such characters for one word: a
notice about 北京大学 was found by 北京大学 and never by 北京 or 大学. Publishing now writes each character apart
(``search_text.for_index``) and a search does the same with the words typed; the notices published before are
rewritten here, or a search would miss them.

As in 0016, rewriting the stored text is what publishing it today would write: the stored text is the old rule's
output, and the new rule is the old one followed by the spacing, which changes nothing else. Only rows that change are
written, in batches; SQLite's FTS5 row is written with its text. Backwards: nothing to undo (the spaced text is found
by every search that found the old text but a whole run of characters, which the new searches split alike).

The rule (``search_text.for_index``) is copied below as it was when the migration was written (7 December 2026), not
imported (tests/test_architecture.py); tests/transparency/test_search_text.py checks the copy against the app's rule.
"""

import re
import unicodedata

from django.db import migrations

# --- Frozen copies (7 December 2026) -------------------------------------------------------------------------------

#: log_search.FTS_TABLE and FTS_BASE: SQLite's full-text table, whose rowid is FTS_BASE - the record's sort_key.
FTS_TABLE = "transparency_notice_fts"
FTS_BASE = 10**15

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")
_LETTERS = str.maketrans({
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0649": "\u064a", "\u06cc": "\u064a",
    "\u06a9": "\u0643",
    "\u0629": "\u0647", "\u06c0": "\u0647",
    **{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)},
})
_LATIN = str.maketrans({
    chr(cp): base for cp in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]
    if (parts := unicodedata.normalize("NFD", chr(cp))) and len(parts) > 1
    and all(unicodedata.combining(mark) for mark in parts[1:])
    and unicodedata.name(parts[0], "").startswith("LATIN") and (base := parts[0])
})
_LATIN_MARKS = re.compile("(?<=[A-Za-z])[\u0300-\u036f]+")
ZWNJ = "\u200c"
_JOINED = re.compile(rf"\w+(?:{ZWNJ}+\w+)+")
_CJK = re.compile("[\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CJK_EDGE = re.compile(f"(?<={_CJK.pattern})(?=\\S)|(?<=\\S)(?={_CJK.pattern})")


def _letters(text: str) -> str:
    folded = _LATIN_MARKS.sub("", _MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_LETTERS).translate(_LATIN))
    return _CJK_EDGE.sub(" ", folded) if _CJK.search(folded) else folded


def for_index(text: str) -> str:
    """search_text.for_index: the text folded (Han and kana characters apart), then the parts of each word written
    with U+200C."""
    letters = _letters(text)
    parts = [word.replace(ZWNJ, " ") for word in _JOINED.findall(letters)]
    return "\n".join([letters.replace(ZWNJ, ""), " ".join(parts)]) if parts else letters.replace(ZWNJ, "")


# -------------------------------------------------------------------------------------------------------------------

BATCH = 500


def forwards(apps, schema_editor):
    PublicRecord = apps.get_model("transparency", "PublicRecord")
    records = PublicRecord.objects.using(schema_editor.connection.alias).exclude(search_text="")
    batch = []
    for record in records.only("pk", "search_text", "sort_key", "is_public").order_by("pk").iterator(2000):
        folded = for_index(record.search_text)
        if folded != record.search_text:
            record.search_text = folded
            batch.append(record)
        if len(batch) >= BATCH:
            _write(PublicRecord, batch, schema_editor.connection)
            batch = []
    _write(PublicRecord, batch, schema_editor.connection)


def _write(PublicRecord, records, connection) -> None:
    if not records:
        return
    PublicRecord.objects.using(connection.alias).bulk_update(records, ["search_text"])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {FTS_TABLE} SET text = %s WHERE rowid = %s",
                               [(r.search_text, FTS_BASE - r.sort_key) for r in records if r.is_public])


class Migration(migrations.Migration):
    dependencies = [("transparency", "0016_search_text_folded")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
