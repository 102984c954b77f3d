"""The Preservation panel's forms as staff send them: a form sent after a colleague moved the preservation on (or sent
twice) is refused in words on the case page, and what was typed is given back to copy, never dropped."""

import html

import pytest

from rightsdesk.preservation import services
from rightsdesk.preservation.models import State

from .conftest import request_values

pytestmark = pytest.mark.django_db


def _case_page(client, case) -> str:
    return html.unescape(client.get(f"/en/staff/cases/{case.reference}/").content.decode())


@pytest.mark.parametrize(("url", "typed", "said"), [
    ("preserved", {"systems_reference": "Vault-9 snapshot S-7781",
                   "preserved_description": "Sign-in logs of both accounts, typed by the second person"},
     "The records were already preserved on"),
    ("refuse", {"refusal_reason": "No valid basis, typed by the second person"},
     "Records were already preserved: release them instead of refusing."),
])
def test_a_form_sent_after_a_colleague_preserved_the_records_says_why_and_gives_back_what_was_typed(
        client, verified_login, preservation_case, legal, url, typed, said):
    case = preservation_case()
    p = services.record_request(case, request_values(), legal)
    verified_login(client, legal)
    _case_page(client, case)  # the second person's page, with the form still there
    services.record_preserved(p, "Legal-hold store LH-1", "Sign-in logs, 1 to 30 June.", legal)  # the colleague
    response = client.post(f"/en/staff/cases/{case.reference}/preservation/{url}/", typed)
    assert response.status_code == 302
    page = _case_page(client, case)
    assert said in page  # told, in words
    for words in typed.values():
        assert words in page  # given back to copy
    p.refresh_from_db()
    assert p.state == State.PRESERVED and p.systems_reference == "Legal-hold store LH-1"


def test_a_release_sent_twice_records_one_release_and_gives_back_the_second_note(
        client, verified_login, preservation_case, legal):
    case = preservation_case()
    p = services.record_request(case, request_values(), legal)
    services.record_preserved(p, "Legal-hold store LH-1", "Sign-in logs, 1 to 30 June.", legal)
    verified_login(client, legal)
    url = f"/en/staff/cases/{case.reference}/preservation/release/"
    client.post(url, {"release_note": "Snapshot deleted after the 90 days."})
    client.post(url, {"release_note": "Second sending: snapshot deleted."})
    page = _case_page(client, case)
    assert "made it “Released”" in page and "Nothing was saved." in page
    assert "Second sending: snapshot deleted." in page
    p.refresh_from_db()
    assert p.state == State.RELEASED and p.release_note == "Snapshot deleted after the 90 days."


def _released(p, colleague):
    services.release(p, "Snapshot deleted by a colleague.", colleague)


def _refused(p, colleague):
    services.refuse(p, "No such account, found by a colleague.", colleague)


@pytest.mark.parametrize(("colleague_did", "url", "typed", "now"), [
    pytest.param(_released, "release", {"release_note": "Snapshot LH-1 deleted, typed by the second person"},
                 "Released", id="released by a colleague, then released again"),
    pytest.param(_released, "renew", {"reason": "The FBI's letter of 2 July, typed by the second person"},
                 "Released", id="released by a colleague, then renewed"),
    pytest.param(_refused, "preserved", {"systems_reference": "Vault-9 snapshot S-7781",
                                         "preserved_description": "Sign-in logs, typed by the second person"},
                 "Refused", id="refused by a colleague, then preserved"),
])
def test_a_form_sent_after_a_colleague_released_or_refused_says_who_did_what_when_and_that_nothing_was_saved(
        client, verified_login, preservation_case, legal, make_staff, colleague_did, url, typed, now):
    """It said "Nothing is preserved under this request, so nothing can be released": true, but not that a
    colleague had released it, who or when. It says so, as the appeals and legal support do (core.meanwhile)."""
    case = preservation_case()
    p = services.record_request(case, request_values(), legal)
    if url in ("release", "renew"):  # the page opened on preserved records, its release and renewal forms there
        services.record_preserved(p, "Legal-hold store LH-1", "Sign-in logs, 1 to 30 June.", legal)
    verified_login(client, legal)
    _case_page(client, case)  # the second person's page, with the form still there
    colleague = make_staff("legal approver", "reviewer", username="colleague.first")
    p.refresh_from_db()
    colleague_did(p, colleague)
    response = client.post(f"/en/staff/cases/{case.reference}/preservation/{url}/", typed)
    assert response.status_code == 302
    page = _case_page(client, case)
    assert f"After you opened this page, colleague.first made it “{now}” (" in page
    assert "UTC). Nothing was saved." in page
    assert "Nothing is preserved under this request" not in page and "Only preserved records" not in page
    for words in typed.values():
        assert words in page  # given back to copy


def test_the_day_already_preserved_is_written_as_every_staff_moment_and_kept_whole_in_arabic(
        preservation_case, legal):
    """The refusal wrote the day by hand (2026-06-30) where every moment staff read is "2026-06-30 12:00 UTC"
    (core.moments), isolated left to right inside a right-to-left sentence, which shows it backwards otherwise."""
    from django.utils import translation

    from rightsdesk.core.errors import DomainError
    from rightsdesk.core.moments import moment_text

    case = preservation_case()
    p = services.record_request(case, request_values(), legal)
    services.record_preserved(p, "Legal-hold store LH-1", "Sign-in logs, 1 to 30 June.", legal)
    p.refresh_from_db()
    with translation.override("ar"):
        with pytest.raises(DomainError) as refused:
            services.record_preserved(p, "Vault-9", "Again.", legal)
        shown = moment_text(p.preserved_at)
    assert "\u2066" in shown and shown in refused.value.message and refused.value.message.count("UTC") == 1


def test_a_request_sent_twice_is_recorded_once_and_the_second_sending_is_told_it_was_recorded(
        client, verified_login, preservation_case, legal):
    """A double click or the back button sent "Record the request" again: the second sending wrote a second history
    note ("corrected"). The form is done once (core.form_once), and the second sending is told it was recorded."""
    import re

    case = preservation_case()
    verified_login(client, legal)
    page = _case_page(client, case)
    form = page[page.index('action="/en/staff/cases/%s/preservation/request/"' % case.reference):]
    carried = re.search(r'name="form_token" value="([^"]+)"', form[:form.index("</form>")])
    assert carried, "the request form carries no one-time token (core.form_once)"
    token = carried.group(1)
    url = f"/en/staff/cases/{case.reference}/preservation/request/"
    first = client.post(url, {**request_values(), "form_token": token})
    second = client.post(url, {**request_values(), "form_token": token})
    assert first.status_code == second.status_code == 302
    notes = [h.changes.get("preservation") for h in case.history.filter(event="note")]
    assert notes == ["requested"]
    page = _case_page(client, case)
    assert page.count("The preservation request was recorded.") == 1
    assert 'role="alert"' not in page[page.index('id="preservation"'):page.index("Record the request")]


#: (form, what is sent, the field's id, words of its message, the state the preservation is in first)
REFUSED_FIELDS = [
    ("request", {**request_values(), "legal_basis": ""}, "pr-legal_basis", "", None),  # a field with help of its own
    ("request", {**request_values(), "authority_country": "ZZ"}, "pr-authority_country", "ZZ", None),
    ("request", {**request_values(), "authority_reference": "R" * 301}, "pr-authority_reference", "300", None),
    ("request", {**request_values(), "accounts": "  "}, "pr-accounts", "", None),
    ("preserved", {"systems_reference": "", "preserved_description": "Sign-in logs, 1 to 30 June."},
     "pr-systems_reference", "", "requested"),
    ("refuse", {"refusal_reason": " "}, "pr-refusal_reason", "", "requested"),
    ("renew", {"reason": " "}, "pr-reason", "renewed request", "preserved"),
    ("release", {"release_note": ""}, "pr-release_note", "", "preserved"),
]


@pytest.mark.parametrize(("url", "typed", "field_id", "says", "state"), REFUSED_FIELDS,
                         ids=[row[2] for row in REFUSED_FIELDS])
def test_a_refused_preservation_form_ties_the_field_in_error_to_its_message(
        client, verified_login, preservation_case, legal, url, typed, field_id, says, state):
    """As every form of the project: the field refused is aria-invalid and aria-describedby names the element that
    says what to fix (and its help, where it has one), so a screen reader reads the error with the field."""
    from tests.field_ties import assert_tied_to

    case = preservation_case()
    if state:
        p = services.record_request(case, request_values(), legal)
        if state == "preserved":
            services.record_preserved(p, "Legal-hold store LH-1", "Sign-in logs, 1 to 30 June.", legal)
    verified_login(client, legal)
    client.post(f"/en/staff/cases/{case.reference}/preservation/{url}/", typed)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    assert_tied_to(page, field_id, says)


def _refused_request(client, case):
    """The request form sent with a country that is no country: refused, what was typed carried back."""
    response = client.post(f"/en/staff/cases/{case.reference}/preservation/request/", request_values(country="XX"))
    assert response.status_code == 302


def test_a_refused_request_s_accounts_wait_in_the_session_sealed_never_as_typed(
        client, verified_login, preservation_case, legal):
    import json

    from django.contrib.sessions.models import Session

    from .conftest import ACCOUNTS

    case = preservation_case()
    verified_login(client, legal)
    _refused_request(client, case)
    stored = " ".join(json.dumps(row.get_decoded()) for row in Session.objects.all())  # the rows as the database holds them
    for account in ACCOUNTS.split("\n") + ["FBI-26-0412"]:
        assert account not in stored
    page = _case_page(client, case)
    assert "is not a country code" in page and all(account in page for account in ACCOUNTS.split("\n"))  # given back


def test_a_refused_request_s_accounts_are_given_back_on_its_own_case_never_in_another_case_s_form(
        client, verified_login, preservation_case, legal):
    from .conftest import ACCOUNTS

    refused_on, other = preservation_case(), preservation_case()
    verified_login(client, legal)
    _refused_request(client, refused_on)
    elsewhere = _case_page(client, other)  # a colleague's link followed before going back
    assert not any(account in elsewhere for account in ACCOUNTS.split("\n")), "another case's form got the accounts"
    assert "is not a country code" not in elsewhere
    back = _case_page(client, refused_on)
    assert "is not a country code" in back and all(account in back for account in ACCOUNTS.split("\n"))
    assert not any(account in _case_page(client, refused_on) for account in ACCOUNTS.split("\n"))  # shown once
