"""What the data page lists: the releases on disk, read from their ``datapackage.json``.

Public side: reads files only (the releases ``bulk.py`` wrote under ``conf.data_dir()``), never the database.
A file is offered only when its release's descriptor lists it, so a download can name nothing else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from . import conf

SLUG = re.compile(r"^\d{4}-H[12]$")
FORMAT_ORDER = {"csv": 0, "jsonl": 1, "parquet": 2}


@dataclass
class Release:
    key: str  # "latest" or a period slug
    directory: Path
    package: dict

    @property
    def created(self) -> str:
        return self.package.get("created", "")

    @property
    def built(self) -> datetime | None:
        """When the files were written, as a moment (the descriptor's ``created``, ISO 8601 in UTC), so a page can
        show it in the reader's words; ``None`` when the descriptor has no readable time."""
        try:
            moment = datetime.fromisoformat(self.created.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)

    def tables(self) -> list[dict]:
        """The resources grouped by table: [{"title", "description", "licence", "rows", "files": [...]}]."""
        grouped: dict[str, dict] = {}
        for res in self.package.get("resources", []):
            table = res["name"].rsplit("-", 1)[0]
            entry = grouped.setdefault(table, {
                "name": table, "title": res.get("title", table), "description": res.get("description", ""),
                "licence": (res.get("licenses") or [{}])[0], "rows": res.get("rows"), "files": []})
            entry["files"].append({"name": res["path"], "format": res["format"], "bytes": res.get("bytes", 0),
                                   "sha256": res.get("hash", "").removeprefix("sha256:")})
        for entry in grouped.values():
            entry["files"].sort(key=lambda f: FORMAT_ORDER.get(f["format"], 9))
        return list(grouped.values())


def _read(directory: Path, key: str) -> Release | None:
    try:
        package = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Release(key, directory, package)


def latest() -> Release | None:
    return _read(conf.data_dir() / "latest", "latest")


def periods() -> list[Release]:
    root = conf.data_dir() / "periods"
    if not root.is_dir():
        return []
    found = [_read(d, d.name) for d in root.iterdir() if d.is_dir() and SLUG.match(d.name)]
    return sorted((r for r in found if r), key=lambda r: r.key, reverse=True)


def release(key: str) -> Release | None:
    if key == "latest":
        return latest()
    if SLUG.match(key):
        return _read(conf.data_dir() / "periods" / key, key)
    return None


def file_path(key: str, name: str) -> Path | None:
    """The file of a release its descriptor lists (``datapackage.json`` and ``CHANGELOG.md`` included), or None."""
    found = release(key)
    if found is None:
        return None
    allowed = {res["path"] for res in found.package.get("resources", [])} | {"datapackage.json", "CHANGELOG.md"}
    if name not in allowed:
        return None
    path = found.directory / name
    return path if path.is_file() else None
