from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "rightsdesk.appeals"
    label = "appeals"
    verbose_name = _("Appeals")

    def ready(self):
        from rightsdesk.cases import workflow

        from . import guards

        for name in guards.INDEPENDENT_TRANSITIONS:
            workflow.register_guard(name, guards.independent_reviewer_guard)
