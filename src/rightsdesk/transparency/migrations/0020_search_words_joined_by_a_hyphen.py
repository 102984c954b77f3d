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
imported from the app (tests/test_architecture.py): what it changed is written here, the folding it did not change is
0019's frozen copy, imported from that migration; tests/transparency/test_search_hyphens.py checks the whole against
the app's rule.
"""

import importlib
import re

from django.db import migrations


# --- Frozen copies (8 December 2026) -------------------------------------------------------------------------------

#: log_search.FTS_TABLE and FTS_BASE: SQLite's full-text table, whose rowid is FTS_BASE - the record's sort_key.
FTS_TABLE = "transparency_notice_fts"
FTS_BASE = 10**15

#: search_text's folding as 0019 froze it (7 December 2026), unchanged since: imported from that migration, not
#: copied a second time (as 0021 takes 0014's own_host). A migration is frozen whichever file holds the copy.
_BEFORE = importlib.import_module("rightsdesk.transparency.migrations.0019_search_words_keep_their_marks")
MARKS = _BEFORE.MARKS
_letters = _BEFORE._letters
ZWNJ = "\u200c"
#: The hyphens (after NFKC) and the soft hyphen; what joins the parts of a word (U+200C, a hyphen).
HYPHENS = "-\u2010\u00ad"
_JOINS = re.escape(ZWNJ + HYPHENS)
_JOINED = re.compile(rf"[\w{MARKS}]+(?:[{_JOINS}]+[\w{MARKS}]+)+")
_JOIN_INSIDE = re.compile(rf"(?<=[\w{MARKS}])[{_JOINS}]+(?=[\w{MARKS}])")
_LONE_HYPHENS = re.compile(f"[{re.escape(HYPHENS)}]+")


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
