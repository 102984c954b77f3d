"""A per-address limit on public posts, counted in the database.

Each post adds one to its address's row for the current window in a single
``INSERT … ON CONFLICT … DO UPDATE … RETURNING`` statement, so several server
processes (or machines) count together exactly. The address is hashed with a
key before it becomes a row's key, so not even the database holds requesters'
IP addresses; rows of past windows are deleted as new ones come. Behind a reverse proxy set
``RIGHTSDESK_INTAKE["TRUSTED_PROXIES"]`` to the number of proxies that append
to X-Forwarded-For; by default only the socket address counts, since the
header is trivial to forge.
"""

from __future__ import annotations

import math
import random
import time
from datetime import datetime
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import connection
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from . import conf
from .models import RateCount


def client_address(request) -> str:
    proxies = int((getattr(settings, "RIGHTSDESK_INTAKE", {}) or {}).get("TRUSTED_PROXIES", 0))
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(request, bucket: str, window: int) -> str:
    # A keyed HMAC (Django's salted_hmac, under SECRET_KEY), not a hash of the key and the address run together.
    digest = salted_hmac("rightsdesk.intake.ratelimit", client_address(request), algorithm="sha256").hexdigest()
    return _window_key(bucket, digest, window)


def _window_key(bucket: str, digest: str, window: int) -> str:
    """The row of one counted thing (a keyed digest, never the thing) in the current window."""
    return f"rightsdesk:intake:rate:{bucket}:{digest[:32]}:{int(time.time()) // window}"


def hit(request, bucket: str = "post") -> int | None:
    """Count one post; returns None when allowed, or the seconds to wait when over the limit."""
    window = int(conf.get("RATE_WINDOW_SECONDS"))
    return _count(_key(request, bucket, window), window, int(conf.get("RATE_LIMIT")))


def hit_digest(digest: str, bucket: str, *, window: int, limit: int) -> int | None:
    """Count one use of something named by a keyed digest (an e-mail address's blind index), whichever network it
    comes from; as :func:`hit`."""
    return _count(_window_key(bucket, digest, window), window, limit)


def _count(key: str, window: int, limit: int) -> int | None:
    now = time.time()
    expires = datetime.fromtimestamp((int(now) // window + 1) * window, tz=dt_timezone.utc)
    table, key_col, count_col, expires_col = (connection.ops.quote_name(name) for name in (
        RateCount._meta.db_table, "key", "count", "expires_at"))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({key_col}, {count_col}, {expires_col}) VALUES (%s, 1, %s) "
                       f"ON CONFLICT ({key_col}) DO UPDATE SET {count_col} = {table}.{count_col} + 1 "
                       f"RETURNING {count_col}", [key, expires])
        count = cursor.fetchone()[0]
    if count == 1 and random.random() < 0.05:
        RateCount.objects.filter(expires_at__lt=datetime.fromtimestamp(now, tz=dt_timezone.utc)).delete()
    if count > limit:
        return window - int(now) % window
    return None


def refusal(wait: int) -> str:
    """What a person whose form is refused over the limit is told, in their language: their text is kept, and how
    many whole minutes to wait (rounded up, so a retry at the time said is not refused again)."""
    minutes = max(1, math.ceil(wait / 60))
    return ngettext(
        "Too many forms were sent from your network in a short time. Your text is kept below: wait %(minutes)d "
        "minute and send it again.",
        "Too many forms were sent from your network in a short time. Your text is kept below: wait %(minutes)d "
        "minutes and send it again.", minutes) % {"minutes": minutes}


def refuse_form(request, form) -> int | None:
    """Count the post of this public form. Under the limit: None, and the view goes on. Over it: the form is
    checked (so its own errors show too), refused with :func:`refusal`, and the seconds to wait are returned for
    :func:`refused`; the person's text stays in the form."""
    wait = hit(request)
    if wait:
        form.is_valid()
        form.add_error(None, refusal(wait))
    return wait


def refused(response, wait: int | None):
    """The 429 answer says when to try again (``Retry-After``, in seconds; RFC 9110 §10.2.3) for browsers and
    clients that read it. Without a wait (the post was allowed) the response is returned as it is."""
    if not wait:
        return response
    response.status_code = 429
    response["Retry-After"] = str(max(1, int(wait)))
    return response
