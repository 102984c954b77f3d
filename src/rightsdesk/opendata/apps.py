from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "rightsdesk.opendata"
    verbose_name = _("Open data")
