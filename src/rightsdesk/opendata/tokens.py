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
from rightsdesk.core.errors import DomainError, Refusals

from .models import DEFAULT_PER_MINUTE, ResearcherToken
from .researchers import TOKEN_PREFIX

MAX_DAYS = 366
#: What ``issue`` gives when not told otherwise (the command's and the staff form's defaults).
DEFAULT_DAYS = 365
MAX_PER_MINUTE = 100_000
ISSUE_PERMISSION = "opendata.add_researchertoken"
#: A token's status in ``listing``.
ACTIVE, EXPIRED, REVOKED = "active", "expired", "revoked"


def _check_actor(actor) -> None:
    if actor is None or isinstance(actor, str):
        return  # the command line (an operator on the server)
    if not has_all(actor, ISSUE_PERMISSION):
        raise DomainError(_("Only an administrator can issue or revoke researcher tokens."), code="forbidden")


class TokenRefused(Refusals):
    """What is wrong with a token's details, every problem at once (``core.errors.Refusals``), in the order of the
    form; the command prints the joined message. Given as (field, code, message) each."""

    def __init__(self, problems: list[tuple[str, str, str]]):
        super().__init__([DomainError(message, code=code, field=field) for field, code, message in problems])


def problems(*, organisation: str, contact: str, days: int, per_minute: int) -> list[tuple[str, str, str]]:
    """(field, code, message) of each detail ``issue`` refuses, in the order of the form; empty when all are good."""
    found = []
    if not organisation:
        found.append(("organisation", "required", _("Give the researcher's organisation.")))
    if not contact:
        found.append(("contact", "required", _("Give a contact person (name and e-mail) for the token.")))
    if not 1 <= days <= MAX_DAYS:
        found.append(("days", "out_of_range",
                      _("A researcher token expires after 1 to %(max)d days.") % {"max": MAX_DAYS}))
    if not 1 <= per_minute <= MAX_PER_MINUTE:
        found.append(("per_minute", "out_of_range", _("The rate limit is 1 to 100,000 requests a minute.")))
    return found


@transaction.atomic
def issue(*, organisation: str, contact: str, purpose: str = "", days: int = DEFAULT_DAYS,
          per_minute: int = DEFAULT_PER_MINUTE, actor) -> tuple[ResearcherToken, str]:
    """Issue a token: (the stored token, the raw token to show once). :class:`TokenRefused` names every detail
    that is wrong; nothing is stored then."""
    _check_actor(actor)
    organisation, contact = (organisation or "").strip(), (contact or "").strip()
    refused = problems(organisation=organisation, contact=contact, days=days, per_minute=per_minute)
    if refused:
        raise TokenRefused(refused)
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
