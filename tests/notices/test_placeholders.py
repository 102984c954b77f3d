"""Placeholders: what the platform shows instead of a removed item, served with 451 or exported, nothing private."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from rightsdesk.cases import choices as c
from rightsdesk.notices import appeals
from rightsdesk.notices.models import Placeholder

pytestmark = pytest.mark.django_db

PRIVATE = ["Erika", "Mustermann", "erika@example.org", "Uploader1", "SecondEditor", "uploader1@"]


def _page(client, placeholder, lang="en"):
    return client.get(f"/{lang}/unavailable/{placeholder.public_id}/")


def test_an_item_removed_on_a_legal_demand_is_served_with_451_and_a_blocked_by_link(takedown, decide, staff, client,
                                                                                     settings):
    case = decide(takedown(), staff["reviewer"])
    response = _page(client, Placeholder.objects.get(item__case=case))
    assert response.status_code == 451
    assert response["Link"] == f'<{settings.RIGHTSDESK["PUBLIC_BASE_URL"]}/>; rel="blocked-by"'
    text = response.content.decode()
    assert "Unavailable for legal reasons" in text and "Defamation law §186" in text and "Beispiel" in text


def test_a_policy_removal_is_410_and_a_restriction_200_with_the_explanation(make_case, decide, staff, client):
    case = make_case(c.Kind.HARM_REPORT, items=[
        {"url": "https://en.wikipedia.org/wiki/Talk:A", "page_title": "Talk:A"},
        {"url": "https://en.wikipedia.org/wiki/B", "page_title": "B"}])
    case = decide(case, staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.HIDE_REVISION, [])})
    removed, hidden = Placeholder.objects.filter(item__case=case).order_by("item_id")
    assert _page(client, removed).status_code == 410
    response = _page(client, hidden)
    assert response.status_code == 200 and "incompatible with the terms of use" in response.content.decode()
    assert "Link" not in response


def test_a_placeholder_reveals_no_private_data(takedown, decide, staff, client):
    case = decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.REMOVE, [])})
    for placeholder in Placeholder.objects.filter(item__case=case):
        text = _page(client, placeholder).content.decode()
        assert not [p for p in PRIVATE if p in text]
        assert "Individual" in text  # who asked, in general terms


def test_an_item_whose_location_names_the_account_shows_no_location(make_case, decide, staff, client):
    case = make_case(items=[{"url": "https://en.wikipedia.org/wiki/User:Hidden_Person/draft",
                             "page_title": "User:Hidden_Person/draft", "account_name": "Hidden_Person"}])
    case = decide(case, staff["reviewer"])
    text = _page(client, Placeholder.objects.get(item__case=case)).content.decode()
    assert "Hidden_Person" not in text


def test_a_restored_item_says_so(takedown, decide, staff, client, no_review_guards):
    case = decide(takedown(), staff["reviewer"])
    appeal = appeals.file_appeal(case, c.PartyRole.AFFECTED_USER, "This is my own photograph.", "en", "affected_user")
    appeals.decide_appeal(appeal, c.Outcome.GRANTED, "Evidence of authorship.", staff["other"])
    response = _page(client, Placeholder.objects.get(item__case=case))
    assert response.status_code == 200 and "restored" in response.content.decode()


def test_placeholder_pages_are_translated(takedown, decide, staff, client):
    case = decide(takedown(), staff["reviewer"])
    english = _page(client, Placeholder.objects.get(item__case=case), "en").content.decode()
    french = _page(client, Placeholder.objects.get(item__case=case), "fr").content.decode()
    assert 'lang="fr"' in french and "Unavailable for legal reasons" not in french
    assert "Unavailable for legal reasons" in english


def test_export_placeholders_writes_json_for_the_platform_without_private_data(takedown, decide, staff, tmp_path):
    case = decide(takedown(requester_type=c.RequesterType.COMPANY, requester_organisation="Acme Rights"),
                  staff["reviewer"], actions={0: (c.Action.RESTRICT_COUNTRY, ["DE"])})
    out = tmp_path / "placeholders.json"
    call_command("export_placeholders", "--out", str(out))
    raw = out.read_text()
    data = json.loads(raw)["placeholders"]
    assert len(data) == 1
    row = data[0]
    assert row["status"] == 451 and row["country_codes"] == ["DE"] and row["measure_code"] == c.Action.RESTRICT_COUNTRY
    assert row["requested_by"] == "Company (Acme Rights)"
    assert row["page"].endswith(f"/en/unavailable/{row['public_id']}/")
    assert not [p for p in PRIVATE if p in raw]
    assert case.reference not in raw  # nothing links the placeholder back to the private case record


def test_export_refuses_a_missing_folder(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_placeholders", "--out", str(tmp_path / "missing" / "p.json"))


def test_the_api_serves_placeholders_to_the_platform_without_private_data(takedown, decide, staff, client):
    case = decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.REMOVE, [])})
    response = client.get("/api/v1/placeholders?language=fr")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2 and data["next_after"] is None
    assert {p["status"] for p in data["placeholders"]} == {451}
    assert data["placeholders"][0]["measure"] != "Removed"  # in French
    assert not [p for p in PRIVATE if p in response.content.decode()]
    one = client.get(f"/api/v1/placeholders/{data['placeholders'][0]['public_id']}")
    assert one.status_code == 200 and one.json()["public_id"] == data["placeholders"][0]["public_id"]
    assert client.get("/api/v1/placeholders/nope").status_code == 404
    assert client.get("/api/v1/placeholders?after=-1").status_code == 422
    assert case.reference not in response.content.decode()
