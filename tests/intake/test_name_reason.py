"""The reason a form gives for asking a name is true of that form: "the law requires the name of the person sending a
notice" is said only where the kind needs the name (a notice the law asks to be signed, an authority's official).

The appeal form (the route of an account holder banned or warned, and of anyone whose content was removed) and the
emergency form told the person the law required their name, though neither needs it: both are sent without one.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from rightsdesk.intake.kinds import FIELDS, SPECS

pytestmark = pytest.mark.django_db

LAW_REQUIRES_A_NAME = str(FIELDS["name"].why)


def name_reason(client, slug: str) -> str:
    page = client.get(f"/en/request/{slug}/").content.decode()
    found = re.search(r'<p class="why" id="id_name-why">(.*?)</p>', page, re.S)
    return found.group(1) if found else ""


KINDS_ASKING_A_NAME = [spec for spec in SPECS.values() if "name" in spec.field_names]


@pytest.mark.parametrize("spec", KINDS_ASKING_A_NAME, ids=lambda spec: spec.slug)
def test_the_law_is_said_to_require_the_name_only_on_forms_that_need_it(client, spec):
    with translation.override("en"):
        law = LAW_REQUIRES_A_NAME
    said = law in name_reason(client, spec.slug)
    assert said == ("name" in spec.needed_fields), f"{spec.slug}: {name_reason(client, spec.slug)!r}"


@pytest.mark.parametrize("slug", ["appeal", "emergency"])
def test_a_form_that_does_not_need_the_name_says_it_is_optional(client, slug):
    assert name_reason(client, slug).removeprefix("Why we ask: ").startswith("Optional.")
