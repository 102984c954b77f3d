from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountActionsConfig(AppConfig):
    name = "rightsdesk.accountactions"
    verbose_name = _("Account actions")
