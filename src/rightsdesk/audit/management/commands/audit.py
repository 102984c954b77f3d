"""``rightsdesk audit verify``: check the hash chains of the case history and the audit trail."""

from django.core.management.base import BaseCommand, CommandError

from rightsdesk.audit.chain import all_chains, verify


class Command(BaseCommand):
    help = "Verify the tamper-evident hash chains (case history, audit trail)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action, **options):
        broken = []
        for name, queryset in all_chains():
            problem = verify(queryset, name)
            if problem:
                broken.append(problem)
                self.stderr.write(f"BROKEN {problem}")
            else:
                self.stdout.write(f"ok {name}: {queryset.count()} entries, chain intact")
        if broken:
            raise CommandError(f"{len(broken)} chain(s) broken; the first broken link of each is listed above.")
