"""Admin for cases: a read-only window for staff, not the staff workspace.

Nothing is written here. Cases, their parties and items are created and
changed through :mod:`rightsdesk.cases.services`, which validate and record
the history; the state changes only through the workflow; and the history is
append-only, so an admin form that could add a row would let anyone forge it.

A case's own page shows its parties' names and contact details and the request
as received, so it opens only for ``cases.access_private_data`` — as the staff
workspace's case page does — and every look is written to the audit trail.
The list shows no personal data and is open to every staff role.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from rightsdesk.audit.services import record_access
from rightsdesk.core.admin_base import ReadOnlyAdmin, ReadOnlyInline

from .models import Case, CaseHistory, Party, TargetItem
from .policy import ACCESS_PRIVATE_DATA, CASE_PERSONAL_FIELDS, ITEM_PERSONAL_FIELDS, PARTY_PERSONAL_FIELDS


class PartyInline(ReadOnlyInline):
    model = Party
    exclude = ["email_index", "account_index"]  # blind indexes: keyed digests, meaningless to a reader


class ItemInline(ReadOnlyInline):
    model = TargetItem


#: What a case's admin page shows that only cases.access_private_data may see (recorded in the audit trail).
PRIVATE_FIELDS_SHOWN = (sorted(CASE_PERSONAL_FIELDS) + [f"party.{f}" for f in sorted(PARTY_PERSONAL_FIELDS)]
                        + [f"item.{f}" for f in sorted(ITEM_PERSONAL_FIELDS)])


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["reference", "kind", "state", "outcome", "country", "requester_type", "received_at"]
    list_filter = ["kind", "state", "outcome", "requester_type"]
    search_fields = ["reference", "subject"]
    inlines = [PartyInline, ItemInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A case's page: only with access to private data, and every look is recorded."""
        if not request.user.has_perm(ACCESS_PRIVATE_DATA):
            raise PermissionDenied
        response = super().change_view(request, object_id, form_url, extra_context)
        # The page's own object (absent when the id is unknown and the admin redirects): no second fetch.
        case = (getattr(response, "context_data", None) or {}).get("original") if response.status_code == 200 else None
        if case is not None:
            record_access(request.user, "view_private", case=case, fields=PRIVATE_FIELDS_SHOWN, purpose="admin")
        return response


@admin.register(CaseHistory)
class CaseHistoryAdmin(ReadOnlyAdmin):
    list_display = ["case", "at", "event", "from_state", "to_state", "who"]
    list_filter = ["event"]
