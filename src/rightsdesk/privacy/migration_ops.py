"""Migration helpers for switching a field to encryption at rest."""

from django.db import migrations


def encrypt_existing(app_label: str, model_fields: dict[str, list[str]]) -> migrations.RunPython:
    """A RunPython that re-saves existing rows so values written in plaintext get encrypted."""

    def forwards(apps, schema_editor):
        for model_name, fields in model_fields.items():
            model = apps.get_model(app_label, model_name)
            for row in model.objects.iterator():
                row.save(update_fields=fields)

    return migrations.RunPython(forwards, migrations.RunPython.noop)
