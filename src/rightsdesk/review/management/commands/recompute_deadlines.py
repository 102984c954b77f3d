"""``rightsdesk recompute_deadlines``: set every open case's due date again, e.g. after RIGHTSDESK_DEADLINES changed."""

from rightsdesk.core.commands import BaseCommand
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import OPEN_STATES
from rightsdesk.review import deadlines


class Command(BaseCommand):
    help = "Recompute the due date of every open case from the deadline table."

    def handle(self, *args, **options):
        changed = 0
        for case in Case.objects.filter(state__in=OPEN_STATES).iterator():
            before = case.due_at
            if deadlines.recompute(case) != before:
                changed += 1
        self.stdout.write(f"Due dates changed on {changed} open case(s).")
