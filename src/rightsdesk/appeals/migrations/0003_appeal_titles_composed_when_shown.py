"""An appeal's title is composed when shown, in the reader's language; the English words filing once stored go.

Until this change ``appeals.services.file_appeal`` gave the new case the subject ``"Appeal of <reference>"``, which
``cases.services`` keeps as the requester's own words (``Case.requester_subject``, encrypted): staff reading the
appeal in Arabic or French read it in English at the head of the case page, as if the appellant had typed it. An
appeal's title is now composed where it is shown (``cases.services.appeal_title``, from ``appeal_of``), and nothing
of it is stored. Here the stored words are emptied on appeals where they are exactly what filing wrote; words an
appellant or an import gave (anything else) stay.

``requester_subject`` is encrypted: each appeal is read and written through the model (a few per week of appeals,
so one by one). Backwards: the words are written again by the same rule.

The rule is copied below as it was (8 December 2026), not imported (tests/test_architecture.py);
tests/appeals/test_appeal_title.py checks the copy against the app's rule in English.
"""

from django.db import migrations


# --- Frozen copy (8 December 2026) ---------------------------------------------------------------------------------

def composed_at_filing(reference: str) -> str:
    """What file_appeal stored as an appeal's subject: cases.services.appeal_title in English."""
    return f"Appeal of {reference}"


# -------------------------------------------------------------------------------------------------------------------

def _appeals(apps):
    Case = apps.get_model("cases", "Case")
    return Case.objects.filter(kind="appeal", appeal_of__isnull=False).select_related("appeal_of").order_by("pk")


def forwards(apps, schema_editor):
    for appeal in _appeals(apps).iterator(chunk_size=500):
        if appeal.requester_subject and appeal.requester_subject == composed_at_filing(appeal.appeal_of.reference):
            appeal.requester_subject = ""
            appeal.save(update_fields=["requester_subject"])


def backwards(apps, schema_editor):
    for appeal in _appeals(apps).iterator(chunk_size=500):
        if not appeal.requester_subject:
            appeal.requester_subject = composed_at_filing(appeal.appeal_of.reference)
            appeal.save(update_fields=["requester_subject"])


class Migration(migrations.Migration):

    dependencies = [
        ("appeals", "0002_outofcourtdispute_processingsuspension"),
        ("cases", "0017_party_item_plain_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
