"""Fixtures of the mail tests."""

from __future__ import annotations

import pytest

from .dovecot import dovecot  # noqa: F401  (the real IMAP server fixture)


def pytest_configure(config):
    config.addinivalue_line("markers", "dovecot: needs a real Dovecot IMAP server (`./run test` installs it)")


# The real SMTP test server (aiosmtpd) of the notices tests, for the reply round trip.
from tests.notices.conftest import smtp, smtp_port, start_smtp  # noqa: E402,F401


@pytest.fixture(autouse=True)
def files_in_tmp(settings, tmp_path):
    """What the mail tests receive is stored under a temporary media root, never the checkout's."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
