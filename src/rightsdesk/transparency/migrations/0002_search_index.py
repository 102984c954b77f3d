"""The full-text index of the public notice log, in each database's own engine.

- SQLite: an FTS5 virtual table whose rowid is PublishedNotice.sort_key, kept
  in sync by publishing.publish / unpublish (search.index_notice).
- PostgreSQL: a generated tsvector column over search_text with a GIN index,
  kept in sync by the database itself.

Other databases get no index; search then falls back to a slow LIKE scan.
"""

from django.db import migrations

FTS_TABLE = "transparency_notice_fts"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(text, tokenize='unicode61 remove_diacritics 2')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE transparency_publishednotice ADD COLUMN IF NOT EXISTS search_vector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(search_text, ''))) STORED"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS notice_search_gin ON transparency_publishednotice USING GIN (search_vector)"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS notice_search_gin")
        schema_editor.execute("ALTER TABLE transparency_publishednotice DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("transparency", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
