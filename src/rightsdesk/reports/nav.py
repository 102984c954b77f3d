from django.utils.translation import gettext_lazy as _

from .staff_figures import EDIT

ITEMS = [("reports:eu_figures_index", _("EU template figures"), EDIT)]
