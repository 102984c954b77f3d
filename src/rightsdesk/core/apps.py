from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(sender, using="default", **kwargs):
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "rightsdesk.core"
    verbose_name = "rightsdesk"

    def ready(self):
        # The shared cache lives in the database; every migrate makes sure its table exists. Django sends
        # post_migrate only for apps with models, which this one has not: the signal of the sessions app (always
        # installed, and the cache's neighbour) is used instead.
        from django.apps import apps

        post_migrate.connect(_create_cache_table, sender=apps.get_app_config("sessions"),
                             dispatch_uid="rightsdesk.cache_table")
