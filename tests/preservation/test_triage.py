"""The staff inbox suggests the kind 'Preservation request' for a letter asking to preserve records (2703(f)), and
still 'Request for user information' for a demand for the records themselves."""

from pathlib import Path

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.mail.triage import suggest_kind

DATA = Path(__file__).parent.parent / "data" / "mail"


@pytest.mark.parametrize("subject, body", [
    ("Preservation request", "Under 18 U.S.C. 2703(f) we request preservation of records for the account User:X."),
    ("Request", "Pursuant to 18 U.S.C. § 2703(f), please preserve the records of the accounts below; a subpoena "
                "will follow."),
    ("Preservation letter - case 26-0412", "Please keep the records pending legal process."),
    ("Demande de conservation", "Demande de conservation des données de connexion du compte."),
    ("Sicherungsanordnung", "Wir bitten um Sicherung der Daten (Quick Freeze)."),
], ids=["2703(f) letter", "a subpoena to follow", "preservation letter", "French", "German"])
def test_a_letter_asking_to_preserve_records_is_suggested_as_a_preservation_request(subject, body):
    assert suggest_kind(None, subject, body) == c.Kind.PRESERVATION_REQUEST


@pytest.mark.parametrize("subject, body", [
    ("Subpoena", "Produce the subscriber information of the account."),
    ("Court order", "Order under 18 U.S.C. § 2703(d) to produce records."),
])
def test_a_demand_for_the_records_stays_a_request_for_user_information(subject, body):
    assert suggest_kind(None, subject, body) == c.Kind.USER_DATA_REQUEST


def test_the_forwarded_preservation_letter_of_the_test_mails_is_suggested_as_a_preservation_request():
    from rightsdesk.mail.parsing import parse

    message = parse((DATA / "forwarded_outlook_original_message.eml").read_bytes())
    assert suggest_kind(None, message.subject, message.body_text) == c.Kind.PRESERVATION_REQUEST
