from django.utils.translation import gettext_lazy as _

ITEMS = [("clocks:rules", _("Deadline rules"), "clocks.view_clockrule")]
