"""``rightsdesk reencrypt``: re-seal stored personal data with the current key, after a rotation."""

from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand
from rightsdesk.privacy import crypto
from rightsdesk.privacy.rotation import reencrypt


class Command(BaseCommand):
    help = ("Re-encrypt every encrypted field and attachment file still under an older key (or unencrypted) with "
            "the first key of RIGHTSDESK_ENCRYPTION_KEYS. Safe to stop and run again.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be re-encrypted; change nothing.")
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction (default 500).")

    def handle(self, *args, dry_run, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            result = reencrypt(dry_run=dry_run, batch_size=batch_size)
        except crypto.DecryptionError as error:
            raise CommandError(f"{error} Nothing after this point was changed; fix the keys and run it again.")
        verb = "would re-encrypt" if dry_run else "re-encrypted"
        self.stdout.write(f"current key {result.current_key}")
        for model in result.models:
            before = ", ".join(f"{key} {n}" for key, n in sorted(model.keys_before.items())) or "no values"
            self.stdout.write(f"{model.label}: {model.rows} rows, {verb} {model.resealed} "
                              f"(values by key before: {before})")
        for app, counter in result.files.items():
            before = ", ".join(f"{key} {n}" for key, n in sorted(counter.items())) or "no files"
            self.stdout.write(f"{app} files: {sum(counter.values())}, by key before: {before}")
        self.stdout.write(f"files {verb}: {result.files_resealed}")
        for app, counter in result.texts.items():
            before = ", ".join(f"{key} {n}" for key, n in sorted(counter.items())) or "none"
            self.stdout.write(f"{app} sealed links: {sum(counter.values())}, by key before: {before}")
        if result.texts:
            self.stdout.write(f"sealed links {verb}: {result.texts_resealed}")
        old = sorted(result.old_keys_in_use - {"plaintext"})
        unsealed = "plaintext" in result.old_keys_in_use
        if not old and not unsealed:
            self.stdout.write("Nothing was under an older key or unencrypted.")
        elif dry_run:
            self.stdout.write(f"Under older keys: {', '.join(old) or 'none'}; unencrypted values or files: "
                              f"{'yes' if unsealed else 'none'}. Run without --dry-run before removing any key.")
        else:
            self.stdout.write("Everything is now under the current key" + (
                f"; keys {', '.join(old)} may be removed from RIGHTSDESK_ENCRYPTION_KEYS." if old else "."))
