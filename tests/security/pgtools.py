"""Fresh PostgreSQL databases on the test primary for tests that run rightsdesk in subprocesses."""

from __future__ import annotations

import uuid
from contextlib import contextmanager

from django.conf import settings


def primary_url(name: str) -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST']}:{db['PORT']}/{name}"


@contextmanager
def fresh_database(prefix: str):
    """A new, empty database on the primary (its name), dropped afterwards whatever still holds it."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(primary_url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(primary_url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
