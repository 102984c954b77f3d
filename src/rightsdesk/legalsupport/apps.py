from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalSupportConfig(AppConfig):
    name = "rightsdesk.legalsupport"
    verbose_name = _("Legal support for contributors")
