"""Placeholders: what the platform shows instead of a removed item, served with 451 or exported, nothing private."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from rightsdesk.cases import choices as c
from rightsdesk.appeals import services as appeals
from rightsdesk.notices.models import Placeholder

pytestmark = pytest.mark.django_db

PRIVATE = ["Erika", "Mustermann", "erika@example.org", "Uploader1", "SecondEditor", "uploader1@"]


def _page(client, placeholder, lang="en"):
    return client.get(f"/{lang}/unavailable/{placeholder.public_id}/")


def test_an_item_removed_on_a_legal_demand_is_served_with_451_and_a_blocked_by_link(takedown, decide, staff, client,
                                                                                     settings, publish_record):
    case = decide(takedown(), staff["reviewer"])
    publish_record(case)
    response = _page(client, Placeholder.objects.get(item__case=case))
    assert response.status_code == 451
    assert response["Link"] == f'<{settings.RIGHTSDESK["PUBLIC_BASE_URL"]}/>; rel="blocked-by"'
    text = response.content.decode()
    assert "Unavailable for legal reasons" in text and "Defamation law §186" in text and "Beispiel" in text


def test_a_policy_removal_is_410_and_a_restriction_200_with_the_explanation(make_case, decide, staff, client, publish_record):
    case = make_case(c.Kind.HARM_REPORT, items=[
        {"url": "https://en.wikipedia.org/wiki/Talk:A", "page_title": "Talk:A"},
        {"url": "https://en.wikipedia.org/wiki/B", "page_title": "B"}])
    case = decide(case, staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.HIDE_REVISION, [])})
    publish_record(case)
    removed, hidden = Placeholder.objects.filter(item__case=case).order_by("item_id")
    assert _page(client, removed).status_code == 410
    response = _page(client, hidden)
    assert response.status_code == 200 and "incompatible with the terms of use" in response.content.decode()
    assert "Link" not in response


def test_a_placeholder_reveals_no_private_data(takedown, decide, staff, client, publish_record):
    case = decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.REMOVE, [])})
    publish_record(case)
    for placeholder in Placeholder.objects.filter(item__case=case):
        text = _page(client, placeholder).content.decode()
        assert not [p for p in PRIVATE if p in text]
        assert "Individual" in text  # who asked, in general terms


def test_an_item_whose_location_names_the_account_shows_no_location(make_case, decide, staff, client, publish_record):
    case = make_case(items=[{"url": "https://en.wikipedia.org/wiki/User:Hidden_Person/draft",
                             "page_title": "User:Hidden_Person/draft", "account_name": "Hidden_Person"}])
    case = decide(case, staff["reviewer"])
    publish_record(case)
    text = _page(client, Placeholder.objects.get(item__case=case)).content.decode()
    assert "Hidden_Person" not in text


def test_a_restored_item_says_so(takedown, decide, staff, client, publish_record, checked):
    case = decide(takedown(), staff["reviewer"])
    publish_record(case)
    appeal = appeals.file_appeal(case, c.PartyRole.AFFECTED_USER, "This is my own photograph.", "en", "affected_user")
    checked(appeal, staff["other"])
    appeals.decide_appeal(appeal, c.Outcome.GRANTED, "Evidence of authorship.", staff["other"])
    response = _page(client, Placeholder.objects.get(item__case=case))
    assert response.status_code == 200 and "restored" in response.content.decode()


def test_placeholder_pages_are_translated(takedown, decide, staff, client, publish_record):
    case = decide(takedown(), staff["reviewer"])
    publish_record(case)
    english = _page(client, Placeholder.objects.get(item__case=case), "en").content.decode()
    french = _page(client, Placeholder.objects.get(item__case=case), "fr").content.decode()
    assert 'lang="fr"' in french and "Unavailable for legal reasons" not in french
    assert "Unavailable for legal reasons" in english


def test_export_placeholders_writes_json_for_the_platform_without_private_data(takedown, decide, staff, tmp_path, publish_record):
    case = decide(takedown(requester_type=c.RequesterType.COMPANY, requester_organisation="Acme Rights"),
                  staff["reviewer"], actions={0: (c.Action.RESTRICT_COUNTRY, ["DE"])})
    publish_record(case)
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


def test_the_api_serves_placeholders_to_the_platform_without_private_data(takedown, decide, staff, client, publish_record):
    case = decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.REMOVE, [])})
    publish_record(case)
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


@pytest.mark.parametrize("asked", ["fr", "FR", "fr-CA", "fr_FR"])
def test_the_api_answers_in_the_language_asked_for_however_its_code_is_written(
        asked, takedown, decide, staff, client, publish_record):
    """The platform's own codes vary (``zh_Hans``, ``fr-CA``): each means the language we offer, as for notices."""
    publish_record(decide(takedown(), staff["reviewer"]))
    french = client.get("/api/v1/placeholders?language=fr").json()["placeholders"][0]["measure"]
    english = client.get("/api/v1/placeholders?language=en").json()["placeholders"][0]["measure"]
    assert french != english
    assert client.get(f"/api/v1/placeholders?language={asked}").json()["placeholders"][0]["measure"] == french


# --------------------------------------------------------------------------- the public record is the only source


def test_a_placeholder_is_public_only_once_its_record_is_approved(takedown, decide, staff, client, publish_record):
    case = decide(takedown(), staff["reviewer"])
    placeholder = Placeholder.objects.get(item__case=case)  # the platform can act on the item at once
    assert _page(client, placeholder).status_code == 404
    assert client.get("/api/v1/placeholders").json()["count"] == 0
    publish_record(case)
    assert _page(client, placeholder).status_code == 451
    assert client.get("/api/v1/placeholders").json()["count"] == 1


def test_a_doxxing_report_s_placeholder_shows_only_the_reviewed_wording(make_case, decide, staff, client):
    from rightsdesk.transparency import publishing

    case = make_case(c.Kind.HARM_REPORT, harm_category=c.HarmCategory.DOXXING, parties=[
        {"role": c.PartyRole.REQUESTER, "name": "Lucía Fernández-Ortega", "email": "lucia@example.org"}],
        items=[{"url": "https://es.wikipedia.org/wiki/Usuario:LuciaFO/notas", "project": "es.wikipedia.org",
                "page_title": "Usuario:LuciaFO/notas", "account_name": "LuciaFO"}])
    case = decide(case, staff["reviewer"], actions={0: (c.Action.REMOVE, [])})
    from rightsdesk.cases.services import update_item

    update_item(case.items.get(), {"ground": "Doxxing of Lucía Fernández-Ortega, Calle Mayor 5, Zaragoza, "
                                             "+34 612 345 678"}, staff["reviewer"])
    review = publishing.propose_redaction(case, staff["approver"])
    publishing.add_phrase(review, staff["approver"], "*", "Calle Mayor 5, Zaragoza", "ADDRESS")
    publishing.approve_redaction(review, staff["approver"])
    notice = publishing.publish(case, staff["approver"])
    assert not notice.listed and not notice.is_public  # harm reports are never in the notice log
    assert client.get(f"/en/notices/{notice.public_id}/").status_code == 404
    text = _page(client, Placeholder.objects.get(item__case=case)).content.decode()
    api = client.get("/api/v1/placeholders").content.decode()
    for private in ("Lucía", "Fernández", "Ortega", "Calle Mayor", "612 345 678", "LuciaFO", "lucia@"):
        assert private not in text and private not in api, private


@pytest.mark.django_db
def test_a_project_filter_with_a_nul_character_is_refused_as_invalid_not_a_server_error(client):
    """PostgreSQL stores no NUL character; the schema says so, and the filter is refused (422), not a 500."""
    response = client.get("/api/v1/placeholders", {"project": "de.wikipedia.org\x00"})
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "project"


@pytest.mark.parametrize("lang", ["ar", "fa", "ur"])
def test_a_placeholders_redacted_title_keeps_its_marks_apart_in_a_right_to_left_page(make_case, decide, staff, client,
                                                                                       publish_record, lang):
    """A title that begins with a redaction mark took the mark's direction: "[NAME], [EMAIL]" read left to right in
    an Arabic page. Each mark is isolated left to right (the marks_isolated filter of the public log's pages)."""
    case = make_case(c.Kind.CONTENT_TAKEDOWN, parties=[
        {"role": c.PartyRole.REQUESTER, "name": "Erika Mustermann", "email": "erika@example.org", "language": "de"}],
        items=[{"url": "https://de.wikipedia.org/wiki/Erika_Mustermann", "project": "de.wikipedia.org",
                "page_title": "Erika Mustermann, erika@example.org"}])
    publish_record(decide(case, staff["reviewer"]))
    text = _page(client, Placeholder.objects.get(item__case=case), lang).content.decode()
    assert not [p for p in PRIVATE if p in text]
    mark = '<bdi dir="ltr" class="ref">[{}]</bdi>'.format
    assert f"<bdi>{mark('NAME')}, {mark('EMAIL')}</bdi>" in text


@pytest.mark.parametrize(("lang", "requested_by"), [
    ("ar", "<dd>فرد، ألمانيا</dd>"),  # the page had "فرد, ألمانيا", a Latin comma in Arabic
    ("zh-hans", "<dd>个人，德国</dd>"),
    ("en", "<dd>Individual, Germany</dd>"),
])
def test_who_asked_and_from_where_are_separated_by_the_pages_own_comma(takedown, decide, staff, client, publish_record,
                                                                       lang, requested_by):
    case = decide(takedown(), staff["reviewer"])
    publish_record(case)
    text = _page(client, Placeholder.objects.get(item__case=case), lang).content.decode()
    assert requested_by in text


@pytest.mark.parametrize("lang", ["ar", "fa", "en", "de"])
def test_a_placeholders_since_and_until_are_days_in_the_readers_date_format_kept_apart(takedown, decide, staff, client,
                                                                                      publish_record, lang):
    """The page showed "Since 2026-12-07" and "Until 2027-03-01", the API's ISO dates, bare in an Arabic page: each is
    a day as the other public pages show one (the reader's DATE_FORMAT, core's |day), in its own <time dir="auto">."""
    import datetime

    from django.utils import formats, translation

    from rightsdesk.core import numerals
    from rightsdesk.transparency.models import PublicRecordItem

    case = decide(takedown(), staff["reviewer"], actions={0: (c.Action.RESTRICT_COUNTRY, ["DE"])})
    publish_record(case)
    placeholder = Placeholder.objects.get(item__case=case)
    until = datetime.date(2027, 3, 1)
    PublicRecordItem.objects.filter(placeholder_id=placeholder.public_id).update(action_end_date=until)
    since = PublicRecordItem.objects.get(placeholder_id=placeholder.public_id).notice.decided_on
    text = _page(client, placeholder, lang).content.decode()
    with translation.override(lang):
        for day in (since, until):
            shown = numerals.localize(formats.date_format(day, "DATE_FORMAT"))  # Persian: the page's own digits
            assert shown != day.isoformat()
            assert f'<dd><time datetime="{day.isoformat()}" dir="auto" class="whole">{shown}</time></dd>' in text, (day, text)


@pytest.mark.parametrize(("lang", "requested_by"), [
    ("ar", "<dd>شركة (<bdi>Acme Rights</bdi>)، ألمانيا</dd>"),  # was "شركة (Acme Rights)، …", the name bare
    ("fa", "<dd>شرکت (<bdi>Acme Rights</bdi>)، آلمان</dd>"),
    ("en", "<dd>Company (<bdi>Acme Rights</bdi>), Germany</dd>"),
])
def test_who_asked_names_the_kind_of_sender_in_the_readers_language_and_keeps_the_senders_name_apart(
        takedown, decide, staff, client, publish_record, lang, requested_by):
    case = decide(takedown(requester_type=c.RequesterType.COMPANY, requester_organisation="Acme Rights"),
                  staff["reviewer"])
    publish_record(case)
    text = _page(client, Placeholder.objects.get(item__case=case), lang).content.decode()
    assert requested_by in text
