from django.utils.translation import gettext_lazy as _

ITEMS = [
    ("review:home", _("Queues"), "cases.view_case"),
    ("review:mine", _("My cases"), "cases.view_case"),
]
