"""`rightsdesk clocks tick`: pause, resume and escalate the statutory clocks now (run it from cron, e.g. every
five minutes; the one-hour removal-order clock needs it that often)."""

from __future__ import annotations

from rightsdesk.core.commands import BaseCommand
from rightsdesk.clocks import services
from rightsdesk.core.moments import moment_text


class Command(BaseCommand):
    help = "Statutory clocks: 'tick' escalates the clocks past their deadline."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["tick"])

    def handle(self, *args, **options):
        escalated = services.expire_due()
        for clock in escalated:
            self.stdout.write(f"{clock.case.reference}: {clock.rule.key} overdue since {moment_text(clock.due_at)}")
        self.stdout.write(f"{len(escalated)} clock(s) escalated.")
