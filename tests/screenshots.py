"""Saving the screenshots the browser tests take for people to look at, as one function.

Chromium now and then refuses a capture with "Protocol error (Page.captureScreenshot): Unable to capture
screenshot" when the machine is loaded, after every assertion of the test has passed (a CI run of stop 46 failed
on it once, and the same test passed three times on a re-run). A refused capture is tried again after the page has
had a frame to paint; a capture refused three times fails the test, as before, since the pictures are part of what
a change is checked by.

The pictures are kept only when a person asks for them, in one place named by one variable:
``RIGHTSDESK_SCREENSHOTS=DIR`` (``keep``). The browser tests named two variables before (``RIGHTSDESK_SHOTS`` in
three files), and one test wrote into /tmp on every run.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ATTEMPTS = 3
#: The variable naming the folder the screenshots are kept in; unset, none are taken.
FOLDER = "RIGHTSDESK_SCREENSHOTS"


def folder() -> Path | None:
    """The folder to keep screenshots in (made if need be), or None when nobody asked for them."""
    named = os.environ.get(FOLDER)
    if not named:
        return None
    path = Path(named)
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep(target, name: str, **options) -> None:
    """Save a screenshot of ``target`` as ``name`` (``x.png``) in the folder asked for, if one was; else nothing."""
    kept_in = folder()
    if kept_in is not None:
        save(target, kept_in / name, **options)


def save(target, path: str, **options) -> None:
    """``target.screenshot(path=path, **options)`` (a Playwright page or locator), tried again if Chromium refuses
    the capture itself; any other error is raised at once."""
    from playwright.sync_api import Error

    for attempt in range(1, ATTEMPTS + 1):
        try:
            target.screenshot(path=str(path), **options)
            return
        except Error as refused:
            if "Unable to capture screenshot" not in str(refused) or attempt == ATTEMPTS:
                raise
            time.sleep(0.5 * attempt)
