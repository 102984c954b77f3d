"""Office-actions log entries published before they named only the platform's own sites are rewritten by
transparency 0021, with the frozen rule of 0014 checked against the app's ``core.sites.own_hosts``."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from rightsdesk.core.sites import own_hosts

MIGRATION = importlib.import_module("rightsdesk.transparency.migrations.0021_office_actions_name_only_own_sites")

#: (projects as staff typed them, what the public log may name)
PROJECTS = [
    (["ar.wikipedia.org/wiki/User:Warned_Person", "fr.wikipedia.org"], ["ar.wikipedia.org", "fr.wikipedia.org"]),
    (["warned-person.example.net", "https://Commons.Wikimedia.org/wiki/File:X.jpg"], ["commons.wikimedia.org"]),
    (["de.wikipedia.org", "de.wikipedia.org/wiki/Hauptseite"], ["de.wikipedia.org"]),
    (["example.org"], []),
    ([], []),
]


@pytest.mark.parametrize(("typed", "public"), PROJECTS)
def test_the_migrations_frozen_rule_names_the_sites_the_apps_rule_names(typed, public):
    assert MIGRATION.own_hosts(typed) == own_hosts(typed) == public


@pytest.mark.django_db
def test_entries_published_before_keep_only_the_platforms_own_sites_and_a_second_run_changes_nothing(
        make_staff, propose, publish):
    from rightsdesk.accountactions import services
    from rightsdesk.accounts.roles import REVIEWER
    from rightsdesk.transparency.models import PublicOfficeAction

    action = propose(make_staff(REVIEWER), "warning", accounts="Warned Person")
    for role in action.required_roles:
        action = services.sign(action, make_staff(role), role=role, decision="approve")
    entry = publish(action, "Warned.")
    typed, public = PROJECTS[0]
    PublicOfficeAction.objects.filter(pk=entry.pk).update(projects=typed)  # as an entry was published before
    MIGRATION.forwards(apps, None)
    entry.refresh_from_db()
    assert entry.projects == public and entry.summary == "Warned."
    MIGRATION.forwards(apps, None)
    entry.refresh_from_db()
    assert entry.projects == public
