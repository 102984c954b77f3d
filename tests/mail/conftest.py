"""Fixtures of the mail tests."""

from __future__ import annotations

import pytest

from rightsdesk.cases import choices as c

from .dovecot import dovecot  # noqa: F401  (the real IMAP server fixture)


def pytest_configure(config):
    config.addinivalue_line("markers", "dovecot: needs a real Dovecot IMAP server (`./run test` installs it)")


# The real SMTP test server (aiosmtpd) of the notices tests, for the reply round trip.
from tests.notices.conftest import smtp, smtp_port, start_smtp  # noqa: E402,F401


@pytest.fixture(autouse=True)
def files_in_tmp(settings, tmp_path):
    """What the mail tests receive is stored under a temporary media root, never the checkout's."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


#: The parties of the mail tests' case: a requester who typed her address in capitals, and the uploader.
REQUESTER = "Jane.Roe@Example.org"
UPLOADER = "uploader1@users.example.net"


@pytest.fixture
def case(make_case):
    """A copyright notice waiting for its requester's answer, with the uploader as affected user; the inboxes made."""
    from .corpus import make_inboxes

    make_inboxes()
    return make_case(c.Kind.COPYRIGHT_NOTICE, state=c.State.AWAITING_INFORMATION, parties=[
        {"role": c.PartyRole.REQUESTER, "name": "Jane Roe", "email": REQUESTER},
        {"role": c.PartyRole.AFFECTED_USER, "account_name": "Uploader1", "email": UPLOADER},
    ])
