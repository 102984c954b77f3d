"""Published notices as Lumen notice JSON, and the export command's files."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from rightsdesk.cases import choices as c
from rightsdesk.transparency import publishing
from rightsdesk.transparency.exports import lumen

from .conftest import publish_all, utc

pytestmark = pytest.mark.django_db


def published(decided_case, kind=c.Kind.COPYRIGHT_NOTICE, **fields):
    case = decided_case(kind, decided_at=fields.pop("decided_at", utc(2025, 8, 1)), **fields)
    return publishing.publish_as_system(case, "test")


def test_a_copyright_notice_becomes_a_dmca_notice_with_its_works_and_roles(decided_case):
    notice = published(decided_case, requester_type=c.RequesterType.COMPANY, requester_organisation="Global Photo Agency",
                       outcome=c.Outcome.PARTIALLY_GRANTED, actions=[c.Action.REMOVE], country="US",
                       law_invoked="17 U.S.C. 512",
                       items=[{"url": "https://commons.wikimedia.org/wiki/File:X.jpg", "project": "commons.wikimedia.org",
                               "content_type": c.ContentType.IMAGE, "copyrighted_work": "News photograph",
                               "copyrighted_url": "https://press.example.com/1"}])
    data = lumen.notice_json(notice)["notice"]
    assert data["type"] == "DMCA" and data["action_taken"] == "Partial"
    assert data["works_attributes"] == [{
        "kind": "photograph", "description": "News photograph",
        "copyrighted_urls_attributes": [{"url": "https://press.example.com/1"}],
        "infringing_urls_attributes": [{"url": "https://commons.wikimedia.org/wiki/File:X.jpg"}]}]
    roles = {r["name"]: r["entity_attributes"] for r in data["entity_notice_roles_attributes"]}
    assert roles["sender"] == {"name": "Global Photo Agency", "kind": "organization", "country_code": "US"}
    assert roles["recipient"]["name"] == "Wikimedia Foundation"
    assert data["jurisdiction_list"] == "US" and data["regulation_list"] == "17 U.S.C. 512"
    assert data["date_received"] == "2026-03-02" and lumen.check({"notice": data}) == []


def test_a_private_sender_is_not_named(decided_case):
    notice = published(decided_case, c.Kind.CONTENT_TAKEDOWN, content_ground=c.ContentGround.DEFAMATION,
                       parties=[{"role": c.PartyRole.REQUESTER, "name": "Ingeborg Vasquez-Lindqvist"}])
    data = lumen.notice_json(notice)["notice"]
    sender = data["entity_notice_roles_attributes"][0]
    assert sender == {"name": "sender", "entity_attributes": {"name": "[private individual]", "kind": "individual",
                                                              "country_code": "DE"}}
    assert "Ingeborg" not in json.dumps(data) and data["type"] == "Defamation" and data["action_taken"] == "No"


@pytest.mark.parametrize("kind,fields,expected", [
    (c.Kind.COPYRIGHT_COUNTER_NOTICE, {}, "Counternotice"),
    (c.Kind.TRADEMARK_NOTICE, {}, "Trademark"),
    (c.Kind.CONTENT_TAKEDOWN, {"content_ground": c.ContentGround.PRIVACY}, "PrivateInformation"),
    (c.Kind.CONTENT_TAKEDOWN, {"content_ground": c.ContentGround.RIGHT_TO_ERASURE}, "DataProtection"),
    (c.Kind.CONTENT_TAKEDOWN, {"content_ground": c.ContentGround.GOVERNMENT_ORDER,
                               "requester_type": c.RequesterType.GOVERNMENT}, "GovernmentRequest"),
    (c.Kind.CONTENT_TAKEDOWN, {"requester_type": c.RequesterType.COURT}, "CourtOrder"),
    (c.Kind.CONTENT_TAKEDOWN, {"requester_type": c.RequesterType.LAW_ENFORCEMENT}, "LawEnforcementRequest"),
    (c.Kind.CONTENT_TAKEDOWN, {"content_ground": c.ContentGround.HATE_SPEECH}, "Other"),
])
def test_lumen_types_follow_the_kind_ground_and_requester(decided_case, kind, fields, expected):
    assert lumen.notice_json(published(decided_case, kind, **fields))["notice"]["type"] == expected


def test_a_notice_without_items_still_has_a_work(decided_case):
    data = lumen.notice_json(published(decided_case, items=[]))["notice"]
    assert len(data["works_attributes"]) == 1 and lumen.check({"notice": data}) == []


def test_lumen_rules_catch_broken_notices():
    assert len(lumen.check({"notice": {"type": "Gossip", "action_taken": "Perhaps", "date_sent": "1990-01-01",
                                       "works_attributes": [], "entity_notice_roles_attributes": []}})) == 5


def test_export_lumen_writes_the_period_s_public_notices_as_json_lines(decided_case, tmp_path, approver):
    inside = published(decided_case)
    withdrawn = published(decided_case)
    published(decided_case, decided_at=utc(2026, 2, 1))
    publishing.unpublish(withdrawn, approver, "Withdrawn for a correction.")
    out = tmp_path / "lumen.jsonl"
    call_command("export", "lumen", "--period", "2025-H2", "--out", str(out), stderr=io.StringIO())
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["notice"]["title"] for r in rows] == [inside.title]


def test_export_dsa_writes_json_lines_of_valid_statements(decided_case, tmp_path):
    from rightsdesk.transparency.exports.dsa_validator import errors

    decided_case(outcome=c.Outcome.GRANTED, actions=[c.Action.REMOVE], decided_at=utc(2025, 9, 1))
    publish_all()
    out = tmp_path / "sor.jsonl"
    call_command("export", "dsa", "--period", "2025-H2", "--out", str(out), stderr=io.StringIO())
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 1 and errors(rows[0]) == [] and not (tmp_path / "sor.jsonl.partial").exists()


@pytest.mark.parametrize("args,message", [
    (["dsa", "--period", "2025-H3", "--out", "x"], "2025-H3"),
    (["lumen", "--period", "2025-H1", "--submit"], "--submit only applies"),
    (["dsa", "--period", "2025-H1"], "--out"),
])
def test_export_command_errors_say_what_to_fix(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export", *args, stderr=io.StringIO())
