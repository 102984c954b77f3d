"""Deployment checks for received mail (``rightsdesk check --deploy``)."""

from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def sender_verification_configured(app_configs, **kwargs):
    from .services import authserv_id

    if not authserv_id():
        return [Warning(
            "Replies from a requester's address are filed into their case without checking that the address was not "
            "forged (RIGHTSDESK_MAIL_AUTHSERV_ID is unset).",
            hint="Set RIGHTSDESK_MAIL_AUTHSERV_ID to the name your receiving mail server writes its "
                 "Authentication-Results headers under (SPF, DKIM, DMARC), and have it remove incoming headers that "
                 "claim that name (docs/intake.md, 'The requester's address must be verified').",
            id="rightsdesk.mail.W001",
        )]
    return []
