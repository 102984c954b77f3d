"""The digests of a party's e-mail and account and an item's project keep a plain index each, without PostgreSQL's
pattern-matching copy.

``db_index=True`` on a text column makes PostgreSQL's schema editor build two B-trees: the index, and a
``varchar_pattern_ops`` copy for ``LIKE 'prefix%'``. Nothing asks LIKE of these columns (the digests are looked up by
value; the project by value, beside the case), yet every party and every item that bulk intake stores wrote the copy
(docs/performance.md, "The reference's second index"). The indexes become named ``Meta.indexes``, as cases 0011 did
for the case's own columns.

The database operations are written out so that on PostgreSQL the kept indexes are renamed rather than built again;
SQLite, which cannot rename an index and never had the copies, builds each under its new name once. Each old index
is found by introspection (the non-unique index on the column alone), not by its generated name.
"""

from django.db import migrations, models

#: (table, column, the new index's name).
INDEXES = [
    ("cases_party", "email_index", "party_email_index"),
    ("cases_party", "account_index", "party_account_index"),
    ("cases_targetitem", "project", "item_project"),
]


def _indexes_on(schema_editor, table: str, column: str) -> list[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return [name for name, info in found.items()
            if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == [column]]


def forwards(apps, schema_editor):
    quote = schema_editor.quote_name
    postgres = schema_editor.connection.vendor == "postgresql"
    for table, column, new in INDEXES:
        old = [name for name in _indexes_on(schema_editor, table, column) if name != new]
        copies = [name for name in old if name.endswith("_like")]
        plain = [name for name in old if name not in copies]
        for name in copies:
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")
        if postgres and plain and new not in _indexes_on(schema_editor, table, column):
            schema_editor.execute(f"ALTER INDEX {quote(plain.pop(0))} RENAME TO {quote(new)}")
        for name in plain:
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {quote(new)} ON {quote(table)} ({quote(column)})")


def backwards(apps, schema_editor):
    quote = schema_editor.quote_name
    postgres = schema_editor.connection.vendor == "postgresql"
    for table, column, new in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(new)}")
        field = apps.get_model("cases", "Party" if table == "cases_party" else "TargetItem")._meta.get_field(column)
        name = schema_editor._create_index_name(table, [column])
        schema_editor.execute(f"CREATE INDEX {quote(name)} ON {quote(table)} ({quote(column)})")
        if postgres:
            schema_editor.execute(f"CREATE INDEX {quote(name + '_like')} ON {quote(table)} "
                                  f"({quote(field.column)} varchar_pattern_ops)")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0016_case_reference_unique"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards)],
            state_operations=[
                migrations.AlterField(
                    model_name="party",
                    name="account_index",
                    field=models.CharField(blank=True, editable=False, max_length=64),
                ),
                migrations.AlterField(
                    model_name="party",
                    name="email_index",
                    field=models.CharField(blank=True, editable=False, max_length=64),
                ),
                migrations.AlterField(
                    model_name="targetitem",
                    name="project",
                    field=models.CharField(blank=True, help_text="e.g. en.wikipedia.org, commons.wikimedia.org",
                                           max_length=200, verbose_name="project or site"),
                ),
                migrations.AddIndex(
                    model_name="party",
                    index=models.Index(fields=["email_index"], name="party_email_index"),
                ),
                migrations.AddIndex(
                    model_name="party",
                    index=models.Index(fields=["account_index"], name="party_account_index"),
                ),
                migrations.AddIndex(
                    model_name="targetitem",
                    index=models.Index(fields=["project"], name="item_project"),
                ),
            ],
        ),
    ]
