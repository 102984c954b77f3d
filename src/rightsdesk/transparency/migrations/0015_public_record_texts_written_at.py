"""The public record says when its texts were last written (``PublicRecord.texts_written_at``).

Copies of the log written before that moment (the open-data releases) are out of date: a notice the redaction
re-check redacted further, or staff published again, must not stay downloadable as it was. Existing notices take
their publication time, the last time their texts were written that the table knows of.
"""

from django.db import migrations, models
from django.db.models import F


def fill(apps, schema_editor):
    PublicRecord = apps.get_model("transparency", "PublicRecord")
    PublicRecord.objects.filter(texts_written_at__isnull=True).update(texts_written_at=F("published_at"))


class Migration(migrations.Migration):
    dependencies = [("transparency", "0014_public_projects_only_own_sites")]

    operations = [
        migrations.AddField(model_name="publicrecord", name="texts_written_at",
                            field=models.DateTimeField(blank=True, null=True)),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
