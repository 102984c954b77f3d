"""Staff record out-of-court disputes (DSA Art. 21) and suspensions of the processing of notices or complaints
(Art. 23(2)) here; the EU template's part 7 counts them (appeals.selectors)."""

from django.contrib import admin

from .models import OutOfCourtDispute, ProcessingSuspension


@admin.register(OutOfCourtDispute)
class OutOfCourtDisputeAdmin(admin.ModelAdmin):
    list_display = ("body", "case", "received_on", "decided_on", "outcome", "implemented")
    list_filter = ("outcome", "implemented")
    raw_id_fields = ("case",)
    fields = ("case", "body", "received_on", "decided_on", "outcome", "implemented")


@admin.register(ProcessingSuspension)
class ProcessingSuspensionAdmin(admin.ModelAdmin):
    list_display = ("reason", "case", "warned_on", "starts_on", "ends_on")
    list_filter = ("reason",)
    raw_id_fields = ("case",)
    fields = ("reason", "case", "warned_on", "starts_on", "ends_on")
