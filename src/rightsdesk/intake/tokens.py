"""Issuing and revoking API tokens, for the staff pages and the ``rightsdesk token`` command alike.

Each issue and revocation is written to the audit trail (action "token"); the
raw token is returned once and never stored or logged.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from rightsdesk.accounts.models import ApiToken, Organisation
from rightsdesk.audit.services import record_access
from rightsdesk.core.errors import DomainError

MAX_EXPIRY_DAYS = 3650


def organisation_named(name: str, *, create: bool = True) -> Organisation:
    name = (name or "").strip()
    if not name:
        raise DomainError("Give the organisation's name.", code="required", field="organisation")
    if len(name) > 200:
        raise DomainError("An organisation name has at most 200 characters.", code="too_long", field="organisation")
    org = Organisation.objects.filter(name__iexact=name).first()
    if org is None:
        if not create:
            raise DomainError(f"No organisation is called {name!r}.", code="not_found", field="organisation")
        org = Organisation.objects.create(name=name)
    return org


@transaction.atomic
def issue(organisation: Organisation, *, label: str = "", expires_days: int | None = None, actor) -> tuple[ApiToken, str]:
    if expires_days is not None and not (1 <= expires_days <= MAX_EXPIRY_DAYS):
        raise DomainError(f"A token expires after 1 to {MAX_EXPIRY_DAYS} days.", code="out_of_range", field="expires_days")
    expires_at = timezone.now() + timedelta(days=expires_days) if expires_days else None
    user = actor if actor is not None and not isinstance(actor, str) else None
    token, raw = ApiToken.issue(organisation, label=label[:200], created_by=user, expires_at=expires_at)
    record_access(actor, "token", obj=token, purpose=f"issued API token {token.prefix}… for {organisation.name}")
    return token, raw


@transaction.atomic
def revoke(token: ApiToken, *, actor) -> ApiToken:
    if token.revoked_at is not None:
        raise DomainError(f"Token {token.prefix}… was already revoked.", code="already_revoked")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_access(actor, "token", obj=token, purpose=f"revoked API token {token.prefix}… of {token.organisation.name}")
    return token


def by_prefix(prefix: str) -> ApiToken:
    matches = list(ApiToken.objects.select_related("organisation").filter(prefix__startswith=prefix.strip())[:2])
    if not prefix.strip() or not matches:
        raise DomainError(f"No token starts with {prefix!r}. 'rightsdesk token list' shows them.", code="not_found")
    if len(matches) > 1:
        raise DomainError(f"More than one token starts with {prefix!r}; give more characters.", code="ambiguous")
    return matches[0]
