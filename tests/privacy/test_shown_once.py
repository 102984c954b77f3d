"""A secret shown once (privacy.shown_once): a new token waits in the session, sealed, for the page after the
redirect, and is gone once that page has read it.

| what happens to the kept secret                          | what ``take`` gives          |
| -------------------------------------------------------- | ---------------------------- |
| read by the next page                                    | the secret and its ``about`` |
| read a second time (a reload)                            | nothing                      |
| read through another slot                                | nothing, and it still waits  |
| left longer than WAIT_SECONDS                            | nothing                      |
| sealed under a key no longer listed, or damaged          | nothing                      |
"""

from __future__ import annotations

import base64
import os

import pytest

from rightsdesk.privacy import crypto, shown_once

SECRET = "rdr_" + "x" * 43


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def test_the_next_page_reads_the_secret_and_a_reload_reads_nothing():
    session = {}
    shown_once.keep(session, "researcher-token", SECRET, token=7)
    assert shown_once.take(session, "researcher-token") == (SECRET, {"token": 7})
    assert shown_once.take(session, "researcher-token") == (None, {})
    assert session == {}  # nothing left behind


def test_the_session_holds_the_secret_sealed_never_as_it_is():
    session = {}
    shown_once.keep(session, "api-token", SECRET, token=1)
    assert SECRET not in repr(session)
    assert session[shown_once.SESSION_KEY]["api-token"]["sealed"].startswith(crypto.SEALED_PREFIX)


def test_each_slot_keeps_its_own_secret():
    session = {}
    shown_once.keep(session, "api-token", "rdk_first")
    shown_once.keep(session, "researcher-token", SECRET)
    assert shown_once.take(session, "api-token") == ("rdk_first", {})
    assert shown_once.take(session, "researcher-token") == (SECRET, {})


def test_a_secret_sealed_for_one_slot_does_not_open_in_another():
    session = {}
    shown_once.keep(session, "api-token", SECRET)
    session[shown_once.SESSION_KEY]["researcher-token"] = session[shown_once.SESSION_KEY].pop("api-token")
    assert shown_once.take(session, "researcher-token") == (None, {})


def test_a_secret_nobody_came_to_see_is_forgotten(monkeypatch):
    session, now = {}, 1_000_000.0
    monkeypatch.setattr(shown_once.time, "time", lambda: now)
    shown_once.keep(session, "api-token", SECRET)
    now += shown_once.WAIT_SECONDS + 1
    assert shown_once.take(session, "api-token") == (None, {})
    assert session == {}


def test_a_secret_that_waited_just_under_the_limit_is_shown(monkeypatch):
    session, now = {}, 1_000_000.0
    monkeypatch.setattr(shown_once.time, "time", lambda: now)
    shown_once.keep(session, "api-token", SECRET)
    now += shown_once.WAIT_SECONDS - 1
    assert shown_once.take(session, "api-token") == (SECRET, {})


@pytest.mark.parametrize("damage", ["rotated away", "changed", "missing"])
def test_a_secret_that_no_longer_opens_is_not_shown_and_raises_nothing(monkeypatch, damage):
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", new_key())
    session = {}
    shown_once.keep(session, "api-token", SECRET)
    entry = session[shown_once.SESSION_KEY]["api-token"]
    if damage == "rotated away":
        monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", new_key())
    elif damage == "changed":
        entry["sealed"] = entry["sealed"][:-4] + "AAAA"
    else:
        del entry["sealed"]
    assert shown_once.take(session, "api-token") == (None, {})
