"""Admin: deadline rules are edited here; the review's records are read-only windows (the workspace writes them)."""

from django.contrib import admin

from .models import Assignment, ChecklistAnswer, DecisionProposal, DeadlineRule, EmergencyRecord


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "state", "hours"]
    list_filter = ["kind", "state"]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChecklistAnswer)
class ChecklistAnswerAdmin(ReadOnly):
    list_display = ["case", "question", "answer", "answered_by", "answered_at"]


@admin.register(DecisionProposal)
class DecisionProposalAdmin(ReadOnly):
    list_display = ["case", "status", "proposed_by", "proposed_at", "reviewed_by"]
    exclude = ["items"]  # item snapshots hold disclosed fields: see them on the case page


@admin.register(Assignment)
class AssignmentAdmin(ReadOnly):
    list_display = ["case", "kind", "assignee", "previous", "by", "at"]


@admin.register(EmergencyRecord)
class EmergencyRecordAdmin(ReadOnly):
    list_display = ["case", "alerted_at", "alerted_count", "voluntary_disclosure", "disclosed_at"]
    exclude = ["disclosure_note"]  # may describe the data given: see it on the case page
