"""Checking and storing attached files.

The type of a file is decided by its first bytes, not by its name or by the
content type the browser claims: a file called ``order.pdf`` that is really
an executable is refused. The name must still agree with the contents, so
staff are not misled when they open it.

Files are stored encrypted (AES-GCM with the key of
:mod:`rightsdesk.privacy.crypto`, as the personal fields are): a court order
or a screenshot of harassment names people, and a copy of the media directory
or of its backups must not show them. :func:`read` opens one for the staff.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightsdesk.core.errors import DomainError
from rightsdesk.privacy import crypto

from . import conf
from .models import Attachment

#: Said beside the file field of a form sent back with errors: browsers cannot keep a chosen file across a reload,
#: so a person who does not read this sends the form again without the file and never knows.
CHOOSE_AGAIN = gettext_lazy("Choose your files again: for your security the browser does not keep them when a form "
                            "is sent back with errors.")

#: Said beside the file field of a form shown again in another language (core.carry_language): the words typed are
#: carried to the new page, the files chosen cannot be.
NOT_CARRIED = gettext_lazy("Choose your files again: for your security the browser does not keep them when the "
                           "page's language is changed.")

EXTENSIONS = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
    "eml": "message/rfc822",
}
_EMAIL_HEADERS = (b"from:", b"to:", b"subject:", b"date:", b"received:", b"return-path:", b"mime-version:",
                  b"message-id:", b"delivered-to:")


def sniff(head: bytes) -> str | None:
    """The content type the first bytes of a file prove, or None."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # The first block may end inside a multi-byte character.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return None
    if any(ch < " " and ch not in "\t\r\n\f" for ch in text):
        return None
    first = text.lstrip().lower().encode()
    if first.startswith(_EMAIL_HEADERS):
        return "message/rfc822"
    return "text/plain"


@dataclass
class CheckedFile:
    name: str
    content_type: str
    data: bytes
    sha256: str


def _clean_name(name: str) -> str:
    name = (name or "file").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip() or "file"
    return name[-200:]


def _too_large(name: str, size: int) -> DomainError:
    limit = conf.get("MAX_ATTACHMENT_BYTES")
    return DomainError(_("The file '%(name)s' is %(size)s MB; files may be at most %(max)s MB.")
                       % {"name": name, "size": round(size / 2**20, 1), "max": round(limit / 2**20, 1)},
                       code="file_too_large", field="attachments")


def check_file(name: str, data: bytes) -> CheckedFile:
    """Refuse a file that is too big, of a type we do not take, or whose name lies about its contents."""
    name = _clean_name(name)
    if len(data) > conf.get("MAX_ATTACHMENT_BYTES"):
        raise _too_large(name, len(data))
    if not data:
        raise DomainError(_("The file '%(name)s' is empty.") % {"name": name}, code="file_empty", field="attachments")
    allowed = conf.get("ALLOWED_ATTACHMENT_TYPES")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = EXTENSIONS.get(extension)
    actual = sniff(data[:2048])
    if claimed is None or claimed not in allowed:
        raise DomainError(_("'%(name)s' is not a file type we accept. Send PDF, PNG, JPEG, plain text or e-mail (.eml) "
                            "files.") % {"name": name}, code="file_type", field="attachments")
    if actual != claimed and not (claimed == "message/rfc822" and actual == "text/plain") and not (
            claimed == "text/plain" and actual == "message/rfc822"):
        raise DomainError(_("The contents of '%(name)s' are not a %(type)s file. Check that you chose the right file.")
                          % {"name": name, "type": extension.upper()}, code="file_contents", field="attachments")
    return CheckedFile(name=name, content_type=claimed, data=data, sha256=hashlib.sha256(data).hexdigest())


def check_uploads(files) -> list[CheckedFile]:
    """Check the files of one form post (Django UploadedFile objects)."""
    files = [f for f in files if f]
    limit = conf.get("MAX_ATTACHMENTS")
    if len(files) > limit:
        raise DomainError(_("Attach at most %(max)d files.") % {"max": limit}, code="too_many_files", field="attachments")
    checked = []
    max_bytes = conf.get("MAX_ATTACHMENT_BYTES")
    for upload in files:
        if upload.size > max_bytes:
            raise _too_large(_clean_name(upload.name), upload.size)  # without reading it into memory
        checked.append(check_file(upload.name, upload.read()))
    return checked


def store(case, checked: CheckedFile, uploaded_by: str) -> Attachment:
    attachment = Attachment(case=case, original_name=checked.name, content_type=checked.content_type,
                            size=len(checked.data), sha256=checked.sha256, uploaded_by=uploaded_by)
    attachment.file.save("attachment", ContentFile(crypto.encrypt_bytes(checked.data)), save=False)
    attachment.save()
    return attachment


def read(attachment: Attachment) -> bytes:
    """The contents of an attachment as it was sent (decrypted)."""
    with attachment.file.open("rb") as stored:
        return crypto.decrypt_bytes(stored.read())
