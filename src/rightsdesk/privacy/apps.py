from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "rightsdesk.privacy"
    verbose_name = "Privacy: encryption, retention, redaction"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
