"""The staff pages that issue a secret (the API-token and researcher-token pages): one flow, so both keep the same
promises.

- **Sent once** (``core.form_once``): a double click, or a browser sending the same form again, issues nothing more;
  the page after it shows the secret the first sending issued, or, once that was shown, says it cannot be shown
  again.
- **Post, redirect, get**: the form is answered with a redirect, so a reload issues nothing; the secret crosses the
  redirect sealed and is shown once (``privacy.shown_once``).
- **Every problem at once, beside its field**: a refusal (``DomainError.field_errors``) leaves the form to be shown
  again with what was typed; nothing was issued, and the same form may be corrected and sent.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy

from rightsdesk.core import form_once
from rightsdesk.core.errors import DomainError
from rightsdesk.core.form_once import FORM_TOKEN

from . import shown_once

#: What the page says when its form was sent again after the page after it had shown the secret.
SHOWN_ALREADY = gettext_lazy("This form was already sent, and the token it issued was shown once on the page after "
                             "it. It cannot be shown again: if it was not copied, revoke it below and issue another.")


def answer_post(request, form, *, slot: str, page: str, issue: Callable[[dict], tuple[object, str]]):
    """Answer the POST of ``form``: the redirect to ``page`` (a URL name), or None when the form is to be shown
    again with its errors. ``issue(values)`` makes the secret from the form's values and returns (its stored row,
    the raw secret), or raises a ``DomainError``; ``slot`` is where the secret waits for the page
    (``privacy.shown_once``)."""
    once = form_once.sent_token(request.POST)
    if form_once.was_used(once) or (form.is_valid() and not form_once.claim(once)):
        if not shown_once.sent_again(request.session, slot, once):
            messages.info(request, SHOWN_ALREADY)
        return redirect(page)
    if not form.is_valid():
        return None
    values = {name: value for name, value in form.cleaned_data.items() if name != FORM_TOKEN}
    try:
        with form_once.released_on_failure(once):
            row, secret = issue(values)
    except DomainError as exc:
        for field, message in exc.field_errors().items():
            form.add_error(field if field in form.fields else None, message)
        return None
    shown_once.keep_for(request.session, slot, secret, row, form_token=once)
    return redirect(page)


def shown(request, slot: str, rows) -> dict | None:
    """On the page the redirect leads to: {"raw": the secret, "token": its row from ``rows``}, once; else None."""
    found = shown_once.take_for(request.session, slot, rows)
    return {"raw": found[0], "token": found[1]} if found else None
