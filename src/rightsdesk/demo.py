"""The demo data set: a registry so each app adds its own part.

The cases app generates the cases themselves; other apps (notices, the public
log, the due-diligence register...) register a function that builds on them.
Everything is drawn from one seeded random generator, so the data set is the
same on every machine.
"""

from __future__ import annotations

import random
from typing import Callable

#: The demo's staff logins: (username, full name, roles). The demo command sets their password and roles; a part of the
#: demo written through its app's services acts as one of them (:func:`demo_login`).
DEMO_USERS = [
    ("reviewer", "Demo Reviewer", ["reviewer", "intake"]),
    ("approver", "Demo Approver", ["legal approver", "reviewer"]),
    ("safety", "Demo Trust-and-Safety", ["trust and safety"]),
    ("admin", "Demo Administrator", ["administrator"]),
    ("auditor", "Demo Auditor", ["auditor"]),
    ("legal", "Demo Legal Support", ["legal support", "intake"]),
    ("executive", "Demo Executive", ["executive"]),
]

#: (order, name, function(rng, stdout)). Lower order runs first.
_builders: list[tuple[int, str, Callable]] = []


def register(name: str, order: int = 50):
    def decorator(fn):
        if not any(n == name for _, n, _ in _builders):
            _builders.append((order, name, fn))
        return fn

    return decorator


def demo_login(username: str):
    """The demo's staff login ``username`` (core's demo command's DEMO_USERS) with its roles, for a part of the demo
    written through its app's services, which check the permission as for anyone. The command sets the shared
    password after building."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    roles = {name: groups for name, _full_name, groups in DEMO_USERS}
    user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.set(Group.objects.filter(name__in=roles[username]))
    return User.objects.get(pk=user.pk)  # its permissions read afresh


def build(seed: int = 20250701, write=print) -> None:
    # Import every app's demo module so it can register.
    from importlib import import_module
    from importlib.util import find_spec

    from django.conf import settings

    for app in settings.INSTALLED_APPS:
        if app.startswith("rightsdesk.") and find_spec(f"{app}.demo") is not None:
            import_module(f"{app}.demo")
    for order, name, fn in sorted(_builders, key=lambda b: (b[0], b[1])):
        rng = random.Random(f"{seed}:{name}")
        fn(rng, write)
