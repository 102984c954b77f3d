"""Read-only admin windows onto records that only the services may write.

The admin is a window for staff, not a second way in: records such as a
case, its history or a reviewer's checklist answers are written by the
services, which validate them and chain the history. A model admin or inline
built on these classes lists and shows, and refuses every add, change and
delete whatever the model permissions a role holds.
"""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
