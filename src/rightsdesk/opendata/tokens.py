"""Issuing, listing and revoking researcher tokens (administrators only), for the staff page
(``staff_views``, /<lang>/staff/researcher-tokens/) and ``rightsdesk researcher_token``.

A researcher token is issued on request, to an organisation and a contact person, for at most a year; the raw
token (``rdr_...``) is returned once and only its digest is kept. Issue and revocation are written to the audit
trail. The contact is personal data (``cases.policy.RESEARCHER_PERSONAL_FIELDS``): encrypted, never written
to the audit's purpose text, and not even read for the list (``listing``).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.accounts.access import has_all
from rightsdesk.audit.services import record_access
from rightsdesk.core.digests import token_digest
from rightsdesk.core.errors import DomainError

from .models import ResearcherToken
from .researchers import TOKEN_PREFIX

MAX_DAYS = 366
#: What ``issue`` gives when not told otherwise (the command's and the staff form's defaults).
DEFAULT_DAYS = 365
DEFAULT_PER_MINUTE = 3000
ISSUE_PERMISSION = "opendata.add_researchertoken"
#: A token's status in ``listing``.
ACTIVE, EXPIRED, REVOKED = "active", "expired", "revoked"


def _check_actor(actor) -> None:
    if actor is None or isinstance(actor, str):
        return  # the command line (an operator on the server)
    if not has_all(actor, ISSUE_PERMISSION):
        raise DomainError(_("Only an administrator can issue or revoke researcher tokens."), code="forbidden")


@transaction.atomic
def issue(*, organisation: str, contact: str, purpose: str = "", days: int = DEFAULT_DAYS,
          per_minute: int = DEFAULT_PER_MINUTE, actor) -> tuple[ResearcherToken, str]:
    _check_actor(actor)
    organisation, contact = (organisation or "").strip(), (contact or "").strip()
    if not organisation:
        raise DomainError(_("Give the researcher's organisation."), code="required", field="organisation")
    if not contact:
        raise DomainError(_("Give a contact person (name and e-mail) for the token."), code="required", field="contact")
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(_("A researcher token expires after 1 to %(max)d days.") % {"max": MAX_DAYS},
                          code="out_of_range", field="days")
    if not 1 <= per_minute <= 100_000:
        raise DomainError(_("The rate limit is 1 to 100,000 requests a minute."), code="out_of_range", field="per_minute")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    user = actor if actor is not None and not isinstance(actor, str) else None
    token = ResearcherToken.objects.create(
        organisation=organisation[:300], contact=contact[:500], purpose=(purpose or "")[:500],
        digest=token_digest(raw), prefix=raw[:10], per_minute=per_minute, created_by=user,
        expires_at=timezone.now() + timedelta(days=days))
    record_access(actor, "token", obj=token, purpose=f"issued researcher token {token.prefix}… to {organisation}")
    return token, raw


@transaction.atomic
def revoke(token: ResearcherToken, *, actor) -> ResearcherToken:
    """Revoke ``token``. The row is revoked only if it is not yet, in one statement, so of two revocations at the
    same moment (two administrators, a page and the command) one succeeds and is audited and the other is told."""
    _check_actor(actor)
    now, by = timezone.now(), actor if actor is not None and not isinstance(actor, str) else None
    if token.revoked_at is not None or not ResearcherToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=by):
        raise DomainError(_("This researcher token was already revoked."), code="already_revoked")
    token.revoked_at, token.revoked_by = now, by
    record_access(actor, "token", obj=token,
                  purpose=f"revoked researcher token {token.prefix}… of {token.organisation}")
    return token


def listing():
    """Every researcher token, newest first, each with ``status``: REVOKED, EXPIRED or ACTIVE.

    Active as ``ResearcherToken.objects.active()`` says (not revoked, not expired: the tokens the public API
    accepts), asked in the same query. The contact is deferred: a list has no reason to decrypt who asked.
    """
    accepted = ResearcherToken.objects.active().filter(pk=OuterRef("pk"))
    return ResearcherToken.objects.defer("contact").annotate(status=Case(
        When(revoked_at__isnull=False, then=Value(REVOKED)), When(Exists(accepted), then=Value(ACTIVE)),
        default=Value(EXPIRED)))


def by_prefix(prefix: str) -> ResearcherToken:
    prefix = (prefix or "").strip()
    matches = list(ResearcherToken.objects.filter(prefix__startswith=prefix)[:2]) if prefix else []
    if not matches:
        raise DomainError(f"No researcher token starts with {prefix!r}. 'rightsdesk researcher_token list' shows them.",
                          code="not_found")
    if len(matches) > 1:
        raise DomainError(f"Several researcher tokens start with {prefix!r}; give more characters.", code="ambiguous")
    return matches[0]
