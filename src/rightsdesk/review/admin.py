"""Admin: deadline rules are edited here; the review's records are read-only windows (the workspace writes them)."""

from django.contrib import admin

from rightsdesk.core.admin_base import ReadOnlyAdmin

from .models import Assignment, ChecklistAnswer, DecisionProposal, DeadlineRule, EmergencyRecord


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "state", "hours"]
    list_filter = ["kind", "state"]


@admin.register(ChecklistAnswer)
class ChecklistAnswerAdmin(ReadOnlyAdmin):
    list_display = ["case", "question", "answer", "answered_by", "answered_at"]


@admin.register(DecisionProposal)
class DecisionProposalAdmin(ReadOnlyAdmin):
    list_display = ["case", "status", "proposed_by", "proposed_at", "reviewed_by"]
    exclude = ["items"]  # item snapshots hold disclosed fields: see them on the case page


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "assignee", "previous", "by", "at"]


@admin.register(EmergencyRecord)
class EmergencyRecordAdmin(ReadOnlyAdmin):
    list_display = ["case", "alerted_at", "alerted_count", "voluntary_disclosure", "disclosed_at"]
    exclude = ["disclosure_note"]  # may describe the data given: see it on the case page
