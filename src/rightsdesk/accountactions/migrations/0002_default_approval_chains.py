"""The approval chains shipped by default (accountactions.policy.DEFAULT_CHAINS, copied here as it stood, so that a
later change of the defaults does not rewrite what administrators configured)."""

from django.db import migrations

DEFAULTS = {
    "warning": ["trust and safety"],
    "interaction_ban": ["trust and safety"],
    "lock": ["trust and safety"],
    "event_ban": ["trust and safety", "legal approver"],
    "global_ban": ["legal approver", "trust and safety", "executive"],
    "lift": ["trust and safety", "legal approver"],
}


def ship(apps, schema_editor):
    ApprovalStep = apps.get_model("accountactions", "ApprovalStep")
    for action_type, roles in DEFAULTS.items():
        for position, role in enumerate(roles, start=1):
            ApprovalStep.objects.get_or_create(action_type=action_type, role=role, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("accountactions", "0001_initial")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
