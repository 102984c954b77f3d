"""PostgreSQL: the log's full-text index also files each notice under its bucket of eight days of decisions.

The index was on the notices' words alone. A word in about 1 % of a 1M log then took 19–24 ms to search: its
7,195 matches were all read from the table to find the newest 25. Indexed with the token ``#b<bucket>`` beside the
words (``log_search.pg_document``; the bucket is ``sort_key // (8 × 10⁹)``, eight days), the same search asks for
the word AND the newest bucket and reads a hundred rows (1 ms). The token starts with "#", which the search's
parser never leaves in a word, so no search matches a bucket by itself.

Rebuilding the index takes about 35 s per million notices (measured on 2 cores); searches in the meantime are
answered without it, slowly. ``fastupdate`` stays off, as migration 0006 explains. SQLite's FTS5 table is untouched.
"""

from django.db import migrations

#: Written out here as it stands today: a migration must not change when the application's code does.
#: tests/transparency/test_search_buckets.py checks that the searches' expression (log_search.pg_document) is this.
DOCUMENT = "(search_vector || ('#b' || (sort_key / 8000000000)::text)::tsvector)"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS notice_search_gin")
        schema_editor.execute(f"CREATE INDEX notice_search_gin ON transparency_publishednotice USING GIN ({DOCUMENT}) "
                              "WITH (fastupdate = off)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS notice_search_gin")
        schema_editor.execute("CREATE INDEX notice_search_gin ON transparency_publishednotice USING GIN (search_vector) "
                              "WITH (fastupdate = off)")


class Migration(migrations.Migration):
    dependencies = [("transparency", "0012_redaction_rechecked_at")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
