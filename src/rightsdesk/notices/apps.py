from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "rightsdesk.notices"
