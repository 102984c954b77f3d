"""The audit trail: every look at private data and every sensitive staff action.

Case history says what happened to a case; the audit trail says who saw or
exported what. Both are append-only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .chain import GENESIS, seal


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit trail is append-only.")

    def delete(self):
        raise PermissionError("The audit trail is append-only.")


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW_PRIVATE = "view_private", _("Viewed private data")
        EXPORT = "export", _("Exported data")
        DOWNLOAD = "download", _("Downloaded an attachment")
        TOKEN = "token", _("Issued or revoked an API token")
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        PUBLISH = "publish", _("Published")
        PURGE = "purge", _("Purged personal data")
        OTHER = "other", _("Other")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries")
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    fields = models.JSONField(default=list, blank=True, help_text=_("Names of the private fields shown, never their values."))
    purpose = models.CharField(max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    entry_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        with transaction.atomic():
            seal(self, "audit")
            super().save(*args, **kwargs)

    def chain_content(self) -> dict:
        return {"at": self.at, "actor": self.actor_id, "actor_label": self.actor_label, "action": self.action,
                "case": self.case_id, "object_type": self.object_type, "object_id": self.object_id,
                "fields": list(self.fields), "purpose": self.purpose}

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")


class ChainHead(models.Model):
    """The newest hash of each chain; its row is the lock appenders queue on."""

    name = models.CharField(max_length=64, primary_key=True)
    last_hash = models.CharField(max_length=64, default=GENESIS)
    length = models.PositiveBigIntegerField(default=0)
