from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "rightsdesk.cases"
    verbose_name = "Cases and their workflow"
