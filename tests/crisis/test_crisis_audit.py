"""Every change of a crisis is in the audit trail: who declared it, changed it (its countries decide which user-data
requests need two legal approvers), ended it, reviewed a notice's safety for its recipient, and wrote, approved
(published) or withdrew public wording. None of them wrote an audit entry; only ``declared_by`` and ``ended_by``
said anything, and a change or a safety review left no trace of who made it.

Audit entries name the object and the field names, never a value: the situation and the safety notes are private.
"""

from __future__ import annotations

import pytest

from rightsdesk.audit.models import AuditEntry
from rightsdesk.crisis import services
from rightsdesk.notices import services as notices

from .test_notice_safety import decided_takedown, statement  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

PRIVATE = "PRIVATE-CRISIS-NOTE"


def _declare(crisis, people, _notice):
    return crisis  # declared by the fixture: the entry is already written


def _update(crisis, people, _notice):
    services.update(crisis, {"title": "Election", "kind": "election", "countries": "TR, AZ",
                             "starts_on": crisis.starts_on, "coordinator": people["safety"],
                             "description": PRIVATE + " changed."}, people["safety"])
    return crisis


def _end(crisis, people, _notice):
    return services.end(crisis, people["safety"])


def _draft(crisis, people, _notice):
    return services.save_public_draft(crisis, people["safety"], "An election in Turkey; 12 cases.")


def _approve(crisis, people, notice):
    _draft(crisis, people, notice)
    return services.approve_public_wording(crisis, people["approver1"], text="An election in Turkey; 12 cases.")


def _withdraw(crisis, people, notice):
    _approve(crisis, people, notice)
    return services.withdraw_public_wording(crisis, people["approver1"])


def _safety_review(crisis, people, notice):
    return services.record_safety_review(notice, people["safety"], version=notices.text_version(notice),
                                         note=PRIVATE + " the recipient lives abroad.")


#: (the change, who made it, the audit action, the object audited, the fields named, words of its purpose)
CHANGES = [
    ("declared", _declare, "safety", "other", "crisis.crisis", {"countries", "description", "starts_on"}, "declared"),
    ("changed", _update, "safety", "other", "crisis.crisis", {"countries", "description"}, "changed"),
    ("ended", _end, "safety", "other", "crisis.crisis", {"ends_on", "summary"}, "ended"),
    ("public draft saved", _draft, "safety", "other", "crisis.crisis", {"public_draft"}, "public wording draft"),
    ("public wording approved", _approve, "approver1", "publish", "crisis.crisis", {"public_text"},
     "public wording approved"),
    ("public wording withdrawn", _withdraw, "approver1", "other", "crisis.crisis", {"public_text"},
     "public wording withdrawn"),
    ("safety review recorded", _safety_review, "safety", "other", "crisis.safetyreview", {"note"}, "safety review"),
]


@pytest.mark.parametrize(("change", "who", "action", "object_type", "fields", "purpose"),
                         [row[1:] for row in CHANGES], ids=[row[0] for row in CHANGES])
def test_every_change_of_a_crisis_is_in_the_audit_trail(people, declare, decided_takedown, change, who, action,
                                                        object_type, fields, purpose):
    crisis = declare(["TR"])
    notice = statement(decided_takedown()) if change is _safety_review else None
    obj = change(crisis, people, notice)
    entry = AuditEntry.objects.filter(actor=people[who], action=action, object_type=object_type,
                                      object_id=str(obj.pk), purpose__contains=purpose).first()
    assert entry is not None, f"no audit entry of {purpose!r}"
    assert fields <= set(entry.fields)
    for written in AuditEntry.objects.all():
        assert PRIVATE not in written.purpose and PRIVATE not in repr(written.fields)  # names, never values
