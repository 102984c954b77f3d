"""PostgreSQL: the log's full-text index also files each notice under its bucket of eight days of decisions.

The index was on the notices' words alone. A word in about 1 % of a 1M log then took 19–24 ms to search: its
7,195 matches were all read from the table to find the newest 25. Indexed with the token ``#b<bucket>`` beside the
words (``log_search.pg_document``; the bucket is ``sort_key // (8 × 10⁹)``, eight days), the same search asks for
the word AND the newest bucket and reads a hundred rows (1 ms). The token starts with "#", which the search's
parser never leaves in a word, so no search matches a bucket by itself.

The new index is built beside the old one with CREATE INDEX CONCURRENTLY (the migration is not atomic for that),
then takes its name: nothing waits for it, neither reading nor publishing. It takes about a minute per million
notices on 2 cores. A build that fails leaves an invalid ``notice_search_gin_new``, which the next run drops first.
``fastupdate`` stays off, as migration 0006 explains. SQLite's FTS5 table is untouched.
"""

from django.db import migrations

#: Written out here as it stands today: a migration must not change when the application's code does.
#: tests/transparency/test_search_buckets.py checks that the searches' expression (log_search.pg_document) is this.
DOCUMENT = "(search_vector || ('#b' || (sort_key / 8000000000)::text)::tsvector)"


def _rebuild(schema_editor, document: str) -> None:
    schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS notice_search_gin_new")
    schema_editor.execute(f"CREATE INDEX CONCURRENTLY notice_search_gin_new ON transparency_publishednotice "
                          f"USING GIN ({document}) WITH (fastupdate = off)")
    schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS notice_search_gin")
    schema_editor.execute("ALTER INDEX notice_search_gin_new RENAME TO notice_search_gin")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _rebuild(schema_editor, DOCUMENT)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _rebuild(schema_editor, "search_vector")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
    dependencies = [("transparency", "0012_redaction_rechecked_at")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
