from rightsdesk.core.commands import BaseCommand
from rightsdesk.laws.models import Authority, Instrument
from rightsdesk.laws.seeding import load_seed


class Command(BaseCommand):
    help = "Add the seed registry's missing laws and authorities (laws/seed.json); staff edits are never overwritten."

    def handle(self, *args, **options):
        instruments, authorities = load_seed(Instrument, Authority)
        self.stdout.write(f"{instruments} laws and {authorities} authorities added.")
