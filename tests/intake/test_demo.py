"""The intake demo data builds on the demo cases, deterministically."""

from __future__ import annotations

import random

import pytest

from rightsdesk.accounts.models import Organisation
from rightsdesk.cases import choices as c
from rightsdesk.intake.demo import build_intake
from rightsdesk.intake.models import Declaration

pytestmark = pytest.mark.django_db


def test_the_demo_adds_organisations_and_declarations_and_can_run_twice(make_case):
    notice = make_case(kind=c.Kind.COPYRIGHT_NOTICE)
    make_case(kind=c.Kind.HARM_REPORT)
    for _ in range(2):
        build_intake(random.Random("seed"), lambda line: None)
    assert Organisation.objects.filter(trusted_flagger=True).count() == 1
    declaration = Declaration.objects.get()
    assert declaration.case == notice and "good_faith" in declaration.statements
