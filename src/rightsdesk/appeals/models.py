"""What an appeal adds to its Case: who filed it, and what the appellant added afterwards.

An appeal is a Case of kind "appeal" with ``appeal_of`` pointing at the
decision it challenges (cases app). ``AppealFiling`` says who filed it and
through which notice's link; ``AppealMessage`` keeps what the appellant adds
after filing, private and encrypted at rest like the request itself: staff
pages show it only with cases.access_private_data and audit each look.

The tables keep the names they had when these models lived in the notices
app (``notices_appealfiling``, ``notices_appealmessage``): the move changed
no data (see migrations/0001_initial.py).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.cases.models import Case
from rightsdesk.notices.models import Notice
from rightsdesk.privacy.fields import EncryptedTextField


class AppealFiling(models.Model):
    """Who filed an appeal (an appeal is a Case of kind "appeal"; this adds what Case has no field for)."""

    appeal = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="appeal_filing")
    appellant_role = models.CharField(_("appellant"), max_length=32, choices=Notice.RECIPIENT_ROLES)
    notice = models.ForeignKey(Notice, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               help_text=_("The notice whose link the appeal was filed through."))
    filed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "notices_appealfiling"
        verbose_name = _("appeal filing")
        verbose_name_plural = _("appeal filings")


class AppealMessage(models.Model):
    """Something the appellant added to an appeal after filing it (private, like the request)."""

    appeal = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeal_messages")
    text = EncryptedTextField(_("information added"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "notices_appealmessage"
        ordering = ["created_at", "id"]
        verbose_name = _("appeal message")
        verbose_name_plural = _("appeal messages")
