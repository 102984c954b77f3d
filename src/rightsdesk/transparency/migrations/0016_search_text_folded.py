"""The log's search text is written as the index holds it (``transparency.search_text``): Arabic and Persian folded.

A search for كتاب did not find كِتَاب (the marks), nor احمد أحمد, nor كتابها کتاب‌ها, and cafe found café only on
SQLite: the notices' search text was indexed as written. Publishing now folds it (``publishing.search_text_of`` → ``search_text.for_index``) and the
searches fold the words typed; the notices published before are folded here, or a search would miss them.

Folding the stored search text is what publishing it today would write (the stored text is what search_text_of
joined, and folding is the last step). Only rows the folding changes are written, in batches; PostgreSQL's search
column follows the text itself, SQLite's FTS5 row is written with it. A withdrawn record keeps no text to search,
and is left so. Backwards: nothing to undo (the folded text is found by what the old text was found by, but for
the marks that used to split a word).

The folding (``search_text.for_index``) is copied below as it was when the migration was written (7 December
2026), not imported: a migration must do what it did then (tests/test_architecture.py);
tests/transparency/test_search_text.py checks the copy against the app's rule.
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


def _letters(text: str) -> str:
    return _LATIN_MARKS.sub("", _MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_LETTERS).translate(_LATIN))


def for_index(text: str) -> str:
    """search_text.for_index: the text folded, then the parts of each word written with U+200C."""
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
    dependencies = [("transparency", "0015_public_record_texts_written_at")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
