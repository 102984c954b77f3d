"""The data-subject export and the notices: it lists the notices sent to the person, and never tells the person a
case a legal hold (a gag order) bars telling them about."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from rightsdesk.audit.models import AuditEntry
from rightsdesk.cases import choices as c
from rightsdesk.notices import services
from rightsdesk.notices.models import LegalHold, Notice
from rightsdesk.privacy.subject_export import export_subject

pytestmark = pytest.mark.django_db

REQUESTER, AFFECTED = "erika@example.org", "uploader1@users.example.net"
ORDER = "Court non-disclosure order 12 O 34/26"


def sent_to(email: str, **kwargs) -> list[dict]:
    return export_subject(email=email, actor="test", **kwargs).get("notices", {}).get("notices_sent_to_you", [])


def test_notices_sent_to_you_lists_sent_notices_only(takedown, decide, staff, smtp, immediate_tasks):
    case = decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, [])})
    decision = case.notices.get(purpose=Notice.Purpose.DECISION)
    statement = case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    assert decision.status == statement.status == Notice.Status.DRAFT
    assert sent_to(REQUESTER) == [] and sent_to(AFFECTED) == []  # drafts were never sent to anyone

    services.send_notice(decision, staff["reviewer"])
    decision.refresh_from_db()
    assert decision.status == Notice.Status.SENT
    assert [(n["case"], n["status"], n["text"]) for n in sent_to(REQUESTER)] == [
        (case.reference, Notice.Status.SENT, decision.body)]
    assert sent_to(AFFECTED) == []


@pytest.fixture
def held(takedown, decide, staff):
    """A takedown decided under a gag order on notices to affected users: the statement of reasons is held."""
    case = takedown()
    hold = services.place_hold(case, staff["approver"], reason=ORDER, legal_reference="12 O 34/26")
    case = decide(case, staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.HIDE_REVISION, [])})
    statement = case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS, party__role=c.PartyRole.AFFECTED_USER)
    assert statement.status == Notice.Status.HELD
    return case, hold, statement


@pytest.mark.parametrize("found_by", [{"email": AFFECTED}, {"account": "Uploader1"}])
def test_a_case_under_a_legal_hold_covering_the_person_is_left_out_of_their_export(held, found_by):
    case, _hold, statement = held
    document = export_subject(actor="test", **found_by)
    text = json.dumps(document, ensure_ascii=False)
    assert document["cases"] == [] and document["notices"]["notices_sent_to_you"] == []
    for secret in (case.reference, statement.body[:60], "12 O 34/26", "hold", "withheld"):
        assert secret not in text, secret  # nothing of the case, nor that something was held back
    left_out: list = []
    assert export_subject(actor="test", withheld_cases=left_out, **found_by) == document
    assert left_out == [case]  # for the staff who answer the request
    assert AuditEntry.objects.filter(case=case, purpose__contains="left out under a legal hold").exists()
    assert not AuditEntry.objects.filter(case=case, action=AuditEntry.Action.EXPORT).exists()


def test_a_hold_covers_only_the_roles_it_names_and_ends_when_lifted(held, staff):
    case, hold, _statement = held
    assert [x["reference"] for x in export_subject(email=REQUESTER, actor="test")["cases"]] == [case.reference]
    services.lift_hold(hold, staff["approver"], "The order was set aside on appeal.")
    assert [x["reference"] for x in export_subject(email=AFFECTED, actor="test")["cases"]] == [case.reference]
    services.place_hold(case, staff["approver"], reason=ORDER, scope=LegalHold.Scope.ALL)
    assert export_subject(email=REQUESTER, actor="test")["cases"] == []


def test_the_command_tells_staff_that_a_case_was_withheld_and_the_document_does_not(held, tmp_path):
    case, _hold, _statement = held
    out, err = io.StringIO(), io.StringIO()
    call_command("subject_export", email=AFFECTED, stdout=out, stderr=err)
    assert "Withheld under a legal hold: 1 case(s)" in err.getvalue()
    assert case.reference not in err.getvalue() and "12 O 34/26" not in err.getvalue()  # no details
    document = json.loads(out.getvalue())
    assert document["cases"] == [] and "hold" not in out.getvalue()
    err = io.StringIO()
    call_command("subject_export", email=REQUESTER, out=str(tmp_path / "export.json"), stdout=io.StringIO(),
                 stderr=err)
    assert err.getvalue() == ""  # the requester is not covered: nothing withheld


@pytest.mark.parametrize("typed", ["erika@example,org", "erika.example.org", "erika@", "@example.org"])
def test_a_mistyped_email_address_is_refused_not_answered_with_an_empty_export(typed, tmp_path):
    """Before, it matched no one and the export said nothing was held on the person."""
    with pytest.raises(CommandError, match="The e-mail address is not one .* check it for a typo"):
        call_command("subject_export", email=typed, out=str(tmp_path / "export.json"), stdout=io.StringIO())
    assert not (tmp_path / "export.json").exists()
