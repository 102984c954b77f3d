"""Finding what other apps keep about people: their ``privacy_hooks`` modules.

An app that stores personal data outside the case (attachments, notes,
messages, notices) says how to purge it, export it and re-encrypt it in a
``privacy_hooks`` module; retention, the data-subject export and key rotation
call the functions each module has (``purge_case``, ``purge_blocked``,
``purge_unattached``, ``mask_kept``, ``subject_data``, ``reseal_files``, ``reseal_texts``).
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Iterator

from django.conf import settings


def hook_modules() -> Iterator[ModuleType]:
    """The ``privacy_hooks`` module of every rightsdesk app that has one, in INSTALLED_APPS order."""
    for app in settings.INSTALLED_APPS:
        if app.startswith("rightsdesk.") and find_spec(f"{app}.privacy_hooks") is not None:
            yield import_module(f"{app}.privacy_hooks")


def app_label(module: ModuleType) -> str:
    """The app a hook module belongs to: ``rightsdesk.intake.privacy_hooks`` -> ``intake``."""
    return module.__name__.split(".")[1]
