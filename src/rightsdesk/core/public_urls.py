"""The absolute address of one of our pages. One home.

A link that leaves the page it was made on is absolute. Made for a page (a receipt's tracking link shown once, new
tracking links, the API's next page), it is the address the visitor used: behind the trusted proxy, the public scheme
and host the proxy was asked for (``core.proxies``), so the link works for the person looking at it. Made without a
visitor (an e-mail's tracking or appeal link, a permalink in an export, a task's link), it is
``RIGHTSDESK["PUBLIC_BASE_URL"]``, the address the installation is published at (`rightsdesk serve` sets it to its own
address when none is configured). Behind a correctly configured proxy the two are the same.
"""

from __future__ import annotations

from django.conf import settings


def public_url(path: str, request=None) -> str:
    """``path`` (from ``reverse``, starting with "/") as an absolute address: the visitor's when a ``request`` is
    given, else the configured public one."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.RIGHTSDESK["PUBLIC_BASE_URL"].rstrip("/") + path
