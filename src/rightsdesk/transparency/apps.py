from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "rightsdesk.transparency"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the workflow receivers)
