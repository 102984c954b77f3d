from django.utils.translation import gettext_lazy as _

ITEMS = [("diligence:list", _("Due-diligence register"), "diligence.view_assessment")]
