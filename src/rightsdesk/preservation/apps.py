from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreservationConfig(AppConfig):
    name = "rightsdesk.preservation"
    verbose_name = _("Preservation requests")

    def ready(self):
        from rightsdesk.cases import workflow

        from . import guards

        for name in guards.CLOSING_TRANSITIONS:
            workflow.register_guard(name, guards.release_before_closing)
