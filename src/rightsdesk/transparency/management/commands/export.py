"""rightsdesk export dsa|lumen --period P (--out FILE | --submit)

- ``export dsa --period 2025-H2 --out sor.jsonl``: one statement of reasons per
  restricting decision made in the period, as JSON lines, each validated.
- ``export dsa --period 2025-H2 --submit``: send them to the Transparency
  Database (RIGHTSDESK_DSA_ENDPOINT / RIGHTSDESK_DSA_TOKEN) in batches of 100.
- ``export lumen --period 2025-H2 --out lumen.jsonl``: every public notice
  decided in the period as Lumen notice JSON.
- ``export opendata --out DIR``: the open data set (the bulk files of the data
  page, with their ``datapackage.json``; rightsdesk.opendata) into DIR; with
  ``--period 2025-H2``, that closed half-year's set.

A period is "2025-H1", "2025" or "2025-01-01..2025-03-31"; it selects by the
date of the *decision*.
"""

from __future__ import annotations

import sys

from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand, write_whole
from rightsdesk.core.errors import DomainError
from rightsdesk.reports.periods import parse_period


class Command(BaseCommand):
    help = "Export decisions: EU DSA statements of reasons (JSON lines or submitted), or Lumen notices."

    def add_arguments(self, parser):
        parser.add_argument("target", choices=["dsa", "lumen", "opendata"],
                            help="dsa: statements of reasons; lumen: notices; opendata: the bulk files")
        parser.add_argument("--period", help='e.g. "2025-H2", "2025" or "2025-01-01..2025-03-31"')
        parser.add_argument("--out", help="file to write JSON lines to ('-' for standard output)")
        parser.add_argument("--submit", action="store_true", help="dsa only: send to the Transparency Database")

    def handle(self, *args, target, period, out=None, submit=False, **options):
        refused: list[tuple[str, str]] = []
        if target == "opendata":
            return self._opendata(period, out)
        if not period:
            raise CommandError('Give the period with --period, e.g. "2025-H2".')
        try:
            chosen = parse_period(period)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        if submit and target != "dsa":
            raise CommandError("--submit only applies to 'dsa'; Lumen notices are written to a file with --out.")
        if not submit and not out:
            raise CommandError("Say where to write the export with --out FILE (or --submit for dsa).")
        try:
            if target == "dsa":
                from rightsdesk.transparency.exports import dsa

                rows = list(dsa.statements(chosen.start, chosen.end, refused=refused))
                for puid, message in refused:
                    self.stderr.write(f"  refused {puid}: {message} (correct its public record in the redaction "
                                      f"editor, then export again)")
                if submit:
                    from rightsdesk.transparency.exports import dsa_client

                    report = dsa_client.submit(rows)
                    self.stdout.write(
                        f"{len(rows)} statements for {chosen.slug}: {report.submitted} stored, "
                        f"{report.existing} already stored, {report.rejected} rejected, {report.failed} failed "
                        f"({report.requests} requests)")
                    for puid, message in report.errors.items():
                        self.stderr.write(f"  {puid}: {message}")
                    if report.rejected or report.failed:
                        raise CommandError("Some statements were not stored; run the command again to retry them.")
                    return
                writer = dsa.write_jsonl
            else:
                from rightsdesk.transparency.exports import lumen

                rows = list(lumen.notices(chosen.start, chosen.end))
                writer = lumen.write_jsonl
        except DomainError as exc:
            raise CommandError(exc.message) from None
        if out == "-":
            count = writer(rows, sys.stdout)
        else:
            count = write_whole(out, lambda handle: writer(rows, handle))
        self.stderr.write(f"{count} {'statements' if target == 'dsa' else 'notices'} for {chosen.slug} written to {out}")
        if target == "dsa" and refused:
            raise CommandError(f"{len(refused)} statement(s) were refused by the validator and left out; "
                               f"the {count} others were written.")

    def _opendata(self, period, out):
        if not out or out == "-":
            raise CommandError("Say which directory to write the open data files to with --out DIR.")
        from pathlib import Path

        from rightsdesk.opendata import bulk

        try:
            chosen = parse_period(period) if period else None
            package = bulk.write_release(Path(out), period=chosen)  # writes its files; leaves others alone
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stderr.write(f"{len(package['resources'])} files and datapackage.json written to {out}")
