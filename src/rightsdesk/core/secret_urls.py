"""An answer whose address is a secret (a tracking link, an appeal link): kept by no cache, and its address told to
no other site.

Whoever holds such a link reads someone's request. So the answer is kept by no shared cache nor the browser's history
cache ("no-store, private"), and its address is never sent to another site as the referrer ("same-origin": not
"no-referrer", which would make browsers send "Origin: null" with the page's forms and fail the CSRF check). The
tracking pages (``intake.views.private_page``) and the answers the middleware gives on such addresses
(``core.middleware``) set them here, one way.
"""

from __future__ import annotations


def kept_private(response):
    """``response`` with the headers of an answer whose address is a secret."""
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "same-origin"
    return response
