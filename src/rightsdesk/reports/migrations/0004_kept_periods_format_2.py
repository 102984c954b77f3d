"""Kept periods of format 1 are dropped. rollup.FORMAT 2 keeps the durations as 4-byte integers where they fit, the
project tables' sums instead of one entry per case (rollup.project_sums), and compresses the whole; the reader refuses
any other format. The next fold keeps every period anew
(rollup.keep_periods keeps those with folded days and nothing kept); until then the report sums the daily rows."""

from django.db import migrations


def drop_kept_periods(apps, schema_editor):
    apps.get_model("reports", "RollupPeriod").objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0003_rollup_period"),
    ]

    operations = [
        migrations.RunPython(drop_kept_periods, migrations.RunPython.noop),
    ]
