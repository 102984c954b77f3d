"""A refusal names the permission someone lacks in the reader's language, our own permissions too.

Django stores every permission's name in English. Its own (add, change, delete, view a model) are named from the
model's translated name (core.views._permission_name); ours are written once, in each model's ``Meta.permissions``,
marked there for translation (gettext_noop: stored in English, read in the reader's), and translated in the owning
app's catalogues. Before, "Can see requesters' and users' private data" stood in English inside every language's
refusal.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from rightsdesk.core.views import permission_in_words

pytestmark = pytest.mark.django_db

#: Every permission our models add to Django's own: (app label, codename, its English name).
OURS = [(model._meta.app_label, codename, name) for model in apps.get_models()
        if model.__module__.startswith("rightsdesk.") for codename, name in model._meta.permissions]
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def test_our_models_add_permissions():
    assert len(OURS) >= 14  # the table below covers something


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_each_of_our_permissions_is_named_in_the_readers_language(language):
    untranslated = []
    with translation.override(language):
        for app_label, codename, name in OURS:
            said = permission_in_words(f"{app_label}.{codename}")
            if name in said or codename in said:
                untranslated.append(f"{app_label}.{codename}: {said}")
    assert not untranslated, "\n".join(untranslated)
