"""Submitting organisations and their API tokens.

A token is shown once when issued and stored only as a digest, so a copy of
the database does not let anyone submit in an organisation's name.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "rdk_"
#: A token's "last used" is written at most once a minute: every API request would otherwise write to the database
#: (on SQLite, wait for its write lock) before doing anything else.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class Organisation(models.Model):
    """Someone who submits through the API, e.g. a rights-holder's agent."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    requester_type = models.CharField(_("requester type"), max_length=32, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    trusted_flagger = models.BooleanField(_("trusted flagger (DSA Art. 22)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("submitting organisation")

    def __str__(self) -> str:
        return self.name


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))


class ApiToken(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="tokens")
    label = models.CharField(_("label"), max_length=200, blank=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False, help_text=_("First characters, to recognise a token."))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.organisation})"

    @classmethod
    def issue(cls, organisation: Organisation, *, label: str = "", created_by=None, expires_at=None) -> tuple["ApiToken", str]:
        from rightsdesk.core.digests import token_digest

        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            organisation=organisation, label=label, digest=token_digest(raw), prefix=raw[:10],
            created_by=created_by, expires_at=expires_at,
        )
        return token, raw

    @classmethod
    def authenticate(cls, raw: str) -> "ApiToken | None":
        from rightsdesk.core.digests import token_digest

        if not raw or not raw.startswith(TOKEN_PREFIX):
            return None
        token = cls.objects.active().select_related("organisation").filter(digest=token_digest(raw)).first()
        now = timezone.now()
        if token and (token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION):
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token
