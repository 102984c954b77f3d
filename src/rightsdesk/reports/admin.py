from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from rightsdesk.core.errors import DomainError

from .models import PeriodFigures
from .periods import PeriodError, parse_period
from .staff_figures import check, check_previous_report


class PeriodFiguresAdminForm(forms.ModelForm):
    class Meta:
        model = PeriodFigures
        fields = ["period", "previous_report_published", "human_resources", "active_recipients", "qualitative"]

    def clean(self):
        data = super().clean()
        try:
            parse_period(data.get("period") or "")
        except PeriodError as exc:
            raise ValidationError({"period": exc.message}) from None
        try:
            check(data.get("human_resources") or {}, data.get("active_recipients") or {}, data.get("qualitative") or {})
            check_previous_report(data.get("previous_report_published"))
        except DomainError as exc:
            raise ValidationError(exc.message) from None
        return data


@admin.register(PeriodFigures)
class PeriodFiguresAdmin(admin.ModelAdmin):
    form = PeriodFiguresAdminForm
    list_display = ("period", "updated_at", "updated_by")
    search_fields = ("period",)

    def save_model(self, request, obj, form, change):
        from django.utils import timezone

        from rightsdesk.audit.services import record_access

        obj.updated_at, obj.updated_by = timezone.now(), request.user
        super().save_model(request, obj, form, change)
        record_access(request.user, "other", obj=obj, purpose=f"EU template figures entered for {obj.period} (admin)")
