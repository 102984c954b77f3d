"""``Submission.organisation`` loses its own index: the unique (organisation, client_key) index serves every
look-up by organisation, and each item of an API batch wrote both. Only the index is dropped (Django's AlterField
would rebuild the table on SQLite)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("intake", "0005_rate_counts_in_the_database"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "intake_submission_organisation_id_2f348e49"',
                    reverse_sql='CREATE INDEX "intake_submission_organisation_id_2f348e49" ON "intake_submission" '
                                '("organisation_id")'),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="submission",
                    name="organisation",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="submissions", to="accounts.organisation"),
                ),
            ],
        ),
    ]
