"""The open-data settings, with their defaults: ``settings.RIGHTSDESK_OPENDATA`` and ``settings.RIGHTSDESK_LUMEN``.

RIGHTSDESK_OPENDATA (all optional):

- ``DATA_DIR``: where the bulk files are written and served from (default ``$RIGHTSDESK_HOME/opendata``).
- ``PUBLIC_DEPTH_CAP``: how many notices a client without a researcher token can page through in one
  search of ``/api/v1/notices`` (10 000, as Lumen); a researcher token has no cap.
- ``ANONYMOUS_PER_MINUTE``: requests per minute to the notices API per address without a token (300); a token
  has its own limit (``ResearcherToken.per_minute``, 3000 by default).
- ``REGENERATE_HOURS``: the task worker rebuilds the files this often (24; 0: only by command).

RIGHTSDESK_LUMEN (from ``RIGHTSDESK_LUMEN_URL`` and ``RIGHTSDESK_LUMEN_TOKEN``; off while either is empty):
``URL`` (Lumen's base, e.g. https://lumendatabase.org), ``TOKEN``, ``TIMEOUT`` seconds, ``MAX_ATTEMPTS``.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

DEFAULTS = {
    "DATA_DIR": "",
    "PUBLIC_DEPTH_CAP": 10_000,
    "ANONYMOUS_PER_MINUTE": 300,
    "REGENERATE_HOURS": 24,
}
LUMEN_DEFAULTS = {"URL": "", "TOKEN": "", "TIMEOUT": 20, "MAX_ATTEMPTS": 6}


def get(name: str):
    return {**DEFAULTS, **(getattr(settings, "RIGHTSDESK_OPENDATA", None) or {})}[name]


def data_dir() -> Path:
    configured = get("DATA_DIR")
    if configured:
        return Path(configured)
    home = Path(getattr(settings, "MEDIA_ROOT", "var")).parent
    return home / "opendata"


def lumen() -> dict:
    return {**LUMEN_DEFAULTS, **(getattr(settings, "RIGHTSDESK_LUMEN", None) or {})}


def lumen_enabled() -> bool:
    conf = lumen()
    return bool(conf["URL"] and conf["TOKEN"])
