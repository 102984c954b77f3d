"""The demo's open data: the bulk files built from the demo's public record and cases, so the data page shows them.

Runs after every app that publishes or links (the public log, the laws). Files only: no rows are added, so the
demo's database stays the same on every machine.
"""

from __future__ import annotations

from rightsdesk.demo import register


@register("open data", order=95)
def build_files(rng, write) -> None:
    from . import bulk

    bulk.regenerate()
    root = bulk.latest_dir().parent / "periods"
    periods = sorted(p.name for p in root.iterdir()) if root.is_dir() else []
    write(f"  open data: latest files and {len(periods)} closed half-year(s) ({', '.join(periods)})")
