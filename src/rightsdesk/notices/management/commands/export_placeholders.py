import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rightsdesk.transparency.placeholders import export


class Command(BaseCommand):
    help = "Write every placeholder (removed or restricted items and why, no private data) as JSON for the platform."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="File to write, or - for standard output.")
        parser.add_argument("--language", default="en", help="Language of the explanations (default: en).")

    def handle(self, *args, out, language, **options):
        data = {"placeholders": export(language)}
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if out == "-":
            self.stdout.write(text)
            return
        path = Path(out)
        if not path.parent.exists():
            raise CommandError(f"The folder {path.parent} does not exist; create it or choose another --out.")
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)  # never leave a half-written export
        self.stdout.write(f"{len(data['placeholders'])} placeholder(s) written to {path}.")
