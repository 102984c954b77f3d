"""``rightsdesk opendata build`` / ``schedule`` / ``lumen``: the bulk files and Lumen, by hand.

- ``build``: rebuild the files now (``latest/`` and each closed half-year without its own set).
- ``schedule``: start the task worker's daily rebuild (and, when Lumen is configured, the sending to Lumen).
- ``lumen``: send the due notices to Lumen now (RIGHTSDESK_LUMEN_URL and RIGHTSDESK_LUMEN_TOKEN).

``rightsdesk export opendata --out DIR`` writes the same set into any directory.
"""

from __future__ import annotations

from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand
from rightsdesk.core.errors import DomainError
from rightsdesk.opendata import bulk, lumen_client, tasks


class Command(BaseCommand):
    help = "Build the open data files, schedule their daily rebuild, or send notices to Lumen."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["build", "schedule", "lumen"])

    def handle(self, *args, action, **options):
        try:
            if action == "build":
                done = bulk.regenerate()
                self.stdout.write(f"Built {bulk.latest_dir()} ({done['latest']}); "
                                  f"new half-years: {', '.join(done['periods']) or 'none'}")
            elif action == "schedule":
                daily, lumen = tasks.schedule_daily(), tasks.schedule_lumen()
                self.stdout.write(f"daily rebuild {'queued' if daily else 'already queued or off'}; "
                                  f"Lumen {'queued' if lumen else 'already queued or not configured'}")
            else:
                report = lumen_client.submit_due()
                self.stdout.write(f"Lumen: {report.submitted} stored, {report.rejected} rejected, "
                                  f"{report.failed} failed (retried later)")
                for public_id, message in report.errors.items():
                    self.stderr.write(f"  {public_id}: {message}")
        except DomainError as exc:
            raise CommandError(exc.message) from exc
