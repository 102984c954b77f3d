"""Staff navigation: the researcher tokens' page, for those who may issue them (administrators); the Lumen page,
for those who may withdraw notices from the log (they ask Lumen to remove its copies: ``lumen_removals``)."""

from django.utils.translation import gettext_lazy as _

from .lumen_removals import PERMISSION as LUMEN_PERMISSION
from .tokens import ISSUE_PERMISSION

ITEMS = [("opendata:staff_researcher_tokens", _("Researcher tokens"), ISSUE_PERMISSION),
         ("opendata:staff_lumen", _("Lumen"), LUMEN_PERMISSION)]
