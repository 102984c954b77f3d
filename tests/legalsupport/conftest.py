from __future__ import annotations

import pytest

CANARY_NAME = "Canary Zebulon Quux"
CANARY_TEXT = "canary-threat-7f3a9 sued over my edits"


@pytest.fixture
def legal_staff(make_staff):
    return make_staff("legal support", username="legal-support")


@pytest.fixture
def filed(db, settings, tmp_path):
    """A legal-support request as the public form files it (with a file), and its raw tracking token."""
    from rightsdesk.intake.attachments import check_file
    from rightsdesk.legalsupport import services

    settings.MEDIA_ROOT = str(tmp_path / "media")
    request, token = services.submit({
        "requester_name": CANARY_NAME, "requester_email": "zebulon@example.org", "contributor_account": "ZebEdits",
        "country": "TR", "project": "tr.wikipedia.org", "threat_kind": "government", "adversary": "A ministry",
        "description": CANARY_TEXT}, [check_file("letter.txt", b"The letter from the ministry.")], language="en")
    return request, token
