"""The Santa Clara section's keys and sums (no models: ``disclosure`` imports it, and the public pages import that).

``santa_clara`` counts the figures; ``sections.santa_clara_section`` builds the section.
"""

from __future__ import annotations

from rightsdesk.cases import choices as c

SECTION = "santa_clara"

#: Where a flag came from, in the order tried: the first that applies is the flag's source (the rows add up).
FLAG_SOURCES = ("government", "trusted_flagger", "automated", "own_staff", "user")

#: Copies of figures other sections compute: (table, row, column) here -> (section, table, row, column) there.
COPIES = {
    ("appeals", "filed", "count"): ("appeals", "summary", "filed", "count"),
    ("appeals", "won", "count"): ("appeals", "summary", "reversed_or_partly_reversed", "count"),
    ("appeals", "lost", "count"): ("appeals", "summary", "upheld", "count"),
    ("reinstated", "content_after_appeal", "count"): ("actions", "restored", "restored_after_appeal", "items"),
}


def relations(report) -> list[list[tuple[str, str, str, str]]]:
    """Sets of cells that add up, for ``disclosure``: each copy with its source, the flags with the kinds they
    count, the crisis totals with the crisis rows, and each table's rows with their total."""
    if SECTION not in {s.key for s in report.sections}:
        return []
    sums = [[(SECTION, *mine), source] for mine, source in COPIES.items()]

    def column(sec, table, col):
        try:
            return [(sec, table, r.key, col) for r in report.section(sec).table(table).rows]
        except KeyError:
            return []

    content = [("overview", "by_kind", kind.value, "received") for kind in c.CONTENT_KINDS]
    sums.append([*column(SECTION, "flags_by_source", "received"), *content])
    for col, crisis_col in (("removals", "items_restricted"), ("requests", "received")):
        sums.append([(SECTION, "crisis", "all_crises", col), *column("crisis", "by_crisis", crisis_col)])
    total = (SECTION, "actioned_by_rule", "all", "items")
    for table in ("actioned_by_rule", "actioned_by_country"):  # each table's rows add up to its "all" row
        sums.append(column(SECTION, table, "items"))
    sums.append([total, (SECTION, "actioned_by_country", "all", "items")])
    restricting = [cell for cell in column("actions", "by_action", "items") if cell[2] in c.RESTRICTING_ACTIONS]
    sums.append([total, *restricting])
    return sums
