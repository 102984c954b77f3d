"""Case titles name the site only when the platform runs it (cases.services.neutral_title).

A title stored before ("Kind · host · day") named any host the requester typed, and a personal homepage names its
owner: it reached every staff role, and the public notice when the requester gave no subject. The host part of such a
title is taken out; the kind and the day stay. Titles of another shape (typed by the requester and reviewed when
published, or imported) are left as they are.
"""

from django.db import migrations

SEPARATOR = " · "


def title_without_unrun_site(title: str) -> str:
    from rightsdesk.core.sites import is_own_site

    parts = (title or "").split(SEPARATOR)
    if len(parts) == 3 and len(parts[2]) == 10 and parts[2][4] == "-" and not is_own_site(parts[1]):
        return SEPARATOR.join([parts[0], parts[2]])
    return title


def forwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    changed = []
    for case in Case.objects.only("pk", "subject").iterator(chunk_size=2000):
        title = title_without_unrun_site(case.subject)
        if title != case.subject:
            case.subject = title
            changed.append(case)
        if len(changed) >= 2000:
            Case.objects.bulk_update(changed, ["subject"])
            changed = []
    Case.objects.bulk_update(changed, ["subject"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0014_account_name_max")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
