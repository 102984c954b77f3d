"""What the mail intake stores: the inboxes, the IMAP cursor, and every message received.

- :class:`Inbox`: one address the platform receives legal mail at (legal@, dmca@...), with the kind and queue
  its messages usually become, and how to reach its IMAP folder. The password is never stored: only the name of
  the environment variable that holds it.
- :class:`ImapCursor`: the highest IMAP UID of an inbox already stored, so a restarted worker neither misses nor
  refetches a message (a refetched one is a duplicate anyway, see :func:`rightsdesk.mail.services.receive_message`).
- :class:`InboundMessage`: one e-mail as received. The whole original is kept encrypted (``raw``), and the parsed
  personal parts (senders, subject, text) are encrypted fields. Nothing received is thrown away: a message too
  big, broken or dangerous is kept as a flagged stub with its ``problems`` listed for a person.
- :class:`InboundAttachment`: one part of a message that is a file; a refused part (an executable, one past the
  limit) is listed with its reason but its bytes are not kept.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.cases import choices as c
from rightsdesk.privacy.fields import EncryptedTextField


def raw_path(instance, filename: str) -> str:
    # Random stored names, as intake's attachments: neither the sender's file name nor a digest of the contents.
    return f"mail/raw/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


def attachment_path(instance, filename: str) -> str:
    return f"mail/attachments/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class Inbox(models.Model):
    name = models.SlugField(_("name"), max_length=50, unique=True, help_text=_("legal, dmca, privacy, emergency..."))
    address = models.EmailField(_("address"))
    default_kind = models.CharField(_("usual kind of request"), max_length=32, choices=c.Kind.choices, blank=True)
    default_queue = models.CharField(_("queue"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)
    imap_host = models.CharField(_("IMAP server"), max_length=255, blank=True)
    imap_port = models.PositiveIntegerField(_("IMAP port"), default=993)
    imap_ssl = models.BooleanField(_("IMAP over TLS"), default=True)
    imap_user = models.CharField(_("IMAP user"), max_length=255, blank=True)
    imap_password_env = models.CharField(
        _("environment variable holding the IMAP password"), max_length=100, blank=True,
        help_text=_("The name of an environment variable, never the password itself."),
    )
    imap_folder = models.CharField(_("IMAP folder"), max_length=255, default="INBOX")

    class Meta:
        ordering = ["name"]
        verbose_name = _("inbox")
        verbose_name_plural = _("inboxes")

    def __str__(self) -> str:
        return self.name


class ImapCursor(models.Model):
    inbox = models.OneToOneField(Inbox, on_delete=models.CASCADE, related_name="imap_cursor")
    uidvalidity = models.BigIntegerField(null=True, blank=True)
    last_uid = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("IMAP cursor")
        verbose_name_plural = _("IMAP cursors")

    def __str__(self) -> str:
        return f"{self.inbox.name}: {self.uidvalidity}/{self.last_uid}"


class InboundMessage(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        FILED = "filed", _("Filed")
        IGNORED = "ignored", _("Ignored")
        FLAGGED = "flagged", _("Needs a person")

    class IgnoreReason(models.TextChoices):
        NONE = "", _("Not ignored")
        AUTO_REPLY = "auto_reply", _("Automatic reply")
        BOUNCE = "bounce", _("Delivery failure report")
        MAILING_LIST = "mailing_list", _("Mailing-list or bulk mail")
        DUPLICATE = "duplicate", _("Same sender and text as an earlier message")

    inbox = models.ForeignKey(Inbox, on_delete=models.PROTECT, related_name="messages")
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=998, blank=True, db_index=True)
    sender_email = EncryptedTextField(_("sender's address"), blank=True)
    sender_name = EncryptedTextField(_("sender's name"), blank=True)
    original_sender_email = EncryptedTextField(_("original sender's address"), blank=True)
    original_sender_name = EncryptedTextField(_("original sender's name"), blank=True)
    forwarded_by = EncryptedTextField(_("forwarded by"), blank=True)
    subject = EncryptedTextField(_("subject"), blank=True)
    body_text = EncryptedTextField(_("text"), blank=True)
    body_hash = models.CharField(_("digest of sender and text"), max_length=64, blank=True, db_index=True)
    raw = models.FileField(_("original message"), upload_to=raw_path, max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)
    ignore_reason = models.CharField(_("why ignored"), max_length=32, choices=IgnoreReason.choices, blank=True)
    #: What the person who set the message aside said ("spam", "a copy of message 12").
    ignore_note = EncryptedTextField(_("why a person ignored it"), max_length=500, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="duplicates")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="inbound_messages")
    suggested_kind = models.CharField(_("suggested kind"), max_length=32, choices=c.Kind.choices, blank=True)
    suggested_requester_type = models.CharField(_("suggested requester type"), max_length=32,
                                                choices=c.RequesterType.choices, blank=True)
    imap_uid = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("received e-mail")
        verbose_name_plural = _("received e-mails")
        indexes = [models.Index(fields=["status", "received_at"], name="mail_message_status")]

    def __str__(self) -> str:
        return f"message {self.pk} in {self.inbox.name}"


class InboundAttachment(models.Model):
    message = models.ForeignKey(InboundMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = EncryptedTextField(_("file name"), blank=True)
    content_type = models.CharField(_("content type"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300, blank=True)
    refused_reason = models.CharField(_("why not kept"), max_length=64, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment of a received e-mail")
        verbose_name_plural = _("attachments of received e-mails")

    def __str__(self) -> str:
        return f"{self.filename} ({self.size} bytes)"
