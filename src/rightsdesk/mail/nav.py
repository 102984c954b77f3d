from django.utils.translation import gettext_lazy as _

# The inbox is for those who sort and review cases (mail.views.VIEW); the entry shows to those who may also
# open a case from a message (cases.add_case: intake, reviewers, trust and safety).
ITEMS = [
    ("mail:inbox", _("Inbox"), "cases.add_case"),
]
