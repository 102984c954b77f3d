"""The requester's private tracking link: its path and URL, and the sealed form background tasks carry.

Both the intake services (which hand the link out) and the receipt task (which
e-mails it) need these; they live here so neither imports the other.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from rightsdesk.core.public_urls import public_url


def tracking_path(token: str, language: str) -> str:
    with translation.override(language):
        return reverse("intake:track", kwargs={"token": token})


def tracking_url(token: str, language: str, request=None) -> str:
    """The tracking link, absolute: for the page of ``request`` when given, else for an e-mail (core.public_urls)."""
    return public_url(tracking_path(token, language), request)


# The receipt task needs the raw tracking token to put the link in the e-mail,
# but task arguments are stored in the database. They are sealed with the keys
# of the personal data (privacy.crypto: AES-GCM, RIGHTSDESK_ENCRYPTION_KEYS,
# bound to this one purpose), so the tasks table never holds a usable link and
# the seal rotates with those keys: a box sealed before a rotation opens while
# its key is still listed.
SEAL_PURPOSE = "intake.receipt-token"


def seal(token: str) -> str:
    from rightsdesk.privacy import crypto

    return crypto.seal_text(token, SEAL_PURPOSE)


def unseal(box: str) -> str | None:
    from rightsdesk.privacy import crypto

    try:
        return crypto.open_text(box, SEAL_PURPOSE)
    except crypto.DecryptionError:
        return _unseal_fernet(box)


# Transition: receipts queued before the seal moved to privacy.crypto hold a Fernet box under a key derived from
# SECRET_KEY. They still open, so a receipt queued just before an upgrade (or waiting on a stopped worker) is sent.
# Remove in a release after the upgrade, when no such task can be left in the queue.
def _unseal_fernet(box: str) -> str | None:
    key = hashlib.sha256(("rightsdesk.intake.receipt:" + settings.SECRET_KEY).encode()).digest()
    try:
        return Fernet(base64.urlsafe_b64encode(key)).decrypt(box.encode()).decode()
    except (InvalidToken, ValueError, TypeError):
        return None
