"""Inboxes in the Django admin (the administrator configures them); received messages read-only.

A received message is written only by :mod:`rightsdesk.mail.services`; the admin lists what became of it and shows
no personal part (senders, subject, text: the staff inbox shows those to the roles that may see them).
"""

from django.contrib import admin

from rightsdesk.core.admin_base import ReadOnlyAdmin, ReadOnlyInline

from .models import ImapCursor, InboundAttachment, InboundMessage, Inbox


@admin.register(Inbox)
class InboxAdmin(admin.ModelAdmin):
    list_display = ("name", "address", "default_kind", "default_queue", "active", "imap_host")
    list_filter = ("active", "default_kind")
    fieldsets = (
        (None, {"fields": ("name", "address", "default_kind", "default_queue", "active")}),
        ("IMAP", {"fields": ("imap_host", "imap_port", "imap_ssl", "imap_user", "imap_password_env", "imap_folder")}),
    )


@admin.register(ImapCursor)
class ImapCursorAdmin(ReadOnlyAdmin):
    list_display = ("inbox", "uidvalidity", "last_uid", "updated_at")


class AttachmentInline(ReadOnlyInline):
    model = InboundAttachment
    fields = ("content_type", "size", "refused_reason")


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdmin):
    list_display = ("id", "inbox", "received_at", "sent_at", "status", "ignore_reason", "problems", "case",
                    "suggested_kind")
    list_filter = ("inbox", "status", "ignore_reason", "suggested_kind")
    fields = ("inbox", "received_at", "sent_at", "message_id", "status", "ignore_reason", "problems", "duplicate_of",
              "case", "suggested_kind", "suggested_requester_type", "imap_uid")
    inlines = [AttachmentInline]
    list_select_related = ("inbox", "case")
