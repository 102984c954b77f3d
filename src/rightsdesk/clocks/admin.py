"""Office closures in the Django admin (the administrator role: clocks.*). The deadline rules are shown here
read-only: they are created, changed and retired in the workspace's rule editor (/staff/clocks/rules/), which
validates them, asks for a reason and keeps the history of every change (ClockRuleChange). The clocks themselves
are shown on the case page, and change only through the services."""

from django.contrib import admin

from .models import ClockRule, Closure


@admin.register(ClockRule)
class ClockRuleAdmin(admin.ModelAdmin):
    list_display = ("key", "name", "jurisdiction", "clock_type", "duration", "source", "active")
    list_filter = ("jurisdiction", "clock_type", "active")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ("date", "jurisdiction", "reason")
