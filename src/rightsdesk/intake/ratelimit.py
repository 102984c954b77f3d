"""A per-address limit on public posts, kept in Django's cache.

The address is hashed before it becomes a cache key, so not even the cache
holds requesters' IP addresses. Behind a reverse proxy set
``RIGHTSDESK_INTAKE["TRUSTED_PROXIES"]`` to the number of proxies that append
to X-Forwarded-For; by default only the socket address counts, since the
header is trivial to forge.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from . import conf


def client_address(request) -> str:
    proxies = int((getattr(settings, "RIGHTSDESK_INTAKE", {}) or {}).get("TRUSTED_PROXIES", 0))
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(request, bucket: str, window: int) -> str:
    # A keyed HMAC (Django's salted_hmac, under SECRET_KEY), not a hash of the key and the address run together.
    digest = salted_hmac("rightsdesk.intake.ratelimit", client_address(request), algorithm="sha256").hexdigest()[:32]
    return f"rightsdesk:intake:rate:{bucket}:{digest}:{int(time.time()) // window}"


def hit(request, bucket: str = "post") -> int | None:
    """Count one post; returns None when allowed, or the seconds to wait when over the limit."""
    window = int(conf.get("RATE_WINDOW_SECONDS"))
    limit = int(conf.get("RATE_LIMIT"))
    key = _key(request, bucket, window)
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)
            count = 1
    if count > limit:
        return window - int(time.time()) % window
    return None
