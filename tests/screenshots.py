"""Saving the screenshots the browser tests take for people to look at, as one function.

Chromium now and then refuses a capture with "Protocol error (Page.captureScreenshot): Unable to capture
screenshot" when the machine is loaded, after every assertion of the test has passed (a CI run of stop 46 failed
on it once, and the same test passed three times on a re-run). A refused capture is tried again after the page has
had a frame to paint; a capture refused three times fails the test, as before, since the pictures are part of what
a change is checked by.
"""

from __future__ import annotations

import time

ATTEMPTS = 3


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
