"""``rightsdesk demo``: migrate, load the demo data once, print the demo logins, serve."""

import os
import secrets

from django.conf import settings
from django.core.management import call_command
from rightsdesk.core.commands import BaseCommand
from django.db import transaction

from rightsdesk.demo import DEMO_USERS  # the logins and their roles (rightsdesk.demo, where the data is built)


class Command(BaseCommand):
    help = "Set up the embedded database with realistic demo data and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-serve", action="store_true", help="Prepare the data, print the logins, and stop.")
        parser.add_argument("--seed", type=int, default=20250701)
        parser.add_argument("--require-2fa", action="store_true",
                            help="Require two-factor sign-in as production does (off in the demo by default).")

    def handle(self, *args, port, host, no_serve, seed, require_2fa=False, **options):
        from .serve import use_local_base_url

        use_local_base_url(host, port)  # the demo's e-mails link to the port it runs on
        call_command("migrate", interactive=False, verbosity=0)
        from rightsdesk.cases.models import Case

        if Case.objects.exists():
            self.stdout.write(f"Demo data already loaded ({Case.objects.count()} cases); keeping it.")
        else:
            self.stdout.write("Loading the demo data set...")
            from rightsdesk import demo

            with transaction.atomic():
                demo.build(seed=seed, write=self.stdout.write)
            self.stdout.write(f"Loaded {Case.objects.count()} cases.")
        password = self._demo_password()
        self._ensure_users(password)
        self.stdout.write("")
        self.stdout.write("Demo staff logins (password for all: %s):" % password)
        for username, full_name, roles in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {full_name} — {', '.join(roles)}")
        self.stdout.write(f"Sign in at http://{host}:{port}/en/staff/login/")
        if not require_2fa:
            # The demo's logins are shared on screen, so a second factor would only get in the way;
            # production keeps RIGHTSDESK_REQUIRE_2FA on (the default).
            settings.RIGHTSDESK_REQUIRE_2FA = False
            self.stdout.write("Two-factor sign-in is OFF in this demo (use --require-2fa to try it); production requires it.")
        if "RIGHTSDESK_EMAIL_BACKEND" not in os.environ and "RIGHTSDESK_EMAIL_HOST" not in os.environ:
            # No mail server on a laptop: the demo's e-mails (receipts, notices, alerts) go to files.
            settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
            settings.EMAIL_FILE_PATH = str(settings.HOME / "outbox")
            self.stdout.write(f"E-mails are written to {settings.EMAIL_FILE_PATH} instead of being sent.")
        if not no_serve:
            call_command("serve", host=host, port=port)

    def _demo_password(self) -> str:
        path = settings.HOME / "demo_password"
        if path.exists():
            return path.read_text().strip()
        password = "demo-" + secrets.token_urlsafe(9)
        path.write_text(password)
        path.chmod(0o600)
        return password

    def _ensure_users(self, password: str) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        User = get_user_model()
        for username, full_name, roles in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
            first, _, last = full_name.partition(" ")
            user.first_name, user.last_name = first, last
            user.email = f"{username}@demo.invalid"
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.set(Group.objects.filter(name__in=roles))
