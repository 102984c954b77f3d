"""The demo's due-diligence register is written as staff write it (diligence.services), so each assessment, risk and
mitigation has its entry in the audit trail, as everything else the demo creates. It was written with the ORM
directly: the register had no history."""

from __future__ import annotations

import random

import pytest

from rightsdesk.audit.models import AuditEntry
from rightsdesk.diligence.demo import build_diligence
from rightsdesk.diligence.models import Assessment, Mitigation, Risk

pytestmark = pytest.mark.django_db

#: (model, the audit entry's purpose for its creation)
CREATED = [(Assessment, "diligence: assessment created"), (Risk, "diligence: risk added"),
           (Mitigation, "diligence: mitigation added")]


@pytest.mark.parametrize(("model", "purpose"), CREATED, ids=[m.__name__ for m, _p in CREATED])
def test_each_entry_of_the_demo_register_has_its_audit_entry(model, purpose):
    build_diligence(random.Random("20250701:diligence"), lambda *args: None)
    made = {str(pk) for pk in model.objects.values_list("pk", flat=True)}
    assert made, f"the demo makes no {model.__name__}"
    audited = AuditEntry.objects.filter(object_type=model._meta.label_lower, purpose=purpose)
    assert set(audited.values_list("object_id", flat=True)) == made
    assert {entry.actor.get_username() for entry in audited} == {"approver"}
