"""``rightsdesk import FILE [--dry-run]``: load historic cases from JSON lines (see docs/data-model.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand
from rightsdesk.cases.importer import import_lines


class Command(BaseCommand):
    help = ("Import past cases from a JSON-lines file (one case per line, schema in docs/data-model.md, "
            "'Historic import'). Bad lines are reported with their number and field and nothing of them is stored.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON-lines file, or - for standard input.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report, but store nothing.")
        parser.add_argument("--bulk", action="store_true",
                            help="Store lines with a stated outcome and no appeal_of 500 at a time (much faster).")

    def handle(self, *args, file: str, dry_run: bool, bulk: bool = False, **options):
        # Read as bytes: the importer decodes each line on its own, so a line that is not UTF-8 is refused with its
        # number and the summary below still says what was stored before and after it.
        if file == "-":
            summary = import_lines(getattr(sys.stdin, "buffer", sys.stdin), source_name="stdin", dry_run=dry_run,
                                   bulk=bulk)
        else:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"{file} is not a file: give the path of a JSON-lines file, one case per line.")
            with path.open("rb") as handle:
                summary = import_lines(handle, source_name=path.name, dry_run=dry_run, bulk=bulk)
        for skipped in summary.skipped:
            self.stdout.write(f"skipped {skipped}")
        for error in summary.errors:
            self.stderr.write(str(error))
        verb = "would be imported" if dry_run else "imported"
        text = (f"{summary.lines} lines read: {len(summary.imported)} {verb}, {len(summary.skipped)} skipped "
                f"(already imported), {summary.failed_lines} refused.")
        if dry_run:
            text += " Dry run: nothing was stored."
        if summary.failed_lines:
            raise CommandError(text + " Fix the refused lines and import the file again; lines already imported are skipped.")
        self.stdout.write(self.style.SUCCESS(text))
