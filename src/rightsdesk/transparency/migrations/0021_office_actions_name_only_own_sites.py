"""Office-actions log entries name a project only when the platform runs it, as published notices do (0014).

An entry copied its action's projects as staff typed them, and the publisher's draft never showed them: a warning's
project typed as the warned account's user page (``ar.wikipedia.org/wiki/User:…``) named, on the public log and its
JSON, the account the policy never names. Entries approved from now on name the platform's own sites by host
(``core.sites.own_hosts``); this rewrites the entries already published the same way.

Frozen: the rule is 0014's frozen copy of ``core.sites.own_host`` (written 6 December 2026), imported from that
migration rather than copied a second time; tests/accountactions/test_public_sites_migration.py checks it
against the app's rule.
"""

import importlib

from django.db import migrations

own_host = importlib.import_module("rightsdesk.transparency.migrations.0014_public_projects_only_own_sites").own_host


def own_hosts(projects) -> list[str]:
    """core.sites.own_hosts (7 December 2026): the platform's own sites, by host, each once, in order."""
    return sorted({own_host(project) for project in projects or ()} - {""})


def forwards(apps, schema_editor):
    PublicOfficeAction = apps.get_model("transparency", "PublicOfficeAction")
    for entry in PublicOfficeAction.objects.only("pk", "projects").iterator(2000):
        public = own_hosts(entry.projects)
        if public != list(entry.projects or []):
            PublicOfficeAction.objects.filter(pk=entry.pk).update(projects=public)


class Migration(migrations.Migration):
    dependencies = [("transparency", "0020_search_words_joined_by_a_hyphen")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
