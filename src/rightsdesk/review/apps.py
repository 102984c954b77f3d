from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """The review workspace. Nothing here listens to signals: what review does when a case arrives or is edited is
    called by name from ``cases.services`` (``case_followups``, found through ``core/registry.py``), and the
    deadline rules' cache is cleared where the rules are edited (``admin.DeadlineRuleAdmin``)."""

    name = "rightsdesk.review"
    verbose_name = _("Review")

    def ready(self):
        from . import guards

        guards.register()
