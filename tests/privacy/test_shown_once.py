"""A secret shown once (privacy.shown_once): a new token waits in the session, sealed, for the page after the
redirect, and is gone once that page has read it.

| what happens to the kept secret                          | what ``take`` gives          |
| -------------------------------------------------------- | ---------------------------- |
| read by the next page                                    | the secret and its ``about`` |
| read a second time (a reload)                            | nothing                      |
| read through another slot                                | nothing, and it still waits  |
| left longer than WAIT_SECONDS                            | nothing                      |
| sealed under a key no longer listed, or damaged          | nothing                      |

A form sent twice (a double click: two requests side by side, the browser follows the second) keeps one token;
the second sending puts the first sending's sealed secret into its own session (``sent_again``):

| when the second sending arrives                          | ``sent_again`` | its session then shows  |
| -------------------------------------------------------- | -------------- | ----------------------- |
| after the first kept its secret                          | True           | the first's secret      |
| while the first is still being filed                     | True, waiting  | the first's secret      |
| after a page showed the secret                           | False          | nothing                 |
| after the secret waited longer than WAIT_SECONDS         | False          | nothing                 |
| for another slot's form                                  | False          | nothing                 |

Of the two sessions that then hold the secret, only the first page read shows it.
"""

from __future__ import annotations

import base64
import os
import threading

import pytest
from django.core.cache import cache

from rightsdesk.core import form_once
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


# --- a form sent twice ----------------------------------------------------------------------------------------------


def first_sending(slot: str = "api-token", secret: str = SECRET) -> tuple[str, dict]:
    """The first of two sendings of one form: it claims the form token and keeps the secret in its session."""
    form_token, session = form_once.new_form_token(), {}
    assert form_once.claim(form_token)
    shown_once.keep(session, slot, secret, form_token=form_token, token=7)
    return form_token, session


def test_the_second_sending_of_a_form_shows_the_secret_the_first_kept():
    form_token, _first_session = first_sending()
    second_session = {}
    assert shown_once.sent_again(second_session, "api-token", form_token) is True
    assert shown_once.take(second_session, "api-token") == (SECRET, {"token": 7})


def test_whichever_session_is_saved_last_it_holds_the_same_sealed_secret():
    form_token, first_session = first_sending()
    second_session = {}
    shown_once.sent_again(second_session, "api-token", form_token)
    assert second_session[shown_once.SESSION_KEY] == first_session[shown_once.SESSION_KEY]


def test_the_second_sending_waits_for_the_first_to_keep_its_secret():
    form_token, first_session = form_once.new_form_token(), {}
    form_once.claim(form_token)
    first = threading.Timer(0.3, shown_once.keep, args=(first_session, "api-token", SECRET),
                            kwargs={"form_token": form_token})
    first.start()
    try:
        second_session = {}
        assert shown_once.sent_again(second_session, "api-token", form_token) is True
    finally:
        first.join()
    assert shown_once.take(second_session, "api-token") == (SECRET, {})


def test_of_the_two_sessions_that_hold_the_secret_only_the_first_page_read_shows_it():
    """The first sending's session save may land after the page already read the second's: its copy shows nothing."""
    form_token, first_session = first_sending()
    second_session = {}
    shown_once.sent_again(second_session, "api-token", form_token)
    assert shown_once.take(second_session, "api-token")[0] == SECRET
    assert shown_once.take(first_session, "api-token") == (None, {})


def test_once_a_page_showed_the_secret_a_form_sent_again_shows_nothing():
    form_token, first_session = first_sending()
    assert shown_once.take(first_session, "api-token")[0] == SECRET
    later_session = {}
    assert shown_once.sent_again(later_session, "api-token", form_token) is False
    assert shown_once.take(later_session, "api-token") == (None, {})
    assert form_once.was_used(form_token)  # and the form still issues nothing again


def test_a_form_sent_again_after_its_secret_waited_too_long_shows_nothing(monkeypatch):
    now = 1_000_000.0
    monkeypatch.setattr(shown_once.time, "time", lambda: now)
    form_token, _first_session = first_sending()
    now += shown_once.WAIT_SECONDS + 1
    later_session = {}
    shown_once.sent_again(later_session, "api-token", form_token)  # the cache may still hold it; take refuses it
    assert shown_once.take(later_session, "api-token") == (None, {})


def test_a_secret_kept_for_one_slot_is_not_put_in_another():
    form_token, _first_session = first_sending(slot="researcher-token")
    assert shown_once.sent_again({}, "api-token", form_token) is False


def test_the_cache_holds_the_secret_sealed_and_forgets_it_within_the_wait(monkeypatch):
    stored, real_set = {}, cache.set

    def spy_set(key, value, timeout=None):
        stored[key] = (value, timeout)
        return real_set(key, value, timeout)

    monkeypatch.setattr(cache, "set", spy_set)
    first_sending()
    kept = [(value, timeout) for key, (value, timeout) in stored.items() if key.startswith("shown-once:")]
    assert len(kept) == 1
    value, timeout = kept[0]
    assert timeout == shown_once.WAIT_SECONDS and SECRET not in repr(value)
