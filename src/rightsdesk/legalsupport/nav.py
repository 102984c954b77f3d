from django.utils.translation import gettext_lazy as _

ITEMS = [
    ("legalsupport:staff_list", _("Legal support"), "legalsupport.view_legalsupportrequest"),
]
