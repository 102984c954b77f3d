"""The data fields that a disclosure may hand over, and nothing else.

A disclosure names fields from this list; free text is refused, so what was
given is always known, can be counted in the report and told to the user.
"""

from django.utils.translation import gettext_lazy as _

DATA_FIELDS: dict[str, str] = {
    "registration_date": _("Account registration date"),
    "last_edit_date": _("Date of the last edit"),
    "edit_count": _("Number of edits"),
    "email_address": _("E-mail address on the account"),
    "ip_addresses": _("IP addresses of recent edits"),
    "user_agent": _("Browser and device information (user agent)"),
    "checkuser_data": _("Other CheckUser data"),
    "private_messages": _("Content of private messages"),
    "deleted_content": _("Deleted contributions"),
}


def data_field_labels(codes) -> list[str]:
    """The disclosed fields in words, in the active language: what the notice to the account holder and the case page
    say ("IP addresses of recent edits", not "ip_addresses"; the history masks them). A code not in the list is shown
    as it is."""
    return [str(DATA_FIELDS.get(code, code)) for code in codes or []]


#: Fields that are content data (the rest are non-content data).
CONTENT_FIELDS = frozenset({"private_messages", "deleted_content"})
