"""Encryption at rest for personal data, with keys from the environment.

``RIGHTSDESK_ENCRYPTION_KEYS`` holds one or more base64-encoded 32-byte keys,
comma-separated; the first encrypts, all of them decrypt, so a key can be
rotated by putting the new one first and running ``rightsdesk reencrypt``,
which re-seals every stored value and attachment file with it. Without it —
on a laptop demo — a key is derived from Django's SECRET_KEY, and
``manage.py check --deploy`` warns.

Values are sealed with AES-256-GCM (authenticated: a changed ciphertext fails
to open rather than decrypting to garbage) and a random 96-bit nonce, stored as
``enc1:<key id>:<base64(nonce + ciphertext + tag)>``. AES-GCM rather than
Fernet because bulk intake encrypts several fields per notice and GCM is
several times cheaper.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from binascii import b2a_base64
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

PREFIX = "enc1:"
#: Nonces an encryptor draws from the operating system at once.
_NONCES = 256


class DecryptionError(Exception):
    pass


def _derive(label: bytes) -> bytes:
    # Not Django's salted_hmac, on purpose: this derivation is frozen. The field key used while
    # RIGHTSDESK_ENCRYPTION_KEYS is unset and the key of every blind index (the stored digests that let encrypted
    # e-mail addresses be looked up) come from it; deriving them differently would leave stored ciphertexts
    # unopenable and every lookup by e-mail empty. New derived keys use salted_hmac.
    return hashlib.sha256(b"rightsdesk:" + label + b":" + settings.SECRET_KEY.encode()).digest()


@lru_cache(maxsize=8)
def _keys_for(configured: str, secret_key: str) -> tuple[tuple[str, AESGCM], ...]:
    raw_keys = []
    for part in [p.strip() for p in configured.split(",") if p.strip()]:
        try:
            key = base64.b64decode(part, validate=True)
        except Exception:
            raise DecryptionError("RIGHTSDESK_ENCRYPTION_KEYS must be base64-encoded 32-byte keys, comma-separated.") from None
        if len(key) != 32:
            raise DecryptionError("Each key in RIGHTSDESK_ENCRYPTION_KEYS must decode to exactly 32 bytes.")
        raw_keys.append(key)
    if not raw_keys:
        raw_keys = [_derive(b"field-encryption")]
    return tuple((hashlib.sha256(k).hexdigest()[:8], AESGCM(k)) for k in raw_keys)


def keys() -> tuple[tuple[str, AESGCM], ...]:
    return _keys_for(os.environ.get("RIGHTSDESK_ENCRYPTION_KEYS", ""), settings.SECRET_KEY)


def using_derived_key() -> bool:
    return not os.environ.get("RIGHTSDESK_ENCRYPTION_KEYS", "").strip()


def encryptor():
    """:func:`encrypt` with the current key looked up once, for sealing many values in one go (bulk intake:
    looking the key up in the environment cost more than the encryption)."""
    key_id, aead = keys()[0]
    head, associated, encrypt = f"{PREFIX}{key_id}:", key_id.encode(), aead.encrypt
    # The random nonces are read from the operating system several at a time (one call instead of one per value: a
    # third of the cost of sealing a short value), one for the first value, twice as many at each refill, at most
    # _NONCES (so encrypt(), one value, draws one). Each 12 bytes are used once, by this function only; an encryptor
    # lives for one bulk write (cases.bulk) or one value, never across a fork.
    pool = [b"", 0, 1]  # the bytes, where the next nonce starts, how many nonces the next refill draws

    def seal(plaintext: str) -> str:
        at = pool[1]
        if at + 12 > len(pool[0]):
            pool[0], at, pool[2] = os.urandom(12 * pool[2]), 0, min(2 * pool[2], _NONCES)
        nonce = pool[0][at:at + 12]
        pool[1] = at + 12
        return head + b2a_base64(nonce + encrypt(nonce, plaintext.encode("utf-8"), associated), newline=False).decode()

    return seal


def encrypt(plaintext: str) -> str:
    return encryptor()(plaintext)


def is_encrypted(value: str) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def decrypt(value: str) -> str:
    if not is_encrypted(value):
        return value  # written before encryption was switched on; re-saving encrypts it
    try:
        _, key_id, payload = value.split(":", 2)
        blob = base64.b64decode(payload)
    except Exception:
        raise DecryptionError("An encrypted value is malformed.") from None
    return _open(key_id, blob).decode("utf-8")


def key_id_of(value: str | bytes) -> str | None:
    """The id of the key a stored value or file was sealed with; None for plaintext."""
    if isinstance(value, bytes):
        if not value.startswith(FILE_MAGIC):
            return None
        return value[len(FILE_MAGIC):len(FILE_MAGIC) + KEY_ID_LENGTH].decode("ascii")
    return value.split(":", 2)[1] if is_encrypted(value) and value.count(":") >= 2 else None


def current_key_id() -> str:
    return keys()[0][0]


# --- files ---------------------------------------------------------------------------------------------------
# An attachment is sealed whole: FILE_MAGIC, the key id (8 ASCII characters), the nonce, the ciphertext and tag.
# Attachments are capped in size (intake's MAX_ATTACHMENT_BYTES), so sealing in one piece costs little memory.

FILE_MAGIC = b"rdk-enc1:"
KEY_ID_LENGTH = 8


def encrypt_bytes(data: bytes) -> bytes:
    key_id, aead = keys()[0]
    nonce = os.urandom(12)
    return FILE_MAGIC + key_id.encode("ascii") + nonce + aead.encrypt(nonce, data, key_id.encode())


def decrypt_bytes(blob: bytes) -> bytes:
    if not blob.startswith(FILE_MAGIC):
        return blob  # stored before files were encrypted; ``rightsdesk reencrypt`` seals it
    key_id = key_id_of(blob)
    return _open(key_id, blob[len(FILE_MAGIC) + KEY_ID_LENGTH:])


def _open(key_id: str, blob: bytes, associated: bytes | None = None) -> bytes:
    """Open nonce + ciphertext + tag sealed with the key ``key_id`` (and ``associated`` data, by default the key id)."""
    for kid, aead in keys():
        if kid == key_id:
            try:
                return aead.decrypt(blob[:12], blob[12:], key_id.encode() if associated is None else associated)
            except Exception:
                raise DecryptionError("An encrypted value failed its integrity check.") from None
    raise DecryptionError(f"No configured key has id {key_id}; add the old key to RIGHTSDESK_ENCRYPTION_KEYS.")


# --- short secrets for one purpose ----------------------------------------------------------------------------
# A value that must travel through a place that is not private (a task argument stored in the tasks table) is
# sealed for one purpose: the purpose is part of the authenticated data, so it opens only for that purpose, and
# open_text() never passes plaintext through the way decrypt() does for fields written before encryption.

SEALED_PREFIX = "seal1:"


def seal_text(plaintext: str, purpose: str) -> str:
    key_id, aead = keys()[0]
    nonce = os.urandom(12)
    sealed = aead.encrypt(nonce, plaintext.encode("utf-8"), f"{key_id}:{purpose}".encode())
    return f"{SEALED_PREFIX}{key_id}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def open_text(value: str, purpose: str) -> str:
    """Open a value of :func:`seal_text` sealed for ``purpose`` under any configured key; DecryptionError otherwise."""
    if not isinstance(value, str) or not value.startswith(SEALED_PREFIX) or value.count(":") < 2:
        raise DecryptionError("Not a sealed value.")
    _, key_id, payload = value.split(":", 2)
    try:
        blob = base64.urlsafe_b64decode(payload.encode("ascii"))
    except Exception:
        raise DecryptionError("A sealed value is malformed.") from None
    return _open(key_id, blob, f"{key_id}:{purpose}".encode()).decode("utf-8")


def sealed_key_id(value: str) -> str | None:
    """The id of the key a value of :func:`seal_text` was sealed with; None when ``value`` is not one."""
    if not isinstance(value, str) or not value.startswith(SEALED_PREFIX) or value.count(":") < 2:
        return None
    return value.split(":", 2)[1]


def reseal_text(value: str, purpose: str) -> str:
    """``value`` (of :func:`seal_text`, for ``purpose``) sealed again under the current key, for key rotation."""
    return seal_text(open_text(value, purpose), purpose)


def blind_index(value: str) -> str:
    """A keyed digest of a normalised value, so encrypted fields can still be looked up by equality."""
    normalised = " ".join(value.split()).casefold()
    if not normalised:
        return ""
    return hmac.new(_derive(b"blind-index"), normalised.encode("utf-8"), hashlib.sha256).hexdigest()
