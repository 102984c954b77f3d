"""Renaming PublishedNotice to PublicRecord keeps every group's permissions (migration transparency 0005)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from rightsdesk.transparency.models import PublicRecord

migration = importlib.import_module("rightsdesk.transparency.migrations.0005_public_record_names")

pytestmark = pytest.mark.django_db


def test_a_group_given_view_publishednotice_before_the_rename_may_view_public_records_after_it():
    content_type = ContentType.objects.get_for_model(PublicRecord)
    Permission.objects.filter(content_type=content_type, codename__in=["view_publicrecord", "add_publicrecord"]).delete()
    old = Permission.objects.create(content_type=content_type, codename="view_publishednotice",
                                    name="Can view published notice")
    group = Group.objects.create(name="auditors of the log")
    group.permissions.add(old)

    migration.rename_default_permissions(apps, None)

    renamed = Permission.objects.get(pk=old.pk)
    assert (renamed.codename, renamed.name) == ("view_publicrecord", "Can view public record")
    assert list(group.permissions.values_list("codename", flat=True)) == ["view_publicrecord"]


def test_on_a_database_that_already_has_the_new_permissions_nothing_is_renamed_twice():
    content_type = ContentType.objects.get_for_model(PublicRecord)
    before = set(Permission.objects.filter(content_type=content_type).values_list("codename", flat=True))
    assert "view_publicrecord" in before

    migration.rename_default_permissions(apps, None)

    assert set(Permission.objects.filter(content_type=content_type).values_list("codename", flat=True)) == before
