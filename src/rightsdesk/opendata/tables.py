"""The shape of a bulk table: its columns with their Table Schema types, and how a value is written.

Shared by the public notice tables (``bulk_notices``) and the staff-side tables (``bulk``); imports nothing of
any app, so the public side may use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable, Iterable


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema: string, integer, boolean, date, datetime
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None


@dataclass
class Table:
    """One resource of the data package: ``rows()`` yields dicts keyed by the column names."""

    name: str
    title: str
    description: str
    licence: str
    columns: list[Column]
    rows: Callable[[], Iterable[dict]]
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[dict] = field(default_factory=list)

    def schema(self) -> dict:
        fields = []
        for col in self.columns:
            spec = {"name": col.name, "type": col.type, "description": col.description}
            if col.type == "datetime":
                spec["format"] = "any"
            constraints = {}
            if col.required:
                constraints["required"] = True
            if col.enum:
                constraints["enum"] = list(col.enum)
            if constraints:
                spec["constraints"] = constraints
            fields.append(spec)
        schema = {"fields": fields, "missingValues": [""]}
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        return schema


def plain(value):
    """A value as the files hold it: ISO dates (datetimes in UTC, to the second), lists joined, None kept."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return value
