from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "rightsdesk.intake"
