"""Advocacy analytics (issue #19 §2): the tables, built from plain facts so the staff view (from the cases) and the
public view (from the reviewed public record) are counted by the same code.

A *fact* is one case or one public record that invokes at least one registered instrument or has a confirmed
authority::

    Fact(received=datetime, kind, country, outcome, items, instruments=[InstrumentRef], authority=AuthorityRef|None,
         projects=[...])

The result is a ``reports.structure.Report`` so the page, the CSV and the JSON are written by the report's own code,
and the public copy goes through the report's no-singling-out rule (``reports.disclosure.disclose``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone as dt_timezone

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rightsdesk.cases import choices as c
from rightsdesk.cases.choices import CONTENT_KINDS, DATA_KINDS, GRANTING_OUTCOMES
from rightsdesk.core.bidi import ltr_text
from django_countries import countries as _countries
from rightsdesk.reports.periods import Period, half_year, period_containing
from rightsdesk.reports.structure import Column, Report, Row, Section, Table

from .models import Branch, LawType

ALL = "all"


@dataclass(frozen=True)
class InstrumentRef:
    key: str
    label: str
    law_type: str
    jurisdiction: str


@dataclass(frozen=True)
class AuthorityRef:
    key: str
    label: str
    branch: str
    country: str


@dataclass
class Fact:
    received: datetime
    kind: str
    country: str
    outcome: str
    items: int
    instruments: list[InstrumentRef] = field(default_factory=list)
    authority: AuthorityRef | None = None
    projects: list[str] = field(default_factory=list)


def instrument_ref(instrument) -> InstrumentRef:
    label = ltr_text(f"{instrument.short_name} {instrument.provision}".strip() + f" ({instrument.jurisdiction})")
    return InstrumentRef(instrument.key, label, instrument.law_type, instrument.jurisdiction)


def authority_ref(authority) -> AuthorityRef:
    return AuthorityRef(authority.key, f"{authority.name} ({authority.country})", authority.branch, authority.country)


def all_time(facts: list[Fact], now: datetime | None = None) -> Period:
    """Every half-year from the first fact's to the current one, as one period (slug "all")."""
    now = now or timezone.now()
    first = min((f.received for f in facts), default=now)
    return Period(ALL, period_containing(first).start, period_containing(now).end)


def parse(text: str, facts: list[Fact]) -> Period:
    """The ``period`` query parameter: empty or "all" for every period, else as ``reports.periods.parse_period``."""
    from rightsdesk.reports.periods import parse_period

    text = (text or "").strip()
    return all_time(facts) if text in ("", ALL) else parse_period(text)


def _outcome_columns() -> list[Column]:
    return [Column("cases", _("Cases")), Column("items", _("Items")),
            Column("granted", pgettext("report column", "Granted")),
            Column("refused", pgettext("report column", "Refused")),
            Column("challenged", pgettext("report column", "Challenged"))]


def _tally(values: dict, fact: Fact) -> None:
    values["cases"] += 1
    values["items"] += fact.items
    values["granted"] += fact.outcome in GRANTING_OUTCOMES
    values["refused"] += fact.outcome == c.Outcome.REJECTED
    values["challenged"] += fact.outcome == c.Outcome.CHALLENGED


def _table(key, title, groups: dict, labels: dict, *, note="", rest="", order=None) -> Table:
    keys = order if order is not None else sorted(groups, key=lambda k: (-groups[k]["cases"], labels.get(k, k)))
    rows = [Row(k, str(labels.get(k, k)), dict(groups[k])) for k in keys if k in groups]
    return Table(key, title, _outcome_columns(), rows, note=note, chart="cases", chart_rest=rest)


def _grouped(facts, keys_of) -> dict:
    groups: dict = defaultdict(Counter)
    for fact in facts:
        for key in keys_of(fact):
            _tally(groups[key], fact)
    return groups


def first_seen(facts: list[Fact]) -> dict[str, str]:
    """The half-year (slug) in which each instrument was first invoked."""
    seen: dict[str, datetime] = {}
    for fact in facts:
        for ref in fact.instruments:
            if ref.key not in seen or fact.received < seen[ref.key]:
                seen[ref.key] = fact.received
    return {key: period_containing(at).slug for key, at in seen.items()}


def build(facts: list[Fact], period: Period, *, now: datetime | None = None) -> Report:
    """The analytics of ``period`` (the trend table always spans every half-year)."""
    now = now or timezone.now()
    inside = [f for f in facts if period.start <= f.received < period.end]
    instruments = {ref.key: ref for f in facts for ref in f.instruments}
    inst_labels = {k: ref.label for k, ref in instruments.items()}
    type_labels = dict(LawType.choices)
    authorities = {f.authority.key: f.authority for f in facts if f.authority}
    def country_label(code):
        return {"EU": _("European Union"), "INT": _("International")}.get(code) or _countries.name(code) or _("Unknown")

    sections = []
    by_instrument = _grouped(inside, lambda f: {r.key for r in f.instruments})
    by_type = _grouped(inside, lambda f: {r.law_type for r in f.instruments})
    sections.append(Section("instruments", _("By law"), _(
        "Cases that invoke each registered law, and how many items they named. A case invoking two laws counts "
        "under each; the rows do not add up to the number of cases."), [
        _table("by_instrument", _("Cases by law invoked"), by_instrument, inst_labels),
        _table("by_type", _("Cases by type of law"), by_type, type_labels,
               order=[k for k in LawType.values if k in by_type]),
    ]))
    by_authority = _grouped(inside, lambda f: {f.authority.key} if f.authority else set())
    by_branch = _grouped(inside, lambda f: {f.authority.branch} if f.authority else set())
    sections.append(Section("authorities", _("By authority"), _(
        "Cases whose requesting authority staff confirmed, by authority and by branch (court, police, ministry, "
        "regulator, prosecutor)."), [
        _table("by_authority", _("Cases by requesting authority"), by_authority,
               {k: a.label for k, a in authorities.items()}),
        _table("by_branch", _("Cases by branch of the authority"), by_branch, dict(Branch.choices),
               order=[k for k in Branch.values if k in by_branch]),
    ]))
    by_country = _grouped(inside, lambda f: {f.country or "--"})
    sections.append(Section("countries", _("By country"), _(
        "Cases that invoke a registered law or authority, by the country the request came from."), [
        _table("by_country", _("Cases by country of origin"), by_country,
               {k: (country_label(k) if k != "--" else _("Unknown")) for k in by_country}, rest="countries"),
    ]))
    # Trend: every half-year from the first fact's to now.
    seen = first_seen(facts)
    trend_rows = []
    start = period_containing(min((f.received for f in facts), default=now))
    halves = []
    while start.start <= now:
        halves.append(start)
        start = period_containing(start.end)
    for half in halves:
        in_half = [f for f in facts if half.start <= f.received < half.end]
        values = Counter({col.key: 0 for col in _outcome_columns()})
        for f in in_half:
            _tally(values, f)
        values["instruments"] = len({r.key for f in in_half for r in f.instruments})
        values["new_instruments"] = sum(1 for slug in seen.values() if slug == half.slug)
        trend_rows.append(Row(half.slug, half.label, dict(values)))
    sections.append(Section("trend", _("Trend by half-year"), _(
        "Every half-year, whatever period is chosen: cases, items and outcomes, how many different laws were "
        "invoked, and how many of them for the first time."), [
        Table("by_half_year", _("Cases by half-year"), _outcome_columns() + [
            Column("instruments", _("Laws invoked")), Column("new_instruments", _("Laws seen for the first time"))],
            trend_rows, chart="cases"),
    ]))
    new_here = {k for k, slug in seen.items()
                if period.start <= half_year(int(slug[:4]), int(slug[-1])).start < period.end}
    new_groups = {k: v for k, v in by_instrument.items() if k in new_here}
    sections.append(Section("new_laws", _("New laws seen this period"), _(
        "Laws invoked in this period that no earlier case invoked."), [
        _table("new_in_period", _("Laws invoked for the first time"), new_groups, inst_labels),
    ]))
    contributors = [f for f in inside if f.kind in DATA_KINDS]
    sections.append(Section("user_data", _("Demands against contributors"), _(
        "Requests for information about contributors (user-data requests and emergency disclosure requests), by "
        "country and by law invoked. Legal threats against contributors are not counted here yet."), [
        _table("country", _("Demands against contributors by country"),
               _grouped(contributors, lambda f: {f.country or "--"}),
               {k: (country_label(k) if k != "--" else _("Unknown")) for k in by_country} | {"--": _("Unknown")},
               rest="countries"),
        _table("instrument", _("Demands against contributors by law invoked"),
               _grouped(contributors, lambda f: {r.key for r in f.instruments}), inst_labels),
    ]))
    content = [f for f in inside if f.kind in CONTENT_KINDS]
    sections.append(Section("content", _("Content demands by project"), _(
        "No topic is recorded for the targeted pages, so content demands cannot be counted by topic; they are "
        "counted here by the project or site of the targeted pages instead."), [
        _table("project", _("Content demands by project or site"),
               _grouped(content, lambda f: set(f.projects) or {"--"}),
               {"--": _("Sites the platform does not run, or none named")}, rest="projects"),
    ]))
    return Report(period=period, generated_at=now.astimezone(dt_timezone.utc), sections=sections)
