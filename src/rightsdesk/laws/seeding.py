"""The seed registry (``seed.json``): loaded by migration 0002 and by ``rightsdesk laws_seed``.

Adds the entries whose key is missing; never overwrites an entry staff have edited.
"""

from __future__ import annotations

import json
from pathlib import Path

SEED_FILE = Path(__file__).with_name("seed.json")

INSTRUMENT_FIELDS = ("jurisdiction", "name", "short_name", "provision", "law_type", "source_url", "aliases", "patterns")
AUTHORITY_FIELDS = ("country", "level", "branch", "name", "aliases", "source_url")


def seed_data() -> dict:
    return json.loads(SEED_FILE.read_text(encoding="utf-8"))


def load_seed(instrument_model, authority_model) -> tuple[int, int]:
    """Create the seed's missing instruments and authorities (models passed in, so a migration can use its own)."""
    data = seed_data()
    added = [0, 0]
    for index, (model, entries, fields) in enumerate((
            (instrument_model, data["instruments"], INSTRUMENT_FIELDS),
            (authority_model, data["authorities"], AUTHORITY_FIELDS))):
        for entry in entries:
            _obj, created = model.objects.get_or_create(
                key=entry["key"], defaults={name: entry.get(name, [] if name in ("aliases", "patterns") else "")
                                            for name in fields})
            added[index] += created
    return added[0], added[1]
