from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "rightsdesk.review"
    verbose_name = _("Review")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from rightsdesk.cases.bulk import cases_created
        from rightsdesk.cases.models import Case

        from . import deadlines, guards, signals
        from .models import DeadlineRule

        guards.register()
        post_save.connect(signals.case_saved, sender=Case, dispatch_uid="review.case_saved")
        cases_created.connect(signals.cases_created, sender=Case, dispatch_uid="review.cases_created")
        post_save.connect(deadlines.clear_cache, sender=DeadlineRule, dispatch_uid="review.deadline_rules_saved")
        post_delete.connect(deadlines.clear_cache, sender=DeadlineRule, dispatch_uid="review.deadline_rules_deleted")
