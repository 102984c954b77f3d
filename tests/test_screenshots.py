"""The browser tests' screenshot helper: a capture Chromium refuses is tried again, anything else fails at once."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error

from tests import screenshots

REFUSED = "Protocol error (Page.captureScreenshot): Unable to capture screenshot"


class Tab:
    """A page whose first captures raise the given errors, then succeed."""

    def __init__(self, *errors):
        self.errors, self.saved = list(errors), []

    def screenshot(self, path, **options):
        if self.errors:
            raise self.errors.pop(0)
        self.saved.append((path, options))


@pytest.fixture(autouse=True)
def _no_wait(monkeypatch):
    monkeypatch.setattr(screenshots.time, "sleep", lambda seconds: None)


@pytest.mark.parametrize(("errors", "saved"), [
    ((), True),
    ((Error(REFUSED),), True),
    ((Error(REFUSED), Error(REFUSED)), True),
    ((Error(REFUSED), Error(REFUSED), Error(REFUSED)), False),  # refused three times: the test fails
])
def test_a_capture_chromium_refuses_is_tried_again_up_to_three_times(errors, saved):
    tab = Tab(*errors)
    if saved:
        screenshots.save(tab, "/tmp/x.png", full_page=True)
        assert tab.saved == [("/tmp/x.png", {"full_page": True})]
    else:
        with pytest.raises(Error, match="Unable to capture"):
            screenshots.save(tab, "/tmp/x.png", full_page=True)
        assert tab.saved == []


def test_any_other_browser_error_fails_at_once():
    tab = Tab(Error("Target page, context or browser has been closed"))
    with pytest.raises(Error, match="has been closed"):
        screenshots.save(tab, "/tmp/x.png")
    assert tab.errors == [] and tab.saved == []


def test_screenshots_are_kept_only_in_the_one_folder_a_person_names(monkeypatch, tmp_path):
    """One variable names where every browser test keeps its pictures; unset, none are taken (no test writes to
    /tmp on its own, nor reads another variable)."""
    monkeypatch.delenv(screenshots.FOLDER, raising=False)
    monkeypatch.setenv("RIGHTSDESK_SHOTS", str(tmp_path / "other"))
    tab = Tab()
    screenshots.keep(tab, "queue-ar-390.png")
    assert tab.saved == [] and screenshots.folder() is None
    monkeypatch.setenv(screenshots.FOLDER, str(tmp_path / "asked" / "for"))
    screenshots.keep(tab, "queue-ar-390.png", full_page=True)
    assert tab.saved == [(str(tmp_path / "asked" / "for" / "queue-ar-390.png"), {"full_page": True})]
    assert (tmp_path / "asked" / "for").is_dir()
