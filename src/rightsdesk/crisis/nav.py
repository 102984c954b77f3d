from django.utils.translation import gettext_lazy as _

from .rules import VIEW

ITEMS = [("crisis:list", _("Crises"), VIEW)]
