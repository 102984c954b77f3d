"""One sending per form (core.form_once): the first POST carrying a form's one-time token does the work; every
later one with the same token does nothing again.

| what happens to a form token                         | ``claim``   | ``was_used`` | ``wait_until_done``    |
| ---------------------------------------------------- | ----------- | ------------ | ---------------------- |
| never sent                                           | True        | False        | -                      |
| sent, being filed                                    | False       | True         | None after waiting     |
| sent, its work done                                  | False       | True         | what it made, at once  |
| sent, refused and released                           | True again  | False        | None at once           |
| none at all (a client that drops the hidden field)   | always True | False        | -                      |

A claimed sending whose work fails (refused, or an error) releases its token (`released_on_failure`). The staff and
mail desk forms use the whole sequence as `do_once` (claim, work, done, answer; a refusal answered and released) and
answer a later sending with `answer_again` (the first's answer once it is done, else a fallback).
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


class Answers:
    """What ``do_once`` answered with, recorded: the pages are plain strings here."""

    def __init__(self):
        self.works = 0

    def work(self, made="RD-2026-ABC2345", error=None):
        def run():
            self.works += 1
            if error is not None:
                raise error
            return made
        return run

    @staticmethod
    def do(token, work):
        return form_once.do_once(token, work, answer=lambda made: f"answer {made}",
                                 refused=lambda error: f"refused: {error.message}", again=lambda: "again")


@pytest.mark.parametrize("sendings, works, answers", [
    (1, 1, ["answer RD-2026-ABC2345"]),
    (2, 1, ["answer RD-2026-ABC2345", "again"]),
    (3, 1, ["answer RD-2026-ABC2345", "again", "again"]),
], ids=["once", "a double click", "three sendings"])
def test_do_once_does_the_work_for_the_first_sending_and_answers_the_later_ones_with_again(sendings, works, answers):
    token, seen = form_once.new_form_token(), Answers()
    assert [Answers.do(token, seen.work()) for _ in range(sendings)] == answers
    assert seen.works == works
    assert form_once.wait_until_done(token, wait_seconds=0) == "RD-2026-ABC2345", "marked done with what it made"


def test_do_once_answers_a_refusal_and_frees_the_form_to_be_sent_again_corrected():
    from rightsdesk.core.errors import DomainError

    token, seen = form_once.new_form_token(), Answers()
    assert Answers.do(token, seen.work(error=DomainError("Choose the kind of request."))) == (
        "refused: Choose the kind of request.")
    assert not form_once.was_used(token)
    assert Answers.do(token, seen.work()) == "answer RD-2026-ABC2345" and seen.works == 2


def test_do_once_lets_an_error_in_the_code_through_and_frees_the_form():
    token, seen = form_once.new_form_token(), Answers()
    with pytest.raises(RuntimeError):
        Answers.do(token, seen.work(error=RuntimeError("a bug")))
    assert not form_once.was_used(token)


@pytest.mark.parametrize("first, answer", [
    ("done", "answer RD-2026-ABC2345"),
    ("released", "otherwise"),
    ("still at work", "otherwise"),
])
def test_answer_again_gives_the_first_sendings_answer_once_it_is_done_and_otherwise_the_fallback(first, answer,
                                                                                                  monkeypatch):
    monkeypatch.setattr(form_once, "WAIT_SECONDS", 0.2)
    token = form_once.new_form_token()
    form_once.claim(token)
    if first == "done":
        form_once.done(token, "RD-2026-ABC2345")
    elif first == "released":
        form_once.release(token)
    assert form_once.answer_again(token, lambda made: f"answer {made}", lambda: "otherwise") == answer
