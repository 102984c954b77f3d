"""The absolute address of one of our pages, as the public reaches it. One home.

Every link that leaves the page it was made on (an e-mail's tracking or appeal link, a link shown once to be kept,
a permalink in an export or in the API, the API's next page) is built from ``RIGHTSDESK["PUBLIC_BASE_URL"]``, the
address the installation is published at, not from the request: behind a proxy the request's host and scheme are
the proxy's view of it unless every header is trusted, and a link shown on a page must be the same link the e-mail
gives (`rightsdesk serve` sets the base to its own address when none is configured).
"""

from __future__ import annotations

from django.conf import settings


def public_url(path: str) -> str:
    """``path`` (from ``reverse``, starting with "/") on the public address."""
    return settings.RIGHTSDESK["PUBLIC_BASE_URL"].rstrip("/") + path
