"""Fewer indexes on cases_case, the same queries served (docs/performance.md §1, "the indexes of a case").

Every new case writes every index of its table; bulk intake writes a thousand at a time. Eight of them served no
query:

- ``kind`` and ``state`` alone: each is the first column of a pair (``case_kind_received``, ``case_state_due``),
  which serves the same look-ups;
- on PostgreSQL, the ``varchar_pattern_ops`` copy that ``db_index=True`` adds to each text column (for
  ``LIKE 'prefix%'``; no query of a case's kind, state, outcome, requester type, country or token digest uses one).

The indexes of outcome, requester type, country and token digest become named ``Meta.indexes``. The database
operations are written out so that no table is rebuilt: SQLite would otherwise copy cases_case once per field, and
on PostgreSQL the kept indexes are renamed rather than built again.
"""


import django_countries.fields
from django.conf import settings
from django.db import migrations, models

#: (column, the index db_index made, the new name or None when it goes) of each changed index.
INDEXES = [
    ("kind", "cases_case_kind_f223b793", None),
    ("state", "cases_case_state_eb673365", None),
    ("outcome", "cases_case_outcome_531ea417", "case_outcome"),
    ("requester_type", "cases_case_requester_type_5d1f4540", "case_requester_type"),
    ("country", "cases_case_country_def20ff2", "case_country"),
    ("tracking_token_digest", "cases_case_tracking_token_digest_4957f0f2", "case_tracking_token"),
]


def forwards(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for column, old, new in INDEXES:
        if postgres:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{old}_like"')
            if new:
                schema_editor.execute(f'ALTER INDEX IF EXISTS "{old}" RENAME TO "{new}"')
        schema_editor.execute(f'DROP INDEX IF EXISTS "{old}"')
        if new:  # built only where the old index was missing (on SQLite, which cannot rename an index: always)
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{new}" ON "cases_case" ("{column}")')


def backwards(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for column, old, new in INDEXES:
        if new and postgres:
            schema_editor.execute(f'ALTER INDEX IF EXISTS "{new}" RENAME TO "{old}"')
        else:
            if new:
                schema_editor.execute(f'DROP INDEX IF EXISTS "{new}"')
            schema_editor.execute(f'CREATE INDEX "{old}" ON "cases_case" ("{column}")')
        if postgres:
            schema_editor.execute(f'CREATE INDEX "{old}_like" ON "cases_case" ("{column}" varchar_pattern_ops)')


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0010_case_automated'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards)],
            state_operations=[
                migrations.AlterField(
                    model_name='case',
                    name='country',
                    field=django_countries.fields.CountryField(blank=True, max_length=2, verbose_name='country of origin'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='kind',
                    field=models.CharField(choices=[('content_takedown', 'Content alteration or takedown'), ('copyright_notice', 'Copyright notice'), ('copyright_counter_notice', 'Copyright counter-notice'), ('trademark_notice', 'Trademark notice'), ('user_data_request', 'Request for user information'), ('preservation_request', 'Preservation request'), ('emergency_disclosure', 'Emergency disclosure'), ('harm_report', 'Harm or harassment report'), ('appeal', 'Appeal of a decision'), ('grievance', 'Human-rights grievance')], max_length=32, verbose_name='kind'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='outcome',
                    field=models.CharField(blank=True, choices=[('', 'Pending'), ('granted', 'Granted'), ('partially_granted', 'Partially granted'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn'), ('invalid', 'Invalid or incomplete'), ('challenged', 'Challenged')], default='', max_length=32, verbose_name='outcome'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='requester_type',
                    field=models.CharField(choices=[('government', 'Government authority'), ('court', 'Court'), ('law_enforcement', 'Law enforcement'), ('company', 'Company'), ('law_firm', 'Law firm or legal representative'), ('individual', 'Individual'), ('trusted_flagger', 'Trusted flagger'), ('ngo', 'Non-governmental organisation'), ('anonymous', 'Anonymous'), ('unknown', 'Not known')], max_length=32, verbose_name='requester type'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='state',
                    field=models.CharField(choices=[('received', 'Received'), ('triage', 'In triage'), ('awaiting_information', 'Awaiting information from the requester'), ('under_review', 'Under review'), ('awaiting_approval', 'Awaiting approval'), ('decided', 'Decided'), ('notified', 'Notified'), ('closed', 'Closed')], default='received', max_length=32, verbose_name='state'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='tracking_token_digest',
                    field=models.CharField(blank=True, editable=False, max_length=64),
                ),
                migrations.AddIndex(
                    model_name='case',
                    index=models.Index(fields=['outcome'], name='case_outcome'),
                ),
                migrations.AddIndex(
                    model_name='case',
                    index=models.Index(fields=['requester_type'], name='case_requester_type'),
                ),
                migrations.AddIndex(
                    model_name='case',
                    index=models.Index(fields=['country'], name='case_country'),
                ),
                migrations.AddIndex(
                    model_name='case',
                    index=models.Index(fields=['tracking_token_digest'], name='case_tracking_token'),
                ),
            ],
        ),
    ]
