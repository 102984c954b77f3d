"""Staff navigation: the redaction queue of the public notice log."""

from django.utils.translation import gettext_lazy as _

ITEMS = [("transparency:redaction-queue", _("Redaction queue"), "transparency.change_redactionreview")]
