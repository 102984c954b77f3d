"""An answer whose address is a secret (a tracking link, an appeal link): kept by no cache, and its address told to
no other site.

Whoever holds such a link reads someone's request. So the answer is kept by no shared cache nor the browser's history
cache ("no-store, private"), and its address is never sent to another site as the referrer ("same-origin": not
"no-referrer", which would make browsers send "Origin: null" with the page's forms and fail the CSRF check).

One place decides which answers these are: an address is a secret when the URL configuration names one of its parts
a secret (:data:`SECRET_PARTS`: the tracking and appeal links' ``token``, the signed ``code`` of a lost link's
e-mail), whatever its view, its answer (the page, a 404 for a link mistyped, a form's address led to its page) or the
middleware that gave it; ``core.middleware.SecretAddressMiddleware`` applies :func:`kept_private` to every answer on
such an address (``tests/security/test_secret_addresses.py`` reads them all from the URL configuration). Pages whose
own content shows a secret at an address that holds none (a request's receipt, with its new tracking link) set the
same headers themselves (``intake.views.private_page``), and so does the redirect of an address ending in stray marks
of direction, given before any address is read (``core.middleware.StrayMarksMiddleware``).
"""

from __future__ import annotations

from django.urls import Resolver404, resolve

#: The names, in the URL configuration, of the parts of an address that are a secret.
SECRET_PARTS = frozenset({"token", "code"})


def kept_private(response):
    """``response`` with the headers of an answer whose address is a secret."""
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "same-origin"
    return response


def holds_secret(request) -> bool:
    """Whether ``request``'s address holds a secret: the address its view was found at, or (an answer given before
    any view, like the redirect adding a missing slash) the address it is or would be with that slash."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        for path in (request.path_info, request.path_info + "/"):
            try:
                match = resolve(path)
                break
            except Resolver404:
                continue
    return match is not None and not SECRET_PARTS.isdisjoint(match.kwargs)
