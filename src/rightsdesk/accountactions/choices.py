"""The vocabulary of account actions: what is done to an account, on what ground, and where a chain stands.

Imports nothing but Django, so models, services, the public pages and the report can all use it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionType(models.TextChoices):
    WARNING = "warning", _("Conduct warning")
    INTERACTION_BAN = "interaction_ban", _("Interaction ban")
    EVENT_BAN = "event_ban", _("Event ban")
    GLOBAL_BAN = "global_ban", _("Global ban")
    LOCK = "lock", _("Account lock")
    LIFT = "lift", _("Lifting of an earlier action")


class PolicyGround(models.TextChoices):
    HARASSMENT = "harassment", _("Harassment")
    THREATS = "threats", _("Threats of violence")
    DOXXING = "doxxing", _("Disclosure of personal information")
    HATE = "hate", _("Hateful conduct")
    SOCKPUPPETRY = "sockpuppetry", _("Abusive multiple accounts")
    CHILD_SAFETY = "child_safety", _("Child safety")
    PAID_EDITING = "paid_editing", _("Undisclosed paid editing")
    EVENT_CONDUCT = "event_conduct", _("Conduct at an event")
    TERMS_OF_USE = "terms_of_use", _("Other breach of the terms of use")
    REVIEW = "review", _("Reviewed and no longer needed")


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REFUSE = "refuse", _("Refused")


class Restriction(models.TextChoices):
    """The report's words (DSA Art. 15/24): what an approved action did to the account's use of the service."""

    NONE = "none", _("No restriction (warning or lifting)")
    SUSPENSION = "suspension", _("Suspension (temporary)")
    TERMINATION = "termination", _("Termination (indefinite)")
