"""Admin for cases: a window for administrators, not the staff workspace.

The state is read-only here: state changes go through the workflow, whose
rules hold for the admin as for everyone (Case.save refuses any other change).
"""

from django.contrib import admin

from .models import Case, CaseHistory, Party, TargetItem


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0


class ItemInline(admin.TabularInline):
    model = TargetItem
    extra = 0


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "kind", "state", "outcome", "country", "requester_type", "received_at"]
    list_filter = ["kind", "state", "outcome", "requester_type"]
    search_fields = ["reference", "subject"]
    readonly_fields = ["reference", "state", "created_at", "updated_at"]
    inlines = [PartyInline, ItemInline]


@admin.register(CaseHistory)
class CaseHistoryAdmin(admin.ModelAdmin):
    list_display = ["case", "at", "event", "from_state", "to_state", "who"]
    list_filter = ["event"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
