# The appeal models moved from the notices app to this one without touching data: their tables keep their names
# (notices_appealfiling, notices_appealmessage), so this migration only adds them to the appeals app's state
# (notices 0002 removes them from the notices app's state). On a fresh database notices 0001 created the tables;
# on an existing one they are there with their rows. The content types (and so the permissions and admin log entries
# that point at them) follow the models to the new app label.

import django.db.models.deletion
import django.utils.timezone
import rightsdesk.privacy.fields
from django.db import migrations, models

MOVED = ("appealfiling", "appealmessage")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label="appeals", model=model).exists():
            ContentType.objects.using(db).filter(app_label="notices", model=model).update(app_label="appeals")


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label="notices", model=model).exists():
            ContentType.objects.using(db).filter(app_label="appeals", model=model).update(app_label="notices")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cases', '0004_case_personal_data_purged_at'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('notices', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AppealFiling',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('appellant_role', models.CharField(choices=[('requester', 'Requester (sender)'), ('affected_user', 'Affected user')], max_length=32, verbose_name='appellant')),
                        ('filed_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('appeal', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='appeal_filing', to='cases.case')),
                        ('notice', models.ForeignKey(blank=True, help_text='The notice whose link the appeal was filed through.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='notices.notice')),
                    ],
                    options={
                        'verbose_name': 'appeal filing',
                        'verbose_name_plural': 'appeal filings',
                        'db_table': 'notices_appealfiling',
                    },
                ),
                migrations.CreateModel(
                    name='AppealMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', rightsdesk.privacy.fields.EncryptedTextField(verbose_name='information added')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('appeal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='appeal_messages', to='cases.case')),
                    ],
                    options={
                        'verbose_name': 'appeal message',
                        'verbose_name_plural': 'appeal messages',
                        'ordering': ['created_at', 'id'],
                        'db_table': 'notices_appealmessage',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
