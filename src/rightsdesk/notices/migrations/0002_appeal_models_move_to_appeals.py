# AppealFiling and AppealMessage now belong to the appeals app (appeals 0001 adds them to its state). Only the
# migration state changes: the tables, named notices_appealfiling and notices_appealmessage, stay with their rows.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notices', '0001_initial'),
        ('appeals', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='AppealFiling'),
                migrations.DeleteModel(name='AppealMessage'),
            ],
            database_operations=[],
        ),
    ]
