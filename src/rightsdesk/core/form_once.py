"""One sending per form: a double click, or a browser sending the same form again, does the form's work once.

A page that files or issues something puts a random one-time token in its form (the hidden field
:data:`FORM_TOKEN`, made by :func:`field`, which fills in a new token whenever the form is shown). The first POST that
carries the token :func:`claim`\\ s it before doing the work; every later POST with it finds it :func:`was_used`
and does nothing again: it shows what the first sending made (the public forms' receipt, ``intake.receipts``; the
case the staff form opened, ``intake.staff_intake``; a new token, ``privacy.shown_once``). A sending whose work
fails after its claim releases the token (:func:`released_on_failure`), so the corrected form can be sent again.

A claimed token is *being filed* until the page marks it :func:`done`, naming what it made if the page needs it
(the staff case form: the case's reference). A second sending that arrives meanwhile (the two requests of a
double click run side by side) :func:`wait_until_done`, then shows what the first made. The marks live in the
shared cache (the database cache in production), so every app server sees them, under the token's digest: a form
token never reaches a log or a cache key as it is.

A form whose later sendings show what the first made runs the whole sequence with :func:`do_once` (the staff
new-case form, the mail desk's actions) and answers a later sending with :func:`answer_again`.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from contextlib import contextmanager
from typing import Callable, TypeVar

from django import forms
from django.contrib import messages
from django.core.cache import cache

from .digests import token_digest
from .errors import DomainError

R = TypeVar("R")

#: The hidden field that carries the token, in every form that uses it.
FORM_TOKEN = "form_token"
#: How long a used token is remembered: a form sent again within a day does nothing again.
USED_SECONDS = 24 * 3600
#: How long a second sending waits for the first to finish.
WAIT_SECONDS = 10.0
_FILING = "filing"
_DONE = "done"
_MAX_LENGTH = 64


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


def field() -> forms.CharField:
    """The hidden field that carries the token (named :data:`FORM_TOKEN` in the form). Each rendering of an unbound
    form gets a new token of its own (the initial value is :func:`new_form_token`, called when the form is shown),
    so no page has to remember to put one in."""
    return forms.CharField(required=False, max_length=_MAX_LENGTH, widget=forms.HiddenInput, initial=new_form_token)


def sent_token(data) -> str:
    """The token a POST carried ("" when it carried none: such a form is simply done each time it is sent)."""
    return (data.get(FORM_TOKEN) or "")[:_MAX_LENGTH]


def page_token(request, *tell_apart: str) -> str:
    """The one-time token of one form of a page whose forms all carry the page's token ("" for none: done each
    time): the form's address, and whatever else ``tell_apart`` names (the item, the step), tell its forms apart, so
    each is done once, not only the first sent (the case page, the due-diligence register)."""
    token = sent_token(request.POST)
    if not token:
        return ""
    return "|".join((token, request.path, *tell_apart))


def sending_token(request) -> str:
    """The one-time token of one sending of a public form: who sends it and what they send ("" for a form that
    carried no token from a browser without a CSRF cookie: such a form is done each time it is sent).

    The browser's back button fetches the form anew, with a new token, and puts back the words typed into it: so a
    browser is known by the secret of its CSRF cookie, not by the form's token. The same words sent again from the
    same browser (a double click, the back button) are one sending, done once; other words typed into the same form
    are another request, and are done. A form sent without the CSRF field (a test's client, never a browser: the
    CSRF check refuses it) is known by its token alone."""
    browser = (request.META.get("CSRF_COOKIE") or "") if "csrfmiddlewaretoken" in request.POST else ""
    token = sent_token(request.POST)
    if not (browser or token):
        return ""
    skip = {FORM_TOKEN, "csrfmiddlewaretoken"}
    sent = sorted((name, [v for v in values if v]) for name, values in request.POST.lists()
                  if name not in skip and any(values))  # a field left empty is the same whether sent or not
    chosen = sorted((name, [(f.name, f.size) for f in values]) for name, values in request.FILES.lists())
    what = json.dumps([request.path, sent, chosen], ensure_ascii=False).encode("utf-8", "surrogatepass")
    return token_digest(f"{'browser' if browser else 'form'}:{browser or token}:{hashlib.sha256(what).hexdigest()}")


def _key(form_token: str) -> str:
    return f"form-once:{token_digest(form_token)}"


def claim(form_token: str) -> bool:
    """True the first time a form token is sent (the work may be done), False for every later time."""
    if not form_token:
        return True
    return cache.add(_key(form_token), _FILING, USED_SECONDS)


def was_used(form_token: str) -> bool:
    return bool(form_token) and cache.get(_key(form_token)) is not None


def release(form_token: str) -> None:
    """The sending was refused after all: the same form may be sent again."""
    if form_token:
        cache.delete(_key(form_token))


@contextmanager
def released_on_failure(form_token: str):
    """Do a claimed sending's work; if it fails (refused, or an error), release the token: the form may be sent
    again, and a second sending is not left waiting for work that will never be done."""
    try:
        yield
    except BaseException:
        release(form_token)
        raise


def done(form_token: str, made: str = "") -> None:
    """The first sending has finished its work; ``made`` names what it made, for a later sending to show (the
    reference of the case it opened). Not for secrets: the mark is kept for a day."""
    if form_token:
        cache.set(_key(form_token), {_DONE: made}, USED_SECONDS)


def wait_until_done(form_token: str, *, wait_seconds: float | None = None) -> str | None:
    """Wait while the first sending of ``form_token`` is being filed: what it made once it is done ("" when it
    named nothing), None when it is still being filed after ``wait_seconds`` (:data:`WAIT_SECONDS`) or was
    released."""
    deadline = time.monotonic() + (WAIT_SECONDS if wait_seconds is None else wait_seconds)
    while (state := cache.get(_key(form_token))) == _FILING and time.monotonic() < deadline:
        time.sleep(0.1)
    return state[_DONE] if isinstance(state, dict) and _DONE in state else None


def do_once(form_token: str, work: Callable[[], str], *, answer: Callable[[str], R],
            refused: Callable[[DomainError], R], again: Callable[[], R]) -> R:
    """A checked form's work, done once per token, for a form whose later sendings show what the first made (the
    staff and mail desk forms). ``work()`` does it and returns what it made (e.g. the case's reference), which is
    marked :func:`done` and answered by ``answer(made)``. A ``DomainError`` it raises releases the token (the form
    may be sent again, corrected) and is answered by ``refused(error)``; any other error releases it and goes on.
    A token some other sending has claimed already is answered by ``again()`` (usually :func:`answer_again`)."""
    if not claim(form_token):
        return again()
    try:
        with released_on_failure(form_token):
            made = work()
    except DomainError as error:
        return refused(error)
    done(form_token, made)
    return answer(made)


def answer_again(form_token: str, answer: Callable[[str], R], otherwise: Callable[[], R]) -> R:
    """A form sent again (the second click of a double click, whose answer is the one the browser shows): do
    nothing; wait for the first sending and give its answer, ``answer(made)``. ``otherwise()`` when the first is
    still at work after the wait or failed."""
    made = wait_until_done(form_token)
    return answer(made) if made else otherwise()


def say_once(request, level: int, text: str) -> None:
    """Add ``text`` to the messages for the next page unless it is waiting there already: the answer to each sending
    of a form sent several times says what the first did, and the page after them says it once. The waiting messages
    are looked at, not shown: they stay for the next page."""
    waiting = messages.get_messages(request)
    already = any(message.message == text for message in waiting)
    waiting.used = False
    if not already:
        messages.add_message(request, level, text)
