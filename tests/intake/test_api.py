"""POST /api/v1/cases and /api/v1/cases/batch: valid, invalid, duplicate and oversized submissions."""

from __future__ import annotations

import json

import pytest
from django.core import mail

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.intake.models import Submission

pytestmark = pytest.mark.django_db


def test_a_valid_notice_creates_a_case_with_reference_and_tracking_token(api, copyright_item, client, organisation):
    response = api("/cases", copyright_item())
    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get()
    assert body["status"] == "created" and body["reference"] == case.reference
    assert case.source == c.Source.API and case.kind == c.Kind.COPYRIGHT_NOTICE and not case.incomplete
    assert case.requester_type == c.RequesterType.COMPANY  # from the organisation
    assert case.history.get(event=CaseHistory.Event.CREATED).actor_label == f"api:{organisation.name}"
    assert body["tracking_url"].startswith("https://requests.example.org/en/track/")
    assert client.get(f"/en/track/{body['tracking_token']}/").status_code == 200
    assert body["tracking_token"] not in json.dumps(list(Case.objects.values()), default=str)


def test_an_api_submission_sends_no_receipt_email(api, copyright_item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        api("/cases", copyright_item())
    assert mail.outbox == []


def test_an_incomplete_notice_is_created_and_its_missing_elements_listed(api, copyright_item):
    body = api("/cases", copyright_item(signature=None, accuracy_statement=False)).json()
    assert body["status"] == "created" and body["incomplete"] is True
    assert body["missing"] == ["accuracy_statement", "signature"]
    assert Case.objects.get().missing_fields == ["accuracy_statement", "signature"]


@pytest.mark.parametrize("changes, field, code", [
    ({"email": "nope"}, "email", "invalid_email"),
    ({"urls": ["notaurl"]}, "urls", "invalid_url"),
    ({"description": ""}, "description", "required"),
    ({"kind": "complaint"}, "kind", "literal_error"),
    ({"urls": "https://x.org"}, "urls", "list_type"),
    ({"colour": "red"}, "colour", "extra_forbidden"),
    ({"harm_category": "threat"}, "harm_category", "not_for_kind"),
    ({"client_key": ""}, "client_key", "string_too_short"),
])
def test_an_invalid_item_is_refused_with_422_naming_the_field_and_rule(api, copyright_item, changes, field, code):
    response = api("/cases", copyright_item(**changes))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {"field": field, "code": code} in [{"field": d["field"], "code": d["code"]} for d in detail], detail
    assert all(d["message"] for d in detail)
    assert Case.objects.count() == 0


def test_sending_the_same_item_twice_creates_one_case(api, copyright_item):
    first = api("/cases", copyright_item())
    second = api("/cases", copyright_item())
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["status"] == "replayed" and second.json()["reference"] == first.json()["reference"]
    assert second.json()["tracking_token"] is None and "issued" in second.json()["note"]
    assert Case.objects.count() == 1


def test_reusing_a_client_key_for_a_different_item_is_a_conflict(api, copyright_item):
    api("/cases", copyright_item())
    response = api("/cases", copyright_item(description="A different notice"))
    assert response.status_code == 409
    assert response.json()["detail"][0]["code"] == "client_key_reused"
    assert Case.objects.count() == 1


def test_client_keys_belong_to_one_organisation(api, copyright_item, db):
    from rightsdesk.accounts.models import ApiToken, Organisation

    _t, other = ApiToken.issue(Organisation.objects.create(name="Other Agency"))
    api("/cases", copyright_item())
    assert api("/cases", copyright_item(), token=other).status_code == 201
    assert Case.objects.count() == 2


def test_a_batch_answers_each_item_and_an_item_refused_by_its_kinds_rules_does_not_block_good_ones(api, copyright_item):
    items = [copyright_item("a"), copyright_item("b", description=""), copyright_item("c"), copyright_item("a")]
    response = api("/cases/batch", {"items": items})
    assert response.status_code == 200
    body = response.json()
    statuses = [r["status"] for r in body["results"]]
    assert statuses == ["created", "invalid", "created", "replayed"]
    assert [r["index"] for r in body["results"]] == [0, 1, 2, 3]
    assert body["results"][1]["errors"][0]["field"] == "description"
    assert (body["created"], body["replayed"], body["failed"]) == (2, 1, 1)
    assert Case.objects.count() == 2


def test_a_batch_is_stored_with_the_garbage_collector_paused_and_it_runs_again_after(api, copyright_item, monkeypatch):
    """A batch's thousands of live rows would set off collections that examine them again and again
    (core.warmup.collector_paused)."""
    import gc

    from rightsdesk.intake import bulk

    seen, store = [], bulk.store
    monkeypatch.setattr(bulk, "store", lambda *args, **kwargs: seen.append(gc.isenabled()) or store(*args, **kwargs))
    assert api("/cases/batch", {"items": [copyright_item("a"), copyright_item("b")]}).status_code == 200
    assert seen == [False] and gc.isenabled()


@pytest.mark.parametrize("bad, field, code", [
    (7, "items.1", "invalid_type"),                                   # not an object
    ({"kind": "grievance"}, "items.1.client_key", "required"),
    ("email", "items.1.email", "invalid_email"),                     # breaks the schema's e-mail format
    ("colour", "items.1.colour", "extra_forbidden"),
    ("kind", "items.1.kind", "literal_error"),
])
def test_a_batch_with_an_item_that_breaks_the_schema_is_refused_whole_naming_the_item(api, copyright_item,
                                                                                       bad, field, code):
    item = {"email": lambda: copyright_item("b", email="bad"), "colour": lambda: copyright_item("b", colour="red"),
            "kind": lambda: copyright_item("b", kind="complaint")}[bad]() if isinstance(bad, str) else bad
    response = api("/cases/batch", {"items": [copyright_item("a"), item, copyright_item("c")]})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {"field": field, "code": code} in [{"field": d["field"], "code": d["code"]} for d in detail], detail
    assert all(d["message"].startswith(d["field"]) for d in detail)
    assert Case.objects.count() == 0


@pytest.mark.parametrize("items, expected", [
    # beside an empty list, both faults are said at once (only the empty list was)
    ([], [("items", "value_error"), ("dry_run", "extra_forbidden")]),
    # beside good items, the unknown field refuses the batch (it was accepted and the field dropped in silence)
    ([{"kind": "grievance", "client_key": "g1", "description": "My concern"}], [("dry_run", "extra_forbidden")]),
])
def test_a_batch_with_a_field_beside_items_that_it_does_not_take_is_refused_naming_it(api, items, expected):
    response = api("/cases/batch", {"items": items, "dry_run": True})
    assert response.status_code == 422
    assert [(d["field"], d["code"]) for d in response.json()["detail"]] == expected
    assert Case.objects.count() == 0


def test_a_retried_batch_creates_nothing_twice_and_returns_the_original_references(api, copyright_item):
    items = [copyright_item(f"k{i}") for i in range(30)]
    first = api("/cases/batch", {"items": items}).json()
    retry = api("/cases/batch", {"items": items + [copyright_item("k30")]}).json()
    assert Case.objects.count() == 31
    assert [r["status"] for r in retry["results"]] == ["replayed"] * 30 + ["created"]
    assert [r["reference"] for r in retry["results"][:30]] == [r["reference"] for r in first["results"]]
    assert Submission.objects.count() == 31


def test_a_batch_of_more_than_1000_items_is_refused(api, copyright_item):
    response = api("/cases/batch", {"items": [{"kind": "grievance"}] * 1001})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "items" and "1000" in response.json()["detail"][0]["message"]


def test_an_oversized_body_is_refused_with_413_before_it_is_read(api, settings, copyright_item):
    settings.RIGHTSDESK_INTAKE = {"MAX_BODY_BYTES": 2000}
    response = api("/cases", copyright_item(description="x" * 3000))
    assert response.status_code == 413
    assert response.json()["detail"][0]["code"] == "too_large"
    assert Case.objects.count() == 0


def test_an_explanation_over_the_text_limit_is_refused(api, copyright_item):
    response = api("/cases", copyright_item(description="x" * 20_001))
    assert response.status_code == 422 and response.json()["detail"][0]["code"] == "too_long"


@pytest.mark.parametrize("token", [None, "rdk_wrong", "Bearer", "x" * 500])
def test_without_a_valid_token_nothing_is_accepted(api, copyright_item, token):
    response = api("/cases", copyright_item(), token=token)
    assert response.status_code == 401 and response.json()["detail"][0]["code"] == "unauthorized"


def test_a_revoked_token_is_refused(api, copyright_item, api_token):
    from rightsdesk.accounts.models import ApiToken

    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert api("/cases", copyright_item()).status_code == 401


@pytest.mark.parametrize("body", ["{", "[]", "null", '{"items": "x"}', '"text"', "\xff"])
def test_malformed_json_gets_a_4xx_json_error(api, body):
    for path in ("/cases", "/cases/batch"):
        response = api(path, None, raw_body=body)
        assert 400 <= response.status_code < 500, (path, body, response.content)
        assert response.json()["detail"]


@pytest.mark.parametrize("body, content_type, status, code, says", [
    # Before, each of the 400s said only "Cannot parse request body".
    ('{"kind": ', "application/json", 400, "invalid_json", "is not valid JSON: Expecting value at line 1, column 10."),
    ("kind=copyright_notice", "application/x-www-form-urlencoded", 400, "invalid_json",
     "This request said 'Content-Type: application/x-www-form-urlencoded'."),
    (b'{"kind": "\xff"}', "application/json", 400, "invalid_json", "is not UTF-8 text (byte 11 is not)."),
    ("[" * 100_000 + "]" * 100_000, "application/json", 400, "invalid_json", "nests too deep or holds a number too long"),
    ('{"n": 1' + "0" * 5000 + "}", "application/json", 400, "invalid_json", "nests too deep or holds a number too long"),
    # Before, the last of a key's two values was taken without a word.
    ('{"kind": "copyright_notice", "kind": "content_takedown"}', "application/json", 400, "invalid_json",
     "An object in the body gives 'kind' more than once; give each key once."),
    ('{"kind": "copyright_notice", "items": [{"url": "https://a.example/x", "url": "https://b.example/y"}]}',
     "application/json", 400, "invalid_json", "An object in the body gives 'url' more than once"),
    # Before: "Field required" and "Input should be a valid dictionary or instance of CaseIn".
    ("", "application/json", 422, "missing", "The request has no body. Send one JSON object"),
    ("[]", "application/json", 422, "model_type", "The body must be one JSON object ({...}), not a list"),
])
def test_a_body_that_is_not_one_json_object_is_refused_saying_what_to_send(client, api_token, body, content_type,
                                                                          status, code, says):
    response = client.post("/api/v1/cases", body, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {api_token}")
    assert response.status_code == status
    [error] = response.json()["detail"]
    assert error["code"] == code and says in error["message"], error
    assert "Content-Type: application/json" in error["message"]


def test_a_rule_of_the_schema_is_said_without_pydantics_value_error_prefix(api):
    [error] = api("/cases/batch", {"items": []}).json()["detail"]
    assert error == {"code": "value_error", "field": "items", "message": "'items' must contain at least one request."}


def test_a_trusted_flagger_organisation_is_recorded_as_such(api, copyright_item, organisation):
    organisation.trusted_flagger = True
    organisation.save()
    api("/cases", copyright_item())
    assert Case.objects.get().trusted_flagger is True


def test_a_user_data_request_through_the_api_counts_the_accounts(api):
    response = api("/cases", {"kind": "user_data_request", "client_key": "ud-1", "requester_type": "court",
                              "legal_process": "court_order", "description": "Order 12/2026",
                              "organisation": "Tribunal de Paris", "name": "Judge X", "official_title": "Judge",
                              "law_invoked": "Art. 6 LCEN", "legal_basis_reference": "RG 26/1234",
                              "authority_country": "FR", "accounts": ["Alice", "Bob"], "email": "greffe@example.fr",
                              "non_content_data_requested": True, "language": "fr"})
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert case.accounts_potentially_affected == 2 and case.non_content_data_requested
    assert case.items.filter(item_type=c.ItemType.ACCOUNT).count() == 2
    assert "/fr/track/" in response.json()["tracking_url"]


def test_the_openapi_schema_documents_both_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/cases" in schema["paths"] and "/api/v1/cases/batch" in schema["paths"]
    batch = schema["components"]["schemas"]["BatchIn"]["properties"]["items"]
    assert batch["maxItems"] == 1000 and batch["items"]["$ref"].endswith("/CaseIn")


def test_api_submissions_log_no_personal_data(api, copyright_item, caplog):
    with caplog.at_level("DEBUG"):
        api("/cases/batch", {"items": [copyright_item("a"), copyright_item("b", email="broken@")]})
    assert "pat@acme.example" not in caplog.text and "Pat Agent" not in caplog.text and "broken@" not in caplog.text


def test_a_client_key_reused_inside_one_batch_for_a_different_item_is_a_conflict(api, copyright_item):
    body = api("/cases/batch", {"items": [copyright_item("same"), copyright_item("same", description="Other")]}).json()
    assert [r["status"] for r in body["results"]] == ["created", "conflict"]
    assert Case.objects.count() == 1


def test_a_key_created_by_a_concurrent_request_is_answered_from_its_record(api, copyright_item, organisation):
    """The race: another request stores the same key between our lookup and our insert."""
    from rightsdesk.intake.submissions import _create_chunk, check_item

    first = api("/cases", copyright_item("raced")).json()
    raced, fresh = check_item(0, copyright_item("raced")), check_item(1, copyright_item("fresh"))
    _create_chunk([raced, fresh], organisation, f"api:{organisation.name}")
    assert raced.status == "replayed" and raced.reference == first["reference"]
    assert fresh.status == "created" and fresh.tracking_token
    assert Case.objects.count() == 2 and Submission.objects.count() == 2


@pytest.mark.parametrize("key", ["nul\x00key", "lone\ud800surrogate"])
def test_a_client_key_the_database_cannot_store_is_refused_not_a_server_error(api, copyright_item, key):
    body = json.dumps(copyright_item(key))  # json.dumps escapes the surrogate as \\ud800
    response = api("/cases", None, raw_body=body)
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "client_key"
    result = api("/cases/batch", None, raw_body='{"items": [%s]}' % body).json()["results"][0]
    assert result["status"] == "invalid" and result["client_key"] is None


def test_an_items_digest_is_of_its_sorted_json_and_is_frozen():
    """A replayed item is compared with the stored digest of the first one: the digest is SHA-256 of the item's
    kind, language and fields as json.dumps(..., sort_keys=True) writes them, and must never change."""
    import hashlib

    from rightsdesk.intake.submissions import check_item

    item = check_item(0, {"kind": "copyright_notice", "client_key": "k-1", "description": "Our photo é",
                          "urls": ["https://commons.wikimedia.org/wiki/File:X.jpg"], "name": "Pat", "good_faith": True})
    assert item.status == "valid", item.errors
    canonical = ('{"description": "Our photo \\u00e9", "good_faith": true, "kind": "copyright_notice", '
                 '"language": null, "name": "Pat", "urls": ["https://commons.wikimedia.org/wiki/File:X.jpg"]}')
    assert item.digest == hashlib.sha256(canonical.encode()).hexdigest()
