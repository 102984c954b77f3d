"""PublishedNotice becomes PublicRecord and PublishedItem PublicRecordItem.

A "notice" in rightsdesk is the letter sent to a person (``notices.Notice``); the log entry is the
reviewed public record. The tables keep their names (pinned first, then the models are renamed), so
the rename touches no row, no index and none of the search index's raw SQL.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0005_personal_fields_encrypted"),
        ("transparency", "0004_public_record"),
    ]

    operations = [
        migrations.AlterModelTable(name="publishednotice", table="transparency_publishednotice"),
        migrations.AlterModelTable(name="publisheditem", table="transparency_publisheditem"),
        migrations.RenameModel(old_name="PublishedNotice", new_name="PublicRecord"),
        migrations.RenameModel(old_name="PublishedItem", new_name="PublicRecordItem"),
        migrations.AlterModelOptions(
            name="publicrecord",
            options={"ordering": ["-sort_key"], "verbose_name": "public record", "verbose_name_plural": "public records",
                     "permissions": [("publish_notice", "Can publish and unpublish notices in the public log")]},
        ),
        migrations.AlterField(
            model_name="publicrecord",
            name="case",
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="public_record",
                                       to="cases.case"),
        ),
    ]
