from django.utils.translation import gettext_lazy as _

ITEMS = [("crisis:list", _("Crises"), "crisis.view_crisis")]
