from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "rightsdesk.transparency"
