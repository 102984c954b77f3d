"""Linking cases to the registry: suggested on the case page, confirmed by a person, the free text kept as received;
old cases mapped in bulk; the registry extended through validated forms, with history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.laws.models import CaseAuthority, CaseInstrument, Instrument, RegistryEvent

pytestmark = pytest.mark.django_db

FREE_TEXT = "Art. 17 GDPR and NetzDG"


def test_the_case_page_suggests_and_a_confirmation_stores_the_links_keeping_the_free_text(
        make_case, staff_client, reviewer, law, authority):
    case = make_case(law_invoked=FREE_TEXT, requester_type=c.RequesterType.GOVERNMENT,
                     requester_organisation="Bundesamt für Justiz")
    page = staff_client.get(reverse("review:case", args=[case.reference]))
    html = page.content.decode()
    assert "Laws and authority" in html
    assert 'value="%d" checked' % law("eu-gdpr-17").pk in html
    assert 'value="%d" checked' % law("de-netzdg").pk in html
    assert 'value="%d" selected' % authority("de-bfj").pk in html
    assert not CaseInstrument.objects.exists(), "a suggestion is not stored before a person confirms it"

    response = staff_client.post(reverse("laws:confirm", args=[case.reference]), {
        "instruments": [law("eu-gdpr-17").pk, law("de-netzdg").pk, ""], "authority": authority("de-bfj").pk})
    assert response.status_code == 302
    links = CaseInstrument.objects.filter(case=case)
    assert {l.instrument.key for l in links} == {"eu-gdpr-17", "de-netzdg"}
    assert {l.confirmed_by for l in links} == {reviewer}
    assert CaseAuthority.objects.get(case=case).authority.key == "de-bfj"
    assert Case.objects.get(pk=case.pk).law_invoked == FREE_TEXT
    assert RegistryEvent.objects.filter(case=case, event=RegistryEvent.Event.CASE_LINKED).count() == 3

    # Unticking one removes it, and the removal is in the history.
    staff_client.post(reverse("laws:confirm", args=[case.reference]),
                      {"instruments": [law("eu-gdpr-17").pk], "authority": ""})
    assert [l.instrument.key for l in CaseInstrument.objects.filter(case=case)] == ["eu-gdpr-17"]
    assert not CaseAuthority.objects.filter(case=case).exists()
    assert RegistryEvent.objects.filter(case=case, event=RegistryEvent.Event.CASE_UNLINKED).count() == 2


def test_a_role_that_does_not_work_on_cases_cannot_confirm(make_case, make_staff, client, verified_login, law):
    case = make_case(law_invoked=FREE_TEXT)
    verified_login(client, make_staff("auditor"))
    response = client.post(reverse("laws:confirm", args=[case.reference]), {"instruments": [law("de-netzdg").pk]})
    assert response.status_code == 403
    assert not CaseInstrument.objects.exists()


def test_bulk_mapping_links_every_case_with_that_exact_text_and_records_it_without_the_text(
        make_case, make_staff, client, verified_login, law):
    same = [make_case(law_invoked="Turkish internet law") for _ in range(3)]
    other = make_case(law_invoked="Turkish internet law, art. 8")
    approver = make_staff("legal approver")
    verified_login(client, approver)
    page = client.get(reverse("laws:bulk_map")).content.decode()
    assert "Turkish internet law" in page and "Apply to 3 cases" in page

    response = client.post(reverse("laws:bulk_map"), {"text": "Turkish internet law",
                                                      "instruments": [law("tr-5651").pk]})
    assert response.status_code == 302
    assert set(CaseInstrument.objects.filter(instrument__key="tr-5651").values_list("case_id", flat=True)) == {
        case.pk for case in same}
    assert not CaseInstrument.objects.filter(case=other).exists()
    assert all(Case.objects.get(pk=case.pk).law_invoked == "Turkish internet law" for case in same)
    event = RegistryEvent.objects.get(event=RegistryEvent.Event.BULK_MAPPED)
    assert event.actor == approver and event.details["cases"] == 3 and event.details["changed"] == 3
    assert "Turkish" not in str(event.details)

    # Applying again changes nothing; an empty choice is refused with what to do.
    client.post(reverse("laws:bulk_map"), {"text": "Turkish internet law", "instruments": [law("tr-5651").pk]})
    assert CaseInstrument.objects.filter(instrument__key="tr-5651").count() == 3
    refused = client.post(reverse("laws:bulk_map"), {"text": "Turkish internet law"})
    assert refused.status_code == 400
    assert "Choose at least one law" in refused.content.decode()


def test_staff_extend_the_registry_through_a_validated_form_with_history(make_staff, client, verified_login):
    admin = make_staff("administrator")
    verified_login(client, admin)
    url = reverse("laws:instrument_add")
    bad = client.post(url, {"key": "xx-law", "jurisdiction": "Atlantis", "name": "A law", "short_name": "AL",
                            "law_type": "other", "patterns": "(unclosed", "aliases": "A law\nAL"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Write a two-letter country code" in text and "not a valid regular expression" in text
    assert "A law\nAL" in text, "what was typed is kept"
    assert not Instrument.objects.filter(key="xx-law").exists()

    good = client.post(url, {"key": "fr-loi-sren", "jurisdiction": "fr", "name": "Loi SREN", "short_name": "SREN",
                             "law_type": "platform_regulation", "aliases": "loi SREN\n", "active": "on"})
    assert good.status_code == 302
    made = Instrument.objects.get(key="fr-loi-sren")
    assert made.jurisdiction == "FR" and made.aliases == ["loi SREN"]
    event = RegistryEvent.objects.get(event=RegistryEvent.Event.INSTRUMENT_ADDED)
    assert event.actor == admin and event.instrument == made
    assert "SREN" in client.get(reverse("laws:registry")).content.decode()


def test_an_edit_sent_from_a_page_older_than_a_colleagues_edit_is_refused_with_what_was_typed_kept(
        make_staff, client, verified_login, law):
    import re

    law = law("de-netzdg")

    mine, theirs = client, client.__class__()
    verified_login(mine, make_staff("administrator"))
    verified_login(theirs, make_staff("administrator"))
    url = reverse("laws:instrument_edit", args=[law.pk])

    def shown(c):
        return re.search(r'name="version" value="([^"]*)"', c.get(url).content.decode()).group(1)

    def typed(name):
        return {"key": law.key, "jurisdiction": law.jurisdiction, "name": name, "short_name": law.short_name,
                "law_type": law.law_type, "active": "on"}

    seen_mine, seen_theirs = shown(mine), shown(theirs)
    assert theirs.post(url, {**typed("Their corrected name"), "version": seen_theirs}).status_code == 302
    late = mine.post(url, {**typed("My own typed name"), "version": seen_mine})
    assert late.status_code == 409
    page = late.content.decode()
    assert "Someone else changed this entry after you opened the page" in page and "My own typed name" in page
    law.refresh_from_db()
    assert law.name == "Their corrected name"


def test_publishing_copies_the_confirmed_links_onto_the_public_record(decided_case, reviewer, law, authority):
    from rightsdesk.laws import services
    from rightsdesk.laws.models import PublicRecordAuthority, PublicRecordInstrument
    from rightsdesk.transparency import publishing

    government = decided_case(law_invoked="Law 5651", requester_type=c.RequesterType.GOVERNMENT, country="TR",
                              requester_organisation="BTK")
    person = decided_case(law_invoked="Defamation Act 2013", country="GB")
    services.set_case_links(government, reviewer, [law("tr-5651").pk], authority("tr-btk").pk)
    services.set_case_links(person, reviewer, [law("uk-defamation-2013").pk], authority("gb-courts").pk)
    for case in (government, person):
        publishing.publish_as_system(case, "test")
    assert [l.instrument.key for l in PublicRecordInstrument.objects.filter(record__case=government)] == ["tr-5651"]
    assert PublicRecordAuthority.objects.get(record__case=government).authority.key == "tr-btk"
    assert [l.instrument.key for l in PublicRecordInstrument.objects.filter(record__case=person)] == [
        "uk-defamation-2013"]
    assert not PublicRecordAuthority.objects.filter(record__case=person).exists(), (
        "a private person's case names no authority in public")


@pytest.mark.parametrize(("language", "system"), [("en", "system"), ("ar", "النظام"), ("fr", "système")])
def test_the_registry_history_names_an_event_without_a_person_in_the_readers_language(
        client, reviewer, language, system):
    """An event the platform recorded itself (a link made by the intake rules, a bulk mapping) read "system" in every
    language (found in the pseudo-locale crawl)."""
    from django.utils import translation

    RegistryEvent.objects.create(event=RegistryEvent.Event.CASE_LINKED, instrument=Instrument.objects.first())
    client.force_login(reviewer)
    with translation.override(language):
        page = client.get(reverse("laws:registry")).content.decode()
    assert f" · {system} · " in page
