"""Rules and office closures in the Django admin (the administrator role: clocks.*): validated by
ClockRule.clean; saving a rule recomputes its running clocks only. The clocks themselves are shown on the case
page, and change only through the services."""

from django.contrib import admin

from . import services
from .models import ClockRule, Closure


@admin.register(ClockRule)
class ClockRuleAdmin(admin.ModelAdmin):
    list_display = ("key", "name", "jurisdiction", "clock_type", "duration", "source", "active")
    list_filter = ("jurisdiction", "clock_type", "active")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            services.recompute_rule(obj, request.user)


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ("date", "jurisdiction", "reason")
