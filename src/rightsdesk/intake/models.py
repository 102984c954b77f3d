"""What intake stores besides the case itself.

- :class:`Attachment`: a file a requester or an API client sent with a case
  (a court order, a screenshot, a signed notice). Files are kept under
  ``MEDIA_ROOT``, encrypted, and never served by a public URL: staff open them
  through the case page, which checks permissions and records the look.
- :class:`MessageFromRequester`: information the requester added later through the
  private tracking page. The text is personal data, so the case history only
  records *that* a message arrived, and the text lives here.
- :class:`Declaration`: the statements (good faith, accuracy under penalty of
  perjury...) and the electronic signature of a notice.
- :class:`Submission`: the idempotency record of an API item. The pair
  (organisation, client_key) is unique, so a retried batch finds the case it
  already created instead of creating it again.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.privacy.fields import EncryptedTextField


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random, not what the sender called the file (names
    # can carry personal data and path tricks) nor the digest of its contents
    # (which would tell anyone holding a copy of a document that we have it).
    return f"intake/attachments/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class Attachment(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="attachments")
    original_name = EncryptedTextField(_("original file name"), max_length=255)  # "Name_Surname_passport.jpg"
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.CharField(
        _("sent by"), max_length=200, blank=True, help_text=_("requester, api:ORGANISATION or a staff account name."),
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.size} bytes)"


class MessageFromRequester(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="messages_from_requester")
    text = EncryptedTextField(_("message"), blank=True)
    attachment = models.ForeignKey(Attachment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message from the requester")
        verbose_name_plural = _("messages from the requester")

    def __str__(self) -> str:
        return f"message on {self.case.reference}"


class Declaration(models.Model):
    """The statements a requester made and the signature they typed.

    Kept beside the case because they are legal elements of a notice
    (17 U.S.C. 512(c)(3), DSA Art. 16(2)(d)): staff check them, and a missing
    one is listed in ``Case.missing_fields``. The signature is a name, so it is
    private like the requester's contact details.
    """

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="declaration")
    statements = models.JSONField(_("statements made"), default=list, blank=True)
    signature = EncryptedTextField(_("electronic signature"), max_length=300, blank=True)
    anonymous = models.BooleanField(_("sent anonymously"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")

    def __str__(self) -> str:
        return f"declaration on {self.case.reference}"


class Submission(models.Model):
    """One API item that created a case, remembered for idempotent retries."""

    # No index of its own: the unique (organisation, client_key) index serves every look-up by organisation, and one
    # index fewer is one B-tree fewer written per item of a batch.
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="submissions",
                                     db_index=False)
    client_key = models.CharField(_("client key"), max_length=200)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    #: Digest of the item as first sent, so a reused key with a different item is
    #: reported instead of silently answered with the old case.
    payload_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("API submission")
        verbose_name_plural = _("API submissions")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "client_key"], name="intake_submission_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.client_key}"


class RateCount(models.Model):
    """How many public posts one address made in one window (ratelimit.py): a row per address and window.

    A row in the database, counted up in one statement, so several server processes count together exactly; a cache
    counter (get, then set) let two processes both read 7 and both write 8. The key is a keyed hash of the address,
    never the address itself.
    """

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)
