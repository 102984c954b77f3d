"""PostgreSQL: the log's full-text GIN index takes new rows into the index itself, not into a pending list.

With GIN's default ``fastupdate``, rows written in bulk (an import, a re-publication, the benchmark's loader) wait in
an unsorted pending list until VACUUM or autovacuum merges them, and every search walks that list: a rare word took
196 ms at 100k notices instead of 0.3 ms until autovacuum ran. The log is written a notice at a time by staff and read
by everyone, so the index is kept ready for readers; what is pending now is merged at once. SQLite's FTS5 table has
no such list.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX IF EXISTS notice_search_gin SET (fastupdate = off)")
        schema_editor.execute("SELECT gin_clean_pending_list('notice_search_gin'::regclass) "
                              "WHERE to_regclass('notice_search_gin') IS NOT NULL")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX IF EXISTS notice_search_gin RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("transparency", "0005_public_record_names")]
    operations = [migrations.RunPython(forwards, backwards)]
