"""Staff roles exist as groups with the permissions their work needs, and no more."""

import pytest
from django.core.management import call_command

from rightsdesk.accounts import roles

pytestmark = pytest.mark.django_db


def test_every_role_exists_after_migrate():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)
    assert set(roles.ROLES) == {"intake", "reviewer", "legal approver", "trust and safety", "administrator", "auditor",
                                "executive", "legal support"}


@pytest.mark.parametrize("role,perm,has", [
    ("reviewer", "cases.review_case", True),
    ("reviewer", "cases.approve_decision", False),
    ("legal approver", "cases.approve_decision", True),
    ("trust and safety", "cases.handle_emergency", True),
    ("trust and safety", "cases.approve_decision", False),
    ("intake", "cases.triage_case", True),
    ("intake", "cases.access_private_data", False),
    ("administrator", "auth.add_user", True),
    ("administrator", "cases.approve_decision", False),
    ("auditor", "cases.view_case", True),
    ("auditor", "audit.view_auditentry", True),
])
def test_role_permissions(make_staff, role, perm, has):
    assert make_staff(role).has_perm(perm) is has


def test_the_auditor_is_read_only(make_staff):
    auditor = make_staff("auditor")
    assert all(p.split(".", 1)[1].startswith("view_") for p in auditor.get_all_permissions())
    assert not auditor.has_perm("cases.access_private_data")


def test_the_roles_command_restores_permissions_someone_removed(make_staff):
    from django.contrib.auth.models import Group

    Group.objects.get(name="reviewer").permissions.clear()
    call_command("roles", verbosity=0)
    assert make_staff("reviewer").has_perm("cases.review_case")


def test_every_role_has_a_name_in_words_and_another_group_keeps_its_own():
    from django.utils import translation

    assert set(roles.LABELS) == set(roles.ROLES)
    assert [roles.label(role) for role in roles.ROLES] == roles.ROLES, "in English, the name is the group's"
    with translation.override("ar"):
        arabic = [roles.label(role) for role in roles.ROLES]
    assert not set(arabic) & set(roles.ROLES) and len(set(arabic)) == len(roles.ROLES)
    assert roles.label("a group added by hand") == "a group added by hand"
