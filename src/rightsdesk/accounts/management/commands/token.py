"""``rightsdesk token create --org NAME`` / ``token list`` / ``token revoke PREFIX``: API tokens for scripts.

The raw token is printed once by ``create``; only its digest is stored. Issue
and revocation are recorded in the audit trail as done by "cli".
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import transaction

from rightsdesk.core.commands import BaseCommand
from rightsdesk.accounts.models import ApiToken
from rightsdesk.core.errors import DomainError
from rightsdesk.intake import tokens

ACTOR = "cli"


class Command(BaseCommand):
    help = "Issue, list and revoke API tokens of submitting organisations."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Issue a token (the organisation is created if it does not exist).")
        create.add_argument("--org", required=True, help="Organisation name.")
        create.add_argument("--label", default="", help="What the token is for.")
        create.add_argument("--expires-days", type=int, default=None, help="Days until the token expires.")
        lst = sub.add_parser("list", help="List tokens (prefixes only).")
        lst.add_argument("--org", default=None, help="Only this organisation's tokens.")
        revoke = sub.add_parser("revoke", help="Revoke the token whose prefix is given.")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def _create(self, org, label, expires_days, **_):
        existed = tokens.Organisation.objects.filter(name__iexact=org.strip()).exists()
        # One transaction: a token refused (e.g. --expires-days out of range) leaves no new organisation behind.
        with transaction.atomic():
            organisation = tokens.organisation_named(org)
            token, raw = tokens.issue(organisation, label=label, expires_days=expires_days, actor=ACTOR)
        if not existed:
            self.stderr.write(f"Created the organisation {organisation.name!r}.")
        self.stderr.write(f"Token {token.prefix}… for {organisation.name}"
                          + (f", expires {token.expires_at:%Y-%m-%d}" if token.expires_at else "")
                          + ". It is shown only now:")
        self.stdout.write(raw)

    def _list(self, org=None, **_):
        qs = ApiToken.objects.select_related("organisation").order_by("organisation__name", "-created_at")
        if org:
            qs = qs.filter(organisation__name__iexact=org)
        rows = [("PREFIX", "ORGANISATION", "LABEL", "CREATED", "EXPIRES", "LAST USED", "STATUS")]
        for t in qs:
            rows.append((t.prefix, t.organisation.name, t.label or "-", f"{t.created_at:%Y-%m-%d}",
                         f"{t.expires_at:%Y-%m-%d}" if t.expires_at else "-",
                         f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "-",
                         "revoked" if t.revoked_at else "active"))
        if len(rows) == 1:
            self.stdout.write("No tokens.")
            return
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())

    def _revoke(self, prefix, **_):
        token = tokens.revoke(tokens.by_prefix(prefix), actor=ACTOR)
        self.stdout.write(f"Revoked {token.prefix}… of {token.organisation.name}.")
