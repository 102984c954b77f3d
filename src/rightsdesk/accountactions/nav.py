from django.utils.translation import gettext_lazy as _

ITEMS = [("accountactions:list", _("Account actions"), "accountactions.view_accountaction")]
