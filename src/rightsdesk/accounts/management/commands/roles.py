from rightsdesk.core.commands import BaseCommand
from rightsdesk.accounts.roles import sync_roles


class Command(BaseCommand):
    help = "Create the staff role groups (intake, reviewer, legal approver, trust and safety, administrator, auditor)."

    def handle(self, *args, **options):
        for role, count in sync_roles().items():
            self.stdout.write(f"{role}: {count} permissions")
