from django.utils.translation import gettext_lazy as _

ITEMS = [
    ("intake:staff_new_case", _("New case"), "cases.add_case"),
    ("intake:staff_tokens", _("API tokens"), "accounts.add_apitoken"),
]
