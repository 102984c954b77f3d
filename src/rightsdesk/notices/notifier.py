"""Delivery of notices through a pluggable backend.

The setting ``RIGHTSDESK_NOTIFIER`` names a class (dotted path) with a
``send(message: OutgoingMessage) -> str`` method that delivers one message or
raises; the default, :class:`EmailNotifier`, sends e-mail through Django's
mail framework, so the SMTP server is configured with the usual ``EMAIL_*``
settings. A platform that reaches its users another way (a talk-page message,
an in-app notification) plugs in its own class without touching the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from rightsdesk.core import mailrefs
from rightsdesk.core.logfilters import masked

DEFAULT_NOTIFIER = "rightsdesk.notices.notifier.EmailNotifier"


class NotDeliverable(Exception):
    """The message cannot be delivered by this backend (no address, for example); retrying will not help."""


@dataclass(frozen=True)
class OutgoingMessage:
    subject: str
    body: str
    language: str
    reference: str
    to_email: str = ""
    to_account: str = ""
    headers: dict = field(default_factory=dict)


class EmailNotifier:
    """Sends the notice as a plain-text e-mail via django.core.mail (SMTP by default)."""

    def send(self, message: OutgoingMessage) -> str:
        if not message.to_email:
            raise NotDeliverable("The recipient has no e-mail address. Add one to the party, or cancel the notice "
                                 "with a reason if they cannot be reached.")
        # The Message-ID and the subject carry the case reference, so a reply finds its case (rightsdesk.mail).
        email = EmailMessage(
            subject=mailrefs.subject_with_reference(message.subject, message.reference), body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL, to=[message.to_email],
            headers={"Content-Language": message.language, "X-Rightsdesk-Reference": message.reference,
                     "Message-ID": mailrefs.message_id_for(message.reference, "notice"), **message.headers},
            connection=get_connection(fail_silently=False),
        )
        email.encoding = "utf-8"
        email.send(fail_silently=False)
        return ""


@lru_cache(maxsize=1)
def _notifier_class():
    return import_string(getattr(settings, "RIGHTSDESK_NOTIFIER", DEFAULT_NOTIFIER))


@receiver(setting_changed)
def _reset(setting, **kwargs):
    if setting == "RIGHTSDESK_NOTIFIER":
        _notifier_class.cache_clear()


def get_notifier():
    return _notifier_class()()


def describe_error(exc: BaseException) -> str:
    """A delivery error as staff should see it: the type and message, with addresses and private links masked.

    SMTP servers echo the recipient's address in refusals, and a content filter quotes the links of the message it
    refused (the appeal link is one); the error is stored and shown on the outbox, the notice and the case page's
    panel to every staff member who may view notices, so it is masked before it is kept, by the one rule the logs
    are masked with (``core.logfilters.masked``).
    """
    text = str(exc) or exc.__class__.__name__
    if isinstance(exc, bytes):  # pragma: no cover - defensive
        text = exc.decode(errors="replace")
    text = masked(text)
    return f"{exc.__class__.__name__}: {text}"[:1000]
