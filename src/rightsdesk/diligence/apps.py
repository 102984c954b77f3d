from django.apps import AppConfig


class DiligenceConfig(AppConfig):
    name = "rightsdesk.diligence"
