"""Deployment checks for the privacy settings (``rightsdesk check --deploy``)."""

from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def encryption_key_configured(app_configs, **kwargs):
    from .crypto import using_derived_key

    if using_derived_key():
        return [Warning(
            "Personal data is encrypted with a key derived from SECRET_KEY.",
            hint="Set RIGHTSDESK_ENCRYPTION_KEYS to a base64-encoded 32-byte key kept apart from the database "
                 "backups, e.g. python -c \"import os,base64;print(base64.b64encode(os.urandom(32)).decode())\".",
            id="rightsdesk.W001",
        )]
    return []


@register(Tags.security, deploy=True)
def two_factor_required(app_configs, **kwargs):
    from django.conf import settings

    if not settings.RIGHTSDESK_REQUIRE_2FA:
        return [Warning("Two-factor sign-in is not required for staff.", hint="Unset RIGHTSDESK_REQUIRE_2FA.",
                        id="rightsdesk.W002")]
    return []
