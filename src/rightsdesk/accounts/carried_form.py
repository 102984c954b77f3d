"""A staff form sent after its session ended (the idle expiry) waits for its author to sign in again.

Nobody is signed in to do what the form asks, so nothing is done; but what was typed (a note, a message to the
requester, a reason) is not thrown away. The form's fields wait in the session:

- sealed (``privacy.crypto.seal_text``, bound to this purpose), so the session row never holds what was typed;
- with the person it was typed by: only they, signed in again, are given it back (``take``); anyone else signing in
  on that browser is shown nothing and the form is forgotten;
- for at most :data:`WAIT_SECONDS`, and taken out by the first page that shows it.

The page that gives it back (``views.form_not_sent``) shows what was typed and sends the same fields again to the
address they were sent to, so every check of that form applies as before (a change by a colleague meanwhile, a
form already done once). Nothing is sent without the person pressing the button.
"""

from __future__ import annotations

import json
import re
import time

from rightsdesk.core.form_once import FORM_TOKEN
from rightsdesk.privacy import crypto

SESSION_KEY = "carried_form"
PURPOSE = "accounts.carried-form"
#: How long a form waits for its author to sign in again (two-factor sign-in included).
WAIT_SECONDS = 60 * 60
#: Fields a page adds to its forms, sent again but never shown as something typed.
MACHINERY = frozenset({"csrfmiddlewaretoken", FORM_TOKEN, "seen", "next"})
#: A value like this is a choice or a number the page put there, not something typed: it is sent, not shown.
_CODE = re.compile(r"[\w.:-]*")


def keep(request, user_id: int, back: str) -> None:
    """Keep the fields ``request`` (a POST of the staff area) sent, for ``user_id`` signing in again; ``back`` is
    the page the form was on."""
    fields = [[name, value] for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"
              for value in values]
    # Files cannot wait (nor be sent again without the person choosing them): their field and names are kept, so the
    # page asks for them again, at that field.
    files = [[name, [upload.name for upload in uploads]] for name, uploads in request.FILES.lists()]
    carried = {"action": request.path, "back": back, "fields": fields, "files": files}
    request.session[SESSION_KEY] = {"sealed": crypto.seal_text(json.dumps(carried), PURPOSE),
                                    "user": user_id, "at": time.time()}


def take(request) -> dict | None:
    """The form kept for the person signed in (``action``, ``back``, ``fields``: [name, value] pairs, ``typed``:
    the values they typed, ``chosen``: whether it made choices too, ``files``: [field, [file names]] of the files
    attached, which were not kept), taken out of the session; None when there is none, it waited too long, or it was
    typed by someone else (then it is forgotten)."""
    kept = request.session.pop(SESSION_KEY, None)
    if not kept or kept.get("user") != request.user.pk or time.time() - kept.get("at", 0) > WAIT_SECONDS:
        return None
    try:
        carried = json.loads(crypto.open_text(kept["sealed"], PURPOSE))
    except (crypto.DecryptionError, KeyError, ValueError):
        return None
    carried["typed"] = [value for name, value in carried["fields"]
                        if name not in MACHINERY and value.strip() and not _CODE.fullmatch(value.strip())]
    # Choices (a list's option, a button, a box ticked) are sent again as they were, unseen: the page says so.
    carried["chosen"] = any(name not in MACHINERY and _CODE.fullmatch(value.strip()) and value.strip()
                            for name, value in carried["fields"])
    carried.setdefault("files", [])
    return carried
