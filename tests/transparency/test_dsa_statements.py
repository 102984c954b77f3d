"""Statements of reasons: one per restricting decision, in the database's schema, valid, without personal data."""

from __future__ import annotations

import copy
import json

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.transparency.exports import dsa, dsa_validator
from rightsdesk.transparency.exports.dsa_validator import StatementInvalid, errors, validate

from .conftest import publish_all, utc

pytestmark = pytest.mark.django_db


def statements(*args, **kwargs):
    """The statements of reasons once every decided case's public record is approved and published."""
    publish_all()
    return dsa.statements(*args, **kwargs)

ITEMS = [{"url": "https://de.wikipedia.org/wiki/A", "project": "de.wikipedia.org", "page_title": "A"},
         {"url": "https://commons.wikimedia.org/wiki/File:B.jpg", "project": "commons.wikimedia.org",
          "item_type": c.ItemType.FILE, "content_type": c.ContentType.IMAGE},
         {"url": "https://en.wikipedia.org/wiki/C", "project": "en.wikipedia.org"}]


def restricting_case(decided_case, **fields):
    fields.setdefault("content_ground", c.ContentGround.DEFAMATION)
    return decided_case(items=ITEMS, outcome=c.Outcome.PARTIALLY_GRANTED,
                        actions=[c.Action.REMOVE, c.Action.HIDE_REVISION, c.Action.NO_ACTION],
                        decided_at=utc(2025, 8, 1), **fields)


def test_each_restricting_decision_gets_one_statement_with_our_stable_puid(decided_case):
    case = restricting_case(decided_case)
    rows = list(statements())
    items = list(case.items.order_by("id"))
    assert [r["puid"] for r in rows] == [f"{case.reference}-{items[0].pk}", f"{case.reference}-{items[1].pk}"]
    assert rows[0]["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert rows[1]["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_DISABLED"]
    assert rows[1]["content_type"] == ["CONTENT_TYPE_IMAGE"] and rows[0]["content_language"] == "DE"


def test_a_statement_uses_the_database_vocabulary(decided_case):
    restricting_case(decided_case, dsa_category=c.DsaCategory.ILLEGAL_OR_HARMFUL_SPEECH,
                     decision_ground=c.DecisionGround.ILLEGAL_CONTENT, law_invoked="StGB § 186",
                     automated_detection=True, trusted_flagger=True)
    row = next(statements())
    assert row["category"] == "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
    assert row["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"
    assert row["illegal_content_legal_ground"] == "Terms of Use"  # the item's ground comes first
    assert row["automated_detection"] == "Yes" and row["automated_decision"] == "AUTOMATED_DECISION_NOT_AUTOMATED"
    assert row["source_type"] == "SOURCE_TRUSTED_FLAGGER" and row["category_specification"] == ["KEYWORD_DEFAMATION"]
    assert row["territorial_scope"] == sorted(dsa_validator.EEA) and "GR" in row["territorial_scope"]
    assert row["application_date"] == "2025-08-01" and row["content_date"] == "2026-03-02"


def test_country_restrictions_are_scoped_to_the_eea_countries_and_none_outside_it(decided_case):
    case = decided_case(items=ITEMS[:2], actions=[c.Action.RESTRICT_COUNTRY, c.Action.RESTRICT_COUNTRY],
                        outcome=c.Outcome.GRANTED)
    first, second = case.items.order_by("id")
    from rightsdesk.cases.services import update_item

    update_item(first, {"action_countries": ["DE", "TR"]}, "test")
    update_item(second, {"action_countries": ["TR"]}, "test")
    rows = list(statements())
    assert len(rows) == 1 and rows[0]["territorial_scope"] == ["DE"]


def test_government_orders_and_own_initiative_have_their_source_types(decided_case):
    restricting_case(decided_case, requester_type=c.RequesterType.COURT, requester_organisation="Landgericht Hamburg",
                     content_ground=c.ContentGround.GOVERNMENT_ORDER)
    restricting_case(decided_case, source=c.Source.OWN_INITIATIVE, requester_type=c.RequesterType.ANONYMOUS)
    rows = list(statements())
    court = [r for r in rows if r["source_type"] == "SOURCE_TYPE_OTHER_NOTIFICATION"]
    assert court and court[0]["source_identity"] == "Landgericht Hamburg"
    voluntary = [r for r in rows if r["source_type"] == "SOURCE_VOLUNTARY"]
    assert voluntary and all("source_identity" not in r for r in voluntary)


def test_no_personal_data_reaches_a_statement(decided_case):
    from rightsdesk.cases.services import update_case

    case = restricting_case(decided_case, parties=[{
        "role": c.PartyRole.REQUESTER, "kind": c.EntityKind.INDIVIDUAL, "name": "Philippa Undset",
        "email": "philippa@example.org", "phone": "+47 912 34 567"}])
    update_case(case, {"decision_summary": "Removed at the request of Philippa Undset (philippa@example.org, "
                                           "+47 912 34 567) from 198.51.100.4."}, "test")
    text = json.dumps(list(statements()))
    for value in ("Philippa", "Undset", "philippa@example.org", "912 34 567", "198.51.100.4"):
        assert value not in text


def test_only_decided_cases_and_the_period_are_exported(decided_case, make_case):
    restricting_case(decided_case)
    make_case(state=c.State.UNDER_REVIEW)
    assert len(list(statements(utc(2025, 7, 1), utc(2026, 1, 1)))) == 2
    assert list(statements(utc(2026, 1, 1), utc(2026, 7, 1))) == []


def test_every_exported_statement_passes_the_validator(decided_case):
    for ground in c.ContentGround.values:
        restricting_case(decided_case, content_ground=ground)
    decided_case(c.Kind.HARM_REPORT, harm_category=c.HarmCategory.HARASSMENT, outcome=c.Outcome.GRANTED,
                 actions=[c.Action.LABEL], decided_at=utc(2025, 9, 1))
    rows = list(statements(validate=False))
    assert len(rows) == 2 * len(c.ContentGround.values) + 1
    for row in rows:
        assert errors(row) == [], row


# --------------------------------------------------------------------------- the validator rejects broken ones

VALID = {
    "decision_visibility": ["DECISION_VISIBILITY_CONTENT_REMOVED"], "decision_ground": "DECISION_GROUND_ILLEGAL_CONTENT",
    "illegal_content_legal_ground": "StGB § 186", "illegal_content_explanation": "The statement is defamatory.",
    "content_type": ["CONTENT_TYPE_TEXT"], "category": "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    "territorial_scope": ["DE", "AT"], "content_date": "2025-03-01", "application_date": "2025-04-01",
    "decision_facts": "A paragraph was removed.", "source_type": "SOURCE_ARTICLE_16", "automated_detection": "No",
    "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED", "puid": "RD-2025-ABC-12",
}


def broken(**changes):
    statement = copy.deepcopy(VALID)
    for key, value in changes.items():
        if value is ...:
            statement.pop(key, None)
        else:
            statement[key] = value
    return statement


def test_the_reference_example_is_valid():
    assert errors(VALID) == [] and validate(VALID) is VALID


@pytest.mark.parametrize("changes,field", [
    ({"puid": ...}, "puid"),
    ({"puid": "RD 2025/1"}, "puid"),
    ({"puid": "x" * 501}, "puid"),
    ({"decision_visibility": ...}, "decision_visibility"),
    ({"decision_visibility": ["DECISION_VISIBILITY_HIDDEN"]}, "decision_visibility"),
    ({"decision_visibility": ["DECISION_VISIBILITY_OTHER"]}, "decision_visibility_other"),
    ({"decision_visibility_other": "something"}, "decision_visibility_other"),
    ({"decision_ground": "DECISION_GROUND_OPINION"}, "decision_ground"),
    ({"illegal_content_explanation": ...}, "illegal_content_explanation"),
    ({"illegal_content_legal_ground": "x" * 501}, "illegal_content_legal_ground"),
    ({"decision_ground": "DECISION_GROUND_INCOMPATIBLE_CONTENT"}, "incompatible_content_ground"),
    ({"content_type": []}, "content_type"),
    ({"content_type": ["CONTENT_TYPE_OTHER"]}, "content_type_other"),
    ({"category": "STATEMENT_CATEGORY_GOSSIP"}, "category"),
    ({"category_specification": ["KEYWORD_NOPE"]}, "category_specification"),
    ({"territorial_scope": ["US"]}, "territorial_scope"),
    ({"territorial_scope": ["EL"]}, "territorial_scope"),
    ({"content_language": "en"}, "content_language"),
    ({"content_date": "1999-12-31"}, "content_date"),
    ({"application_date": "2019-12-31"}, "application_date"),
    ({"application_date": "2025-02-30"}, "application_date"),
    ({"content_date": "01/03/2025"}, "content_date"),
    ({"end_date_visibility_restriction": "2040-01-01"}, "end_date_visibility_restriction"),
    ({"decision_facts": "x" * 5001}, "decision_facts"),
    ({"decision_facts": ...}, "decision_facts"),
    ({"decision_facts": "Asked by jane@example.org"}, "decision_facts"),
    ({"illegal_content_explanation": "Call +44 20 7946 0958"}, "illegal_content_explanation"),
    ({"source_type": "SOURCE_FRIEND"}, "source_type"),
    ({"automated_detection": True}, "automated_detection"),
    ({"automated_detection": "yes"}, "automated_detection"),
    ({"automated_decision": "AUTOMATED_DECISION_SOMETIMES"}, "automated_decision"),
    ({"incompatible_content_illegal": "Maybe"}, "incompatible_content_illegal"),
    ({"account_type": "ACCOUNT_TYPE_ROBOT"}, "account_type"),
    ({"decision_monetary": "DECISION_MONETARY_OTHER"}, "decision_monetary_other"),
    ({"decision_ground_reference_url": "not a url"}, "decision_ground_reference_url"),
    ({"content_id": {"EAN-13": "123"}}, "content_id"),
    ({"colour": "blue"}, "colour"),
])
def test_the_validator_rejects_each_broken_rule(changes, field):
    problems = errors(broken(**changes))
    assert field in {f for f, _ in problems}, problems
    with pytest.raises(StatementInvalid):
        validate(broken(**changes))


def test_another_decision_type_can_stand_in_for_visibility():
    assert errors(broken(decision_visibility=..., decision_account="DECISION_ACCOUNT_SUSPENDED")) == []


# --------------------------------------------------------------------------- built from the reviewed public record


def test_a_decision_gets_its_statement_only_once_its_public_record_is_approved(decided_case):
    restricting_case(decided_case)
    assert list(dsa.statements()) == []  # decided, but nobody has reviewed what may be published
    assert len(list(statements())) == 2


def test_a_name_staff_hid_in_the_redaction_editor_stays_hidden_in_the_statement(decided_case, approver):
    from rightsdesk.cases.services import update_case
    from rightsdesk.transparency import publishing

    case = restricting_case(decided_case)
    # A name the redactor cannot know: nobody of that name is a party to the case.
    update_case(case, {"decision_summary": "Removed: it repeats what Ingrid Solheimsvik said about her neighbour."},
                "test")
    review = publishing.propose_redaction(case, approver)
    publishing.add_phrase(review, approver, "*", "Ingrid Solheimsvik", "NAME")
    publishing.approve_redaction(review, approver)
    publishing.publish(case, approver)
    text = json.dumps(list(dsa.statements()), ensure_ascii=False)
    assert "Removed: it repeats what" in text and "Ingrid" not in text and "Solheimsvik" not in text


def test_the_sender_is_named_as_staff_reviewed_it(decided_case, approver):
    from rightsdesk.transparency import publishing

    case = restricting_case(decided_case, requester_type=c.RequesterType.COMPANY,
                            requester_organisation="Acme Media, attn. Jon Doe +47 912 34 567")
    review = publishing.propose_redaction(case, approver)
    publishing.add_phrase(review, approver, "sender", "attn. Jon Doe", "NAME")
    publishing.approve_redaction(review, approver)
    publishing.publish(case, approver)
    rows = list(dsa.statements())
    assert rows and all(r["source_identity"].startswith("Acme Media") for r in rows)
    assert "Jon Doe" not in json.dumps(rows) and "912 34 567" not in json.dumps(rows)


def test_a_statement_the_validator_refuses_is_set_aside_and_the_rest_of_the_period_exported(decided_case):
    from rightsdesk.transparency.models import PublicRecordItem

    restricting_case(decided_case)
    publish_all()
    broken = PublicRecordItem.objects.filter(action=c.Action.REMOVE).first()
    PublicRecordItem.objects.filter(pk=broken.pk).update(puid="")  # a statement without its platform id is invalid
    refused = []
    rows = list(dsa.statements(refused=refused))
    assert len(rows) == 1 and [puid for puid, _ in refused] == [""] and "puid" in refused[0][1]
    with pytest.raises(StatementInvalid):
        list(dsa.statements())  # without a list for the refused ones, the error is raised
