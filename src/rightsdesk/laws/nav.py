from django.utils.translation import gettext_lazy as _

ITEMS = [
    ("laws:analytics", _("Laws invoked"), "cases.view_case"),
    ("laws:registry", _("Laws and authorities"), "cases.view_case"),
]
