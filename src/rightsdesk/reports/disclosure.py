"""No singling out: which figures of the public report are withheld, and who may see them all.

This module is the whole rule; docs/report-format.md ("No singling out")
states it for readers. Every public rendering of the report (the page, its
charts, the CSV and the JSON, on the site and from ``rightsdesk report``)
goes through :func:`disclose`; the figures as computed (``build_report``)
stay exact and are shown only to staff who may see them (:func:`may_see_exact`).

1. **Standard periods are exact.** A half-year or a calendar year (as
   ``periods.py`` writes them: ``2025-H1``, ``2025-H2``, ``2025``, or a
   range of days that covers exactly one of them) is published with every
   figure exact. These are also the reporting periods of the EU DSA
   template, whose figures are always exact (``dsa_template.py``; the site
   offers that file to the public for standard periods only).
2. **Any other range protects figures.** In a *short* range (less than six
   calendar months: it ends before the same day six months after its first
   day) every count is protected; in a longer range only the *sensitive*
   ones: every figure of harm reports (all categories) and of emergency
   disclosures (all threat types), the harm-report and emergency rows of the
   overview, and requests for user information by country.
3. **Small counts are withheld.** A protected count from 1 to 4 is shown as
   "fewer than 5" (``<5`` in the CSV; ``{"value": null, "suppressed": true,
   "shown": "<5"}`` in the JSON). Zero stays zero; 5 and above stay exact.
4. **No working it out by subtraction (secondary suppression).** Wherever
   the report shows figures that add up (a column and its total, a summary
   and its breakdowns, the same count in two tables), no such sum may have
   exactly one withheld figure: while one has, its smallest non-zero shown
   figure is withheld too (``<5`` if it is from 1 to 4, otherwise
   ``hidden``), whichever table it is in and whether or not it is protected.
   :func:`relations` lists these sums.
5. **Nothing derived from a withheld count.** A percentage or median in a
   row with a withheld count is ``hidden``, and so is every percentage of a
   table whose common denominator is withheld (its note then stops naming it).

Staff signed in with ``cases.access_private_data`` (and, where two-factor
sign-in is required, verified) may ask for the exact figures of any period
(``?exact=1``); ``rightsdesk report --exact`` writes them. Exact renderings
are never cached and are sent with ``Cache-Control: private, no-store``.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Iterable

from django.conf import settings
from django.utils.translation import gettext as _

from rightsdesk.cases import choices as c
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA, APPEAL_ROW_KEYS

from .periods import Period, half_year
from .structure import COUNT, PERCENT, Disclosure, Report, Withheld
from . import santa_clara_layout

#: Counts from 1 to THRESHOLD - 1 are withheld where protected.
THRESHOLD = 5
#: A custom range shorter than this many calendar months protects every count.
SHORT_MONTHS = 6

#: What the files write for a withheld figure.
FEWER = "<5"
HIDDEN = "hidden"

#: How much of a report the rule protects.
NONE, SENSITIVE, ALL = "none", "sensitive", "all"

#: Sensitive figures, protected in every range that is not a standard period.
SENSITIVE_SECTIONS = frozenset({"harm", "emergency", "crisis"})
#: Protected in every period, standard ones included: a crisis is itself a short span in a few countries; legal
#: support requests are confidential (legalsupport).
ALWAYS_PROTECTED_SECTIONS = frozenset({"crisis", "legal_support"})
#: Tables of other sections protected in every period for the same reason (the Santa Clara section's crisis totals).
ALWAYS_PROTECTED_TABLES = frozenset({("santa_clara", "crisis")})
SENSITIVE_TABLES = frozenset({("user_data", "country"), ("preservation", "by_country")})
SENSITIVE_ROWS = {("overview", "by_kind"): frozenset({c.Kind.HARM_REPORT.value, c.Kind.EMERGENCY_DISCLOSURE.value}),
                  ("sla", "by_kind"): frozenset({c.Kind.HARM_REPORT.value, c.Kind.EMERGENCY_DISCLOSURE.value})}

#: Tables whose figures add up to nothing else the report shows (checked by the tests: every other
#: table takes part in at least one of the sums of :func:`relations`).
NO_SUMS = frozenset({("user_data", "data_type"), ("harm", "timing"),
                      ("crisis", "by_crisis"),
                      ("account_actions", "by_ground"),
                      ("santa_clara", "accounts_by_rule"), ("santa_clara", "government"),
                      ("santa_clara", "government_by_provision"), ("santa_clara", "not_recorded")})

#: Who may see the exact figures of any period.
EXACT_PERMISSION = ACCESS_PRIVATE_DATA

Cell = tuple[str, str, str, str]


# Periods --------------------------------------------------------------------

def _standard_spans(year: int) -> set[tuple[datetime, datetime]]:
    first, second = half_year(year, 1), half_year(year, 2)
    return {(first.start, first.end), (second.start, second.end), (first.start, second.end)}


def is_standard(period: Period) -> bool:
    """A half-year or a calendar year: the periods published exactly (and those of the EU DSA template)."""
    return (period.start, period.end) in _standard_spans(period.start.year)


def _months_after(moment: datetime, months: int) -> datetime:
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    for day in range(moment.day, 0, -1):  # 31 August + 6 months is 28 or 29 February
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def is_short(period: Period) -> bool:
    """Less than six calendar months: the range ends before the same day six months after its first day."""
    return period.end < _months_after(period.start, SHORT_MONTHS)


def protection(period: Period) -> str:
    """NONE for a standard period, ALL for a short range, SENSITIVE for any other range."""
    if is_standard(period):
        return NONE
    return ALL if is_short(period) else SENSITIVE


def is_protected(level: str, section: str, table: str, row: str) -> bool:
    """Whether a count of this row is withheld when it is from 1 to 4, at this level of protection."""
    if level == ALL or section in ALWAYS_PROTECTED_SECTIONS or (section, table) in ALWAYS_PROTECTED_TABLES:
        return True
    if level == SENSITIVE:
        return (section in SENSITIVE_SECTIONS or (section, table) in SENSITIVE_TABLES
                or row in SENSITIVE_ROWS.get((section, table), ()))
    return False


# Staff ----------------------------------------------------------------------

def may_see_exact(user) -> bool:
    """Signed-in staff with the private-data permission, verified by a second factor where that is required."""
    if not (user is not None and user.is_authenticated and user.is_active and user.is_staff):
        return False
    if not user.has_perm(EXACT_PERMISSION):
        return False
    if settings.RIGHTSDESK_REQUIRE_2FA:
        is_verified = getattr(user, "is_verified", None)
        return bool(is_verified and is_verified())
    return True


# Sums -----------------------------------------------------------------------

#: Outcome summary tables: (kind, section, table, row keys).
_KEYS = {"received": "received", "both": "granted_or_partially_granted", "granted": "granted",
         "partial": "partially_granted", "pending": "pending"}
_APPEAL_KEYS = {"received": APPEAL_ROW_KEYS["received"],
                "both": APPEAL_ROW_KEYS["granted_or_partially_granted"],
                "granted": APPEAL_ROW_KEYS[c.Outcome.GRANTED], "partial": APPEAL_ROW_KEYS[c.Outcome.PARTIALLY_GRANTED],
                "pending": "pending"}
SUMMARIES = [
    (c.Kind.CONTENT_TAKEDOWN, "content", "summary", _KEYS),
    (c.Kind.COPYRIGHT_NOTICE, "copyright", "notices", _KEYS),
    (c.Kind.COPYRIGHT_COUNTER_NOTICE, "copyright", "counter_notices", _KEYS),
    (c.Kind.TRADEMARK_NOTICE, "copyright", "trademark", _KEYS),
    (c.Kind.USER_DATA_REQUEST, "user_data", "summary", _KEYS),
    (c.Kind.APPEAL, "appeals", "summary", _APPEAL_KEYS),
    (c.Kind.HARM_REPORT, "harm", "summary", _KEYS),
]

_GRANTED = {"received": "received", "granted": "both"}
#: Breakdowns whose rows add up to a row of their summary: (section, table, summary table, column -> summary row).
#: The project tables do not add up exactly (a request naming two projects counts for each); treating them
#: as if they did only withholds more.
BREAKDOWNS = [
    ("content", "requester_group", "summary", _GRANTED),
    ("content", "requester_type", "summary", _GRANTED),
    ("content", "country", "summary", _GRANTED),
    ("content", "ground", "summary", _GRANTED),
    ("content", "project", "summary", {"requests": "received"}),
    ("copyright", "notices_by_country", "notices", _GRANTED),
    ("copyright", "notices_by_project", "notices", {"requests": "received"}),
    ("copyright", "counter_notices_by_country", "counter_notices", _GRANTED),
    ("user_data", "requester_group", "summary", _GRANTED),
    ("user_data", "legal_process", "summary", _GRANTED),
    ("user_data", "country", "summary",
     {"received": "received", "fully_complied": "granted", "partially_complied": "partial"}),
    ("harm", "category", "summary", _GRANTED),
]


def relations(report: Report) -> list[list[Cell]]:
    """Every set of counts the report shows that add up (with + or -): one unknown in a set is worked out.

    Some sets are not exact identities (a row's received is decided + pending
    unless a case was closed without a decision date); listing them as if
    they were only withholds more.
    """
    def table(section: str, key: str):
        try:
            return report.section(section).table(key)
        except KeyError:
            return None

    def column(section: str, key: str, col: str, skip: Iterable[str] = ()) -> list[Cell]:
        t = table(section, key)
        return [(section, key, r.key, col) for r in t.rows if r.key not in skip] if t else []

    sums: list[list[Cell]] = []
    overview = table("overview", "by_kind")
    if overview:
        for col in ("received", "decided", "pending"):
            sums.append([("overview", "by_kind", "all", col), *column("overview", "by_kind", col, skip={"all"})])
        for row in overview.rows:
            sums.append([("overview", "by_kind", row.key, col) for col in ("received", "decided", "pending")])
        sums.append([("overview", "by_kind", "all", "received"), *column("overview", "by_channel", "received")])
    for kind, section, key, keys in SUMMARIES:
        t = table(section, key)
        if not t:
            continue
        outcomes = [r.key for r in t.rows if r.key not in (keys["received"], keys["both"])]
        sums.append([(section, key, keys["received"], "count"), *[(section, key, r, "count") for r in outcomes]])
        sums.append([(section, key, keys[k], "count") for k in ("both", "granted", "partial")])
        sums.append([("overview", "by_kind", kind.value, "received"), (section, key, keys["received"], "count")])
        sums.append([("overview", "by_kind", kind.value, "pending"), (section, key, keys["pending"], "count")])
    summary_keys = {(section, key): keys for _kind, section, key, keys in SUMMARIES}
    for section, key, summary, columns in BREAKDOWNS:
        keys = summary_keys[(section, summary)]
        for col, total in columns.items():
            sums.append([(section, summary, keys[total], "count"), *column(section, key, col)])
    emergency, requested, voluntary = (c.Kind.EMERGENCY_DISCLOSURE.value, c.EmergencyOrigin.REQUESTED.value,
                                       c.EmergencyOrigin.VOLUNTARY.value)
    decided = ("received_to_decided", "cases")
    sums += [
        # Legal support: the regions add up to the requests received.
        [("legal_support", "summary", "received", "count"), *column("legal_support", "by_region", "received")],
        # Preservation requests: the received row is the overview's; the authorities' countries add up to the summary.
        [("overview", "by_kind", c.Kind.PRESERVATION_REQUEST.value, "received"),
         ("preservation", "summary", "received", "count")],
        *[[("preservation", "summary", col, "count"), *column("preservation", "by_country", col)]
          for col in ("received", "accounts", "preserved", "renewed", "released")],
        [("overview", "by_kind", emergency, "received"), *column("emergency", "origin", "cases")],
        [("emergency", "origin", requested, "cases"), *column("emergency", "threat_type", "requested")],
        [("emergency", "origin", voluntary, "cases"), *column("emergency", "threat_type", "voluntary")],
        [*column("emergency", "origin", "disclosed"), *column("emergency", "threat_type", "disclosed")],
        [("overview", "by_kind", emergency, "decided"), ("emergency", "timing", *decided)],
        [("overview", "by_kind", c.Kind.APPEAL.value, "decided"), ("appeals", "timing", *decided)],
        # Response times: the decided count of a kind is the overview's; kinds and channels add up to "all".
        *[[("overview", "by_kind", row.key, "decided"), ("sla", "by_kind", row.key, "decided")]
          for row in (overview.rows if overview else [])],
        [("sla", "by_kind", "all", "decided"), *column("sla", "by_kind", "decided", skip={"all"})],
        [("sla", "by_kind", "all", "decided"), *column("sla", "by_channel", "decided")],
        [("sla", "by_kind", "all", "answered"), *column("sla", "by_kind", "answered", skip={"all"})],
        [("sla", "by_kind", "all", "answered"), *column("sla", "by_channel", "answered")],
        # Accounts notified over all kinds is usually the user-data requests' figure.
        [("notices", "summary", "accounts_notified", "count"), ("user_data", "accounts", "notified", "accounts")],
    ]
    # The Santa Clara section: its copies of other sections' figures with their sources, and its own sums.
    sums += santa_clara_layout.relations(report)
    return sums


# The rule -------------------------------------------------------------------

def _count(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def withheld_cells(report: Report, level: str) -> set[Cell]:
    """The cells of an exact report to withhold at this level of protection (steps 3 to 5 of the rule)."""
    if level == NONE and not any(s.key in ALWAYS_PROTECTED_SECTIONS for s in report.sections):
        return set()
    values: dict[Cell, object] = {}
    units: dict[Cell, str] = {}
    for section in report.sections:
        for t in section.tables:
            for r in t.rows:
                for col in t.columns:
                    cell = (section.key, t.key, r.key, col.key)
                    values[cell], units[cell] = r.values.get(col.key), col.unit
    # 3. Small counts.
    hidden = {cell for cell, value in values.items()
              if units[cell] == COUNT and 0 < _count(value) < THRESHOLD and is_protected(level, *cell[:3])}
    # 4. Secondary suppression, until no sum has exactly one withheld figure.
    sums = [[cell for cell in cells if cell in values and units[cell] == COUNT] for cells in relations(report)]
    sums = [cells for cells in sums if len(cells) > 1]
    changed = bool(hidden)
    while changed:
        changed = False
        for cells in sums:
            if sum(cell in hidden for cell in cells) != 1:
                continue
            shown = [(_count(values[cell]), i, cell) for i, cell in enumerate(cells)
                     if cell not in hidden and _count(values[cell]) > 0]
            if shown:
                hidden.add(min(shown)[2])
                changed = True
    # 5. Percentages and medians of withheld counts.
    for section in report.sections:
        for t in section.tables:
            denominator_hidden = bool(t.denominator) and (section.key, t.key, *t.denominator) in hidden
            for r in t.rows:
                row = [(section.key, t.key, r.key, col.key) for col in t.columns]
                row_hidden = any(cell in hidden for cell in row if units[cell] == COUNT)
                for cell in row:
                    if units[cell] == COUNT or values[cell] is None:
                        continue
                    if row_hidden or (denominator_hidden and units[cell] == PERCENT):
                        hidden.add(cell)
    return hidden


def marker(value, unit: str) -> Withheld:
    """``<5`` for a count from 1 to 4, ``hidden`` for anything else withheld."""
    return Withheld(FEWER if unit == COUNT and 0 < _count(value) < THRESHOLD else HIDDEN)


def disclose(report: Report) -> Report:
    """The report as the public may see it: a copy with the rule applied (the exact report is left as it is)."""
    level = protection(report.period)
    public = copy.deepcopy(report)
    hidden = withheld_cells(report, level)
    for section in public.sections:
        for t in section.tables:
            for r in t.rows:
                for col in t.columns:
                    if (section.key, t.key, r.key, col.key) in hidden:
                        r.values[col.key] = marker(r.values.get(col.key), col.unit)
            if t.denominator and (section.key, t.key, *t.denominator) in hidden and t.note_if_withheld:
                t.note = t.note_if_withheld
    public.disclosure = Disclosure(public=True, protected=level, withheld=len(hidden),
                                   threshold=THRESHOLD if level != NONE else 0)
    return public


def display(value: Withheld) -> str:
    """How the page writes a withheld figure."""
    return _("fewer than 5") if value.shown == FEWER else _("hidden")
