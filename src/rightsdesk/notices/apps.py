from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "rightsdesk.notices"
    verbose_name = _("Notices, legal holds and appeals")

    def ready(self):
        from rightsdesk.cases import workflow

        from . import appeals

        for name in appeals.INDEPENDENT_TRANSITIONS:
            workflow.register_guard(name, appeals.independent_reviewer_guard)
