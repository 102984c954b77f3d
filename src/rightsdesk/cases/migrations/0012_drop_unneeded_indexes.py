"""Two indexes every new case wrote and no query needs: ``Case.incomplete`` (nothing filters on it) and
``Party.case`` alone (``party_case_role``, on case and role, serves every look-up by case).

Only the indexes are dropped. Django's own AlterField would rebuild both tables on SQLite (a copy of every case);
DROP INDEX is the whole change on both databases, and the state is Django's AlterField."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0011_case_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL('DROP INDEX IF EXISTS "cases_case_incomplete_0c108cd9"',
                                  reverse_sql='CREATE INDEX "cases_case_incomplete_0c108cd9" ON "cases_case" ("incomplete")'),
                migrations.RunSQL('DROP INDEX IF EXISTS "cases_party_case_id_9d5babdc"',
                                  reverse_sql='CREATE INDEX "cases_party_case_id_9d5babdc" ON "cases_party" ("case_id")'),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="incomplete",
                    field=models.BooleanField(default=False, verbose_name="incomplete"),
                ),
                migrations.AlterField(
                    model_name="party",
                    name="case",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="parties", to="cases.case"),
                ),
            ],
        ),
    ]
