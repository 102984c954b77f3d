import json

from rightsdesk.core.commands import BaseCommand, language_option, write_whole
from rightsdesk.transparency.placeholders import export


class Command(BaseCommand):
    help = "Write every placeholder (removed or restricted items and why, no private data) as JSON for the platform."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="File to write, or - for standard output.")
        parser.add_argument("--language", default="en", help="Language of the explanations (default: en).")

    def handle(self, *args, out, language, **options):
        data = {"placeholders": export(language_option(language))}
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if out == "-":
            self.stdout.write(text)
            return
        write_whole(out, lambda handle: handle.write(text))
        self.stdout.write(f"{len(data['placeholders'])} placeholder(s) written to {out}.")
