from rightsdesk.core.commands import BaseCommand
from rightsdesk.privacy.retention import retention_days, run_retention


class Command(BaseCommand):
    help = "Remove personal data from closed cases past their retention time (the report's counts stay)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be purged; change nothing.")

    def handle(self, *args, dry_run, **options):
        days = retention_days()
        self.stdout.write("Retention after closing: " + ", ".join(f"{k} {v} days" for k, v in sorted(days.items())))
        result = run_retention(dry_run=dry_run)
        verb = "would purge" if dry_run else "purged"
        self.stdout.write(f"{verb} {len(result.purged)} case(s): {' '.join(result.purged) or '-'}")
        for reference, reason in result.kept.items():
            self.stdout.write(f"kept {reference}: {reason}")
        for app, count in result.unattached.items():
            self.stdout.write(f"{verb} {count} {app} record(s) tied to no case")
        for app, count in result.masked.items():
            self.stdout.write(f"{'would mask' if dry_run else 'masked'} {count} {app} record(s) kept unmasked")
