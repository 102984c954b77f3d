import json

from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand, write_whole
from rightsdesk.core.errors import DomainError
from rightsdesk.privacy.subject_export import export_subject


class Command(BaseCommand):
    help = "Export everything held on one person (by e-mail or account name) as JSON, for a data-subject request."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="")
        parser.add_argument("--account", default="")
        parser.add_argument("--out", help="File to write (default: standard output).")

    def handle(self, *args, email, account, out, **options):
        held = []
        try:
            document = export_subject(email=email, account=account, actor="command:subject_export",
                                      withheld_cases=held)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        if held:  # for the staff answering the request, never in the document (which may go to the person as is)
            self.stderr.write(f"Withheld under a legal hold: {len(held)} case(s) left out of the export. The legal "
                              "team decides what the person is told (the audit trail names the cases).")
        text = json.dumps(document, ensure_ascii=False, indent=2)
        if out:
            write_whole(out, lambda handle: handle.write(text + "\n"))
            self.stdout.write(f"Wrote {len(document['cases'])} case(s) to {out}")
        else:
            self.stdout.write(text)
