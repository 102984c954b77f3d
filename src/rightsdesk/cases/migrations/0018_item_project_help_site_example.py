"""The help of an item's project names the site example of core.examples ("e.g. %(site)s", filled by code):
help text only, no change to the table."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0017_party_item_plain_indexes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='targetitem',
            name='project',
            field=models.CharField(blank=True, help_text='e.g. ar.wikipedia.org', max_length=200, verbose_name='project or site'),
        ),
    ]
