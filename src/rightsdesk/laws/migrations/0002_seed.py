from django.db import migrations


def seed(apps, schema_editor):
    from rightsdesk.laws.seeding import load_seed

    load_seed(apps.get_model("laws", "Instrument"), apps.get_model("laws", "Authority"))


class Migration(migrations.Migration):
    dependencies = [("laws", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
