"""Staff navigation: the researcher tokens' page, for those who may issue them (administrators)."""

from django.utils.translation import gettext_lazy as _

from .tokens import ISSUE_PERMISSION

ITEMS = [("opendata:staff_researcher_tokens", _("Researcher tokens"), ISSUE_PERMISSION)]
