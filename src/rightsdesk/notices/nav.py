from django.utils.translation import gettext_lazy as _

ITEMS = [
    ("notices:outbox", _("Notices outbox"), "notices.view_notice"),
    ("notices:holds", _("Legal holds"), "notices.view_legalhold"),
]
