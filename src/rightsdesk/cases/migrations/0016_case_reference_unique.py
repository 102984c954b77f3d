"""A case's reference is unique by a named constraint, without PostgreSQL's pattern-matching copy of its index.

``unique=True`` on a text column makes PostgreSQL's schema editor build two B-trees: the unique one, and a
``varchar_pattern_ops`` copy for ``LIKE 'prefix%'``. No query of a case asks that (staff search by
``reference__icontains``, which neither can serve; look-ups and sorting use the unique one), yet every new case
writes both, at a random place (references are drawn uniformly): about half of the 12 µs a notice that the
reference's indexes cost bulk intake at a million cases (docs/performance.md, "The reference's second index").

The database operations are written out so that no table is rebuilt and no index built again:

- PostgreSQL: the ``_like`` copy is dropped and the unique constraint made at the table's creation is renamed
  ``case_reference_unique`` (the name the model now gives it), found by introspection rather than guessed;
- SQLite: nothing; it never had the copy, and the column's inline ``UNIQUE`` is the same rule. (A later change of the
  constraint rebuilds the table from the model's state on SQLite, as Django always does there.)
"""

from django.db import migrations, models

TABLE = "cases_case"
NAME = "case_reference_unique"


def _reference_constraints(schema_editor) -> tuple[list[str], list[str]]:
    """The names of the unique constraints and of the other indexes on the reference column alone."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, TABLE)
    unique = [name for name, info in found.items() if info["unique"] and info["columns"] == ["reference"]]
    plain = [name for name, info in found.items()
             if info["index"] and not info["unique"] and info["columns"] == ["reference"]]
    return unique, plain


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    unique, plain = _reference_constraints(schema_editor)
    for name in plain:  # the _like copy
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")
    if NAME not in unique:
        if len(unique) != 1:
            raise RuntimeError(f"Expected one unique constraint on {TABLE}.reference, found {unique}.")
        schema_editor.execute(f"ALTER TABLE {quote(TABLE)} RENAME CONSTRAINT {quote(unique[0])} TO {quote(NAME)}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    unique, _plain = _reference_constraints(schema_editor)
    if NAME in unique:
        schema_editor.execute(f"ALTER TABLE {quote(TABLE)} RENAME CONSTRAINT {quote(NAME)} TO "
                              f"{quote('cases_case_reference_key')}")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {quote('cases_case_reference_cb43aa34_like')} "
                          f"ON {quote(TABLE)} (reference varchar_pattern_ops)")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0015_titles_name_only_own_sites"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards)],
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="reference",
                    field=models.CharField(editable=False, max_length=32, verbose_name="reference"),
                ),
                migrations.AddConstraint(
                    model_name="case",
                    constraint=models.UniqueConstraint(fields=("reference",), name=NAME),
                ),
            ],
        ),
    ]
