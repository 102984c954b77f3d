"""Admin: deadline rules are edited here; the review's records are read-only windows (the workspace writes them)."""

from django.contrib import admin

from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA
from rightsdesk.core.admin_base import ReadOnlyAdmin

from . import deadlines
from .models import Assignment, ChecklistAnswer, DecisionProposal, DeadlineRule, EmergencyRecord, ReplyTemplate


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    """Where administrators edit the deadline rules: each change clears this process's copy of the deadline table
    at once (``deadlines.clear_cache``), so the next case is timed by the new rules; other processes read it again
    within ``deadlines.TABLE_CACHE_SECONDS``."""

    list_display = ["kind", "state", "hours"]
    list_filter = ["kind", "state"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        deadlines.clear_cache()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        deadlines.clear_cache()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        deadlines.clear_cache()


class PrivateTextsHidden:
    """Leaves out the fields that copy private texts for roles without cases.access_private_data."""

    private_fields: tuple[str, ...] = ()

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not request.user.has_perm(ACCESS_PRIVATE_DATA):
            exclude += [f for f in self.private_fields if f not in exclude]
        return exclude


@admin.register(ChecklistAnswer)
class ChecklistAnswerAdmin(PrivateTextsHidden, ReadOnlyAdmin):
    list_display = ["case", "question", "answer", "answered_by", "answered_at"]
    private_fields = ("note",)


@admin.register(DecisionProposal)
class DecisionProposalAdmin(PrivateTextsHidden, ReadOnlyAdmin):
    list_display = ["case", "status", "proposed_by", "proposed_at", "reviewed_by"]
    exclude = ["items"]  # item snapshots hold disclosed fields: see them on the case page
    # The reasons name the people a harm report protects: only with the private-data permission.
    private_fields = ("summary", "review_note")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "assignee", "previous", "by", "at"]


@admin.register(EmergencyRecord)
class EmergencyRecordAdmin(ReadOnlyAdmin):
    list_display = ["case", "alerted_at", "alerted_count", "voluntary_disclosure", "disclosed_at"]
    exclude = ["disclosure_note"]  # may describe the data given: see it on the case page


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    """Staff manage the canned replies and reason templates offered on the case page."""

    list_display = ["title", "use", "kind", "language", "active", "updated_at"]
    list_filter = ["use", "kind", "language", "active"]
    search_fields = ["title", "body"]
