"""PublishedNotice becomes PublicRecord and PublishedItem PublicRecordItem.

A "notice" in rightsdesk is the letter sent to a person (``notices.Notice``); the log entry is the
reviewed public record. The tables keep their names (pinned first, then the models are renamed), so
the rename touches no row, no index and none of the search index's raw SQL.
"""

import django.db.models.deletion
from django.db import migrations, models


RENAMED = {"publishednotice": "publicrecord", "publisheditem": "publicrecorditem"}
NAMES = {"publicrecord": "public record", "publicrecorditem": "public record item"}


def rename_default_permissions(apps, schema_editor):
    """add_/change_/delete_/view_ permissions follow their model, so groups keep what they were given.

    On a new database no permission exists yet (they are made after the last migration): nothing to do.
    """
    Permission = apps.get_model("auth", "Permission")
    for old, new in RENAMED.items():
        for action in ("add", "change", "delete", "view"):
            stale = Permission.objects.filter(content_type__app_label="transparency", codename=f"{action}_{old}")
            if not Permission.objects.filter(content_type__app_label="transparency", codename=f"{action}_{new}").exists():
                stale.update(codename=f"{action}_{new}", name=f"Can {action} {NAMES[new]}")


def restore_default_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for old, new in RENAMED.items():
        for action in ("add", "change", "delete", "view"):
            Permission.objects.filter(content_type__app_label="transparency",
                                      codename=f"{action}_{new}").update(codename=f"{action}_{old}")


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
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
        migrations.RunPython(rename_default_permissions, restore_default_permissions),
    ]
