"""Who is asking the public API: a researcher with a token, or anyone; and how often they may ask.

Public side (``.importlinter`` ``public-side``): this module reads the researcher tokens' digest, expiry,
revocation and rate limit by the model's label (``apps.get_model``), never the contact, and never imports the
models module (which holds an encrypted field). A token opens nothing more than the public record: it lifts the
notices API's depth cap and raises the rate limit.

- ``Authorization: Bearer rdr_...`` names a researcher token; an unknown, expired or revoked one is refused
  (401), never silently treated as anonymous. Other bearer tokens (an organisation's submission token) are no
  researcher credential: such requests are public ones, as the public routes were before.
- Requests are counted per minute in the database (several server processes count together): per token for a
  researcher, per address (a keyed digest, never the address itself) for everyone else.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone as dt_timezone

from django.apps import apps
from django.db import connection
from django.utils.crypto import salted_hmac

from rightsdesk.core.digests import token_digest

from . import conf

TOKEN_PREFIX = "rdr_"
WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Client:
    """The caller of a public API request."""

    token_id: int | None = None
    per_minute: int = 0

    @property
    def is_researcher(self) -> bool:
        return self.token_id is not None

    @property
    def depth_cap(self) -> int | None:
        """How deep one search may be paged (None: no cap)."""
        return None if self.is_researcher else int(conf.get("PUBLIC_DEPTH_CAP"))


class BadToken(Exception):
    """A bearer token was sent that is not a valid researcher token."""


def bearer(request) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def client_for(request) -> Client:
    """The researcher behind the request's bearer token, or an anonymous client; BadToken for a token we refuse."""
    raw = bearer(request)
    if not raw.startswith(TOKEN_PREFIX):
        # No token, or another kind (an organisation's submission token): the public tier, as for anyone.
        return Client(per_minute=int(conf.get("ANONYMOUS_PER_MINUTE")))
    model = apps.get_model("opendata", "ResearcherToken")
    row = model.objects.active().filter(digest=token_digest(raw)).values("id", "per_minute").first()
    if row is None:
        raise BadToken()
    return Client(token_id=row["id"], per_minute=row["per_minute"])


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def hit(request, client: Client) -> int | None:
    """Count one request; None when allowed, else the seconds to wait (the window's end)."""
    limit = client.per_minute
    if limit <= 0:
        return None
    now = time.time()
    window = int(now) // WINDOW_SECONDS
    who = f"t{client.token_id}" if client.is_researcher else salted_hmac(
        "rightsdesk.opendata.rate", _address(request), algorithm="sha256").hexdigest()[:32]
    key = f"notices:{who}:{window}"
    model = apps.get_model("opendata", "ApiRateCount")
    expires = datetime.fromtimestamp((window + 1) * WINDOW_SECONDS, tz=dt_timezone.utc)
    table, key_col, count_col, expires_col = (connection.ops.quote_name(name) for name in (
        model._meta.db_table, "key", "count", "expires_at"))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({key_col}, {count_col}, {expires_col}) VALUES (%s, 1, %s) "
                       f"ON CONFLICT ({key_col}) DO UPDATE SET {count_col} = {table}.{count_col} + 1 "
                       f"RETURNING {count_col}", [key, expires])
        count = cursor.fetchone()[0]
    if count == 1 and window % 10 == 0:
        model.objects.filter(expires_at__lt=datetime.fromtimestamp(now, tz=dt_timezone.utc)).delete()
    if count > limit:
        return WINDOW_SECONDS - int(now) % WINDOW_SECONDS
    return None
