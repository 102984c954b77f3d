"""RequesterMessage was easy to confuse with the messages *to* the requester: it is MessageFromRequester now, and
a case's are ``case.messages_from_requester`` (review's are ``case.messages_to_requester``)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0005_personal_fields_encrypted"),
        ("intake", "0003_personal_texts_encrypted"),
    ]

    operations = [
        migrations.RenameModel("RequesterMessage", "MessageFromRequester"),
        migrations.AlterField(
            model_name="messagefromrequester",
            name="case",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                    related_name="messages_from_requester", to="cases.case"),
        ),
    ]
