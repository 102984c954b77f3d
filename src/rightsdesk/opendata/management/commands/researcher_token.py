"""``rightsdesk researcher_token issue --org NAME --contact "Name <e-mail>"`` / ``list`` / ``revoke PREFIX``.

The raw token is printed once by ``issue``; only its digest is stored. Issue and revocation are written to the
audit trail as done by "cli". ``list`` shows prefixes, organisations and dates, never the contacts.
"""

from __future__ import annotations

from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand
from rightsdesk.core.errors import DomainError
from rightsdesk.opendata import tokens
from rightsdesk.opendata.models import ResearcherToken

ACTOR = "cli"


class Command(BaseCommand):
    help = "Issue, list and revoke researcher API tokens (no depth cap, higher rate limit, public record only)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="Issue a token to a researcher.")
        issue.add_argument("--org", required=True, help="The researcher's organisation.")
        issue.add_argument("--contact", required=True, help="Who asked: name and e-mail (kept encrypted).")
        issue.add_argument("--purpose", default="", help="What the research is.")
        issue.add_argument("--days", type=int, default=tokens.DEFAULT_DAYS,
                           help=f"Days until it expires (1 to {tokens.MAX_DAYS}).")
        issue.add_argument("--per-minute", type=int, default=tokens.DEFAULT_PER_MINUTE,
                           help="Requests a minute allowed.")
        sub.add_parser("list", help="List tokens (prefixes only).")
        revoke = sub.add_parser("revoke", help="Revoke the token whose prefix is given.")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        try:
            if action == "issue":
                token, raw = tokens.issue(organisation=options["org"], contact=options["contact"],
                                          purpose=options["purpose"], days=options["days"],
                                          per_minute=options["per_minute"], actor=ACTOR)
                self.stdout.write(raw)
                self.stderr.write(f"Issued {token.prefix}… to {token.organisation}, expires "
                                  f"{token.expires_at:%Y-%m-%d}. The token is shown only now.")
            elif action == "list":
                for token in ResearcherToken.objects.all():
                    state = "revoked" if token.revoked_at else f"expires {token.expires_at:%Y-%m-%d}"
                    self.stdout.write(f"{token.prefix}…  {token.organisation}  {token.per_minute}/min  {state}")
            else:
                token = tokens.revoke(tokens.by_prefix(options["prefix"]), actor=ACTOR)
                self.stdout.write(f"Revoked {token.prefix}… of {token.organisation}.")
        except DomainError as exc:
            raise CommandError(exc.message) from exc
