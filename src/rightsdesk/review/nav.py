from django.utils.translation import gettext_lazy as _

from rightsdesk.cases.policy import VIEW_CASES

ITEMS = [
    ("review:home", _("Queues"), VIEW_CASES),
    ("review:mine", _("My cases"), VIEW_CASES),
]
