from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from .roles import sync_roles

    sync_roles()


class AccountsConfig(AppConfig):
    name = "rightsdesk.accounts"
    verbose_name = "Staff accounts and API tokens"

    def ready(self):
        # After every migrate (tests included) the role groups exist with
        # exactly the permissions roles.py gives them.
        post_migrate.connect(_sync_roles, dispatch_uid="rightsdesk.sync_roles")
