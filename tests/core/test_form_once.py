"""One sending per form (core.form_once): the first POST carrying a form's one-time token does the work; every
later one with the same token does nothing again.

| what happens to a form token                         | ``claim``   | ``was_used`` | ``wait_until_done``    |
| ---------------------------------------------------- | ----------- | ------------ | ---------------------- |
| never sent                                           | True        | False        | -                      |
| sent, being filed                                    | False       | True         | None after waiting     |
| sent, its work done                                  | False       | True         | what it made, at once  |
| sent, refused and released                           | True again  | False        | None at once           |
| none at all (a client that drops the hidden field)   | always True | False        | -                      |

A claimed sending whose work fails (refused, or an error) releases its token (`released_on_failure`).
"""

from __future__ import annotations

import threading
import time

import pytest
from django import forms
from django.core.cache import cache

from rightsdesk.core import form_once
from rightsdesk.core.digests import token_digest


def test_the_first_sending_claims_the_token_and_every_later_one_finds_it_used():
    token = form_once.new_form_token()
    assert not form_once.was_used(token)
    assert form_once.claim(token) is True
    assert form_once.was_used(token)
    assert form_once.claim(token) is False
    assert form_once.claim(token) is False


def test_a_refused_sending_releases_the_token_so_the_corrected_form_may_be_sent():
    token = form_once.new_form_token()
    form_once.claim(token)
    form_once.release(token)
    assert not form_once.was_used(token)
    assert form_once.claim(token) is True


def test_a_form_without_a_token_is_done_each_time_it_is_sent():
    assert form_once.claim("") is True
    assert form_once.claim("") is True
    assert not form_once.was_used("")
    form_once.done("")  # nothing to mark
    assert not form_once.was_used("")


def test_a_done_token_is_done_at_once_and_still_used():
    token = form_once.new_form_token()
    form_once.claim(token)
    form_once.done(token, "RD-2026-0042")
    started = time.monotonic()
    assert form_once.wait_until_done(token) == "RD-2026-0042"
    assert time.monotonic() - started < 1
    assert form_once.was_used(token) and form_once.claim(token) is False


def test_a_second_sending_waits_while_the_first_is_being_filed():
    token = form_once.new_form_token()
    form_once.claim(token)
    first = threading.Timer(0.3, form_once.done, args=(token,))
    first.start()
    try:
        assert form_once.wait_until_done(token, wait_seconds=10) == ""  # done, naming nothing
    finally:
        first.join()


def test_a_first_sending_that_never_finishes_is_waited_for_only_so_long():
    token = form_once.new_form_token()
    form_once.claim(token)
    started = time.monotonic()
    assert form_once.wait_until_done(token, wait_seconds=0.3) is None
    assert 0.3 <= time.monotonic() - started < 3


def test_a_released_token_is_not_waited_for():
    token = form_once.new_form_token()
    form_once.claim(token)
    form_once.release(token)
    started = time.monotonic()
    assert form_once.wait_until_done(token, wait_seconds=10) is None
    assert time.monotonic() - started < 1


def test_the_cache_knows_a_token_by_its_digest_never_as_it_is():
    token = form_once.new_form_token()
    form_once.claim(token)
    assert cache.get(f"form-once:{token_digest(token)}") is not None
    assert cache.get(f"form-once:{token}") is None


def test_the_hidden_field_carries_the_token_and_a_sent_token_is_read_at_most_64_characters():
    class Form(forms.Form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[form_once.FORM_TOKEN] = form_once.field()

    token = form_once.new_form_token()
    rendered = str(Form(initial={form_once.FORM_TOKEN: token})[form_once.FORM_TOKEN])
    assert 'type="hidden"' in rendered and f'value="{token}"' in rendered
    assert form_once.sent_token({form_once.FORM_TOKEN: "x" * 100}) == "x" * 64
    assert form_once.sent_token({}) == ""
    assert form_once.new_form_token() != form_once.new_form_token()


@pytest.mark.parametrize("failure", [ValueError("refused by the service"), RuntimeError("an error in the code")],
                         ids=["refused", "an error"])
def test_a_sending_whose_work_fails_releases_its_token_and_the_failure_still_reaches_the_page(failure):
    token = form_once.new_form_token()
    form_once.claim(token)
    with pytest.raises(type(failure)), form_once.released_on_failure(token):
        raise failure
    assert not form_once.was_used(token) and form_once.claim(token) is True


def test_a_sending_whose_work_succeeds_keeps_its_token_claimed():
    token = form_once.new_form_token()
    form_once.claim(token)
    with form_once.released_on_failure(token):
        pass
    assert form_once.was_used(token)


def test_each_showing_of_an_unbound_form_carries_a_new_token_and_a_sent_form_keeps_its_own():
    """No page has to put a token in: the field makes one each time an unbound form is shown."""
    class Form(forms.Form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[form_once.FORM_TOKEN] = form_once.field()

    def token_in(form) -> str:
        return str(form[form_once.FORM_TOKEN]).split('value="', 1)[1].split('"', 1)[0]

    first, second = token_in(Form()), token_in(Form())
    assert len(first) >= 32 and first != second
    assert token_in(Form({form_once.FORM_TOKEN: first})) == first
