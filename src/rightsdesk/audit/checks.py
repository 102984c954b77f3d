"""Deployment checks for the audit chains (``rightsdesk check --deploy``)."""

from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def audit_key_configured(app_configs, **kwargs):
    from .chain import using_derived_key

    if using_derived_key():
        return [Warning(
            "The audit chains are keyed with a key derived from SECRET_KEY (RIGHTSDESK_AUDIT_KEY is unset).",
            hint="Set RIGHTSDESK_AUDIT_KEY to a secret kept apart from the database and its backups, e.g. "
                 "python -c \"import os,base64;print(base64.b64encode(os.urandom(32)).decode())\"; on an "
                 "installation with data, run `rightsdesk audit reseal` once after setting it (it checks the chains "
                 "under the old key, then re-seals them under the new one).",
            id="rightsdesk.audit.W001",
        )]
    return []
