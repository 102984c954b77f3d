from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "rightsdesk.mail"
    label = "mail"
    verbose_name = _("Mail intake")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
