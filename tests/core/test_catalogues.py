"""Every shipped message catalogue compiles under `msgfmt --check`.

The check catches what a reader would see as a broken page: a plural with fewer forms than the language has (Spanish
and French have three in Django's catalogues), or a format placeholder that differs from the English source, which
raises at render time. Header warnings (an untouched Project-Id-Version) are not errors and are ignored.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "rightsdesk"
CATALOGUES = sorted(SOURCE.glob("*/locale/*/LC_MESSAGES/django.po"))


def test_the_catalogues_are_found():
    assert len(CATALOGUES) >= 40, CATALOGUES


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_catalogue_passes_msgfmt_check(catalogue):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (Debian's gettext package) is missing; ./run test installs it"
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(catalogue)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
