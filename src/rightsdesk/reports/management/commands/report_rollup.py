"""``rightsdesk report-rollup [--rebuild | --schedule]``: the report's daily roll-ups (``reports.rollup``).

Without an option, folds the changes since the last run in (what the task worker does every few minutes).
``--rebuild`` recomputes every day: after a bulk load, an import or a restore, when the roll-up is far behind.
``--schedule`` starts the worker's loop (``reports.tasks.fold_changes``). The report is exact either way; a
roll-up that is behind only makes it slower.
"""

from __future__ import annotations

import time

from rightsdesk.core.commands import BaseCommand
from rightsdesk.reports import rollup, tasks


class Command(BaseCommand):
    help = "Fold case changes into the report's daily roll-ups (--rebuild: recompute them all; --schedule: start the loop)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--rebuild", action="store_true", help="Recompute the roll-ups of every day.")
        group.add_argument("--schedule", action="store_true", help="Start the task worker's folding loop.")

    def handle(self, *args, rebuild=False, schedule=False, **options):
        if schedule:
            queued = tasks.schedule_fold()
            self.stdout.write("The roll-up loop is queued." if queued else
                              "Not queued: a run is already waiting, the loop is off (REPORT_ROLLUP_SECONDS = 0) or "
                              "the task backend cannot run tasks later.")
            return
        started = time.perf_counter()
        done = rollup.rebuild() if rebuild else rollup.fold()
        self.stdout.write(f"{'Rebuilt' if rebuild else 'Folded'} {done['days']} days ({done['rows']} rows) in "
                          f"{time.perf_counter() - started:.1f} s.")
