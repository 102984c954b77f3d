"""The approval chains are configuration: administrators edit them here (accountactions.*_approvalstep)."""

from django.contrib import admin

from .models import ApprovalStep


@admin.register(ApprovalStep)
class ApprovalStepAdmin(admin.ModelAdmin):
    list_display = ("action_type", "position", "role")
    list_filter = ("action_type",)
    ordering = ("action_type", "position")
