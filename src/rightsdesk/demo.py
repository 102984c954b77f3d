"""The demo data set: a registry so each app adds its own part.

The cases app generates the cases themselves; other apps (notices, the public
log, the due-diligence register...) register a function that builds on them.
Everything is drawn from one seeded random generator, so the data set is the
same on every machine.
"""

from __future__ import annotations

import random
from typing import Callable

#: (order, name, function(rng, stdout)). Lower order runs first.
_builders: list[tuple[int, str, Callable]] = []


def register(name: str, order: int = 50):
    def decorator(fn):
        if not any(n == name for _, n, _ in _builders):
            _builders.append((order, name, fn))
        return fn

    return decorator


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
