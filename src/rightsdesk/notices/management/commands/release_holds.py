from rightsdesk.core.commands import BaseCommand
from rightsdesk.notices.services import release_due_holds


class Command(BaseCommand):
    help = "Lift the legal holds whose date has passed and release (queue or return to review) the notices they held."

    def handle(self, *args, **options):
        count = release_due_holds()
        self.stdout.write(f"{count} expired legal hold(s) lifted.")
