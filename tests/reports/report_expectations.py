"""What every figure of the report must be, counted again with plain Python over the cases.

Deliberately independent of the report code: no Facts, no GROUP BY, no
shared helpers; just lists of cases and items, loops and arithmetic, and a
median written out by hand. The tests compare these cells with the report's.
"""

from __future__ import annotations

from collections import Counter

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, TargetItem
from rightsdesk.clocks.models import CaseTimes

GRANTING = {"granted", "partially_granted"}
GOVERNMENT = {"government", "court", "law_enforcement"}
OUTCOME_KEYS = [("granted", "granted"), ("partially_granted", "partially_granted"), ("rejected", "rejected"),
                ("invalid", "invalid"), ("withdrawn", "withdrawn"), ("challenged", "challenged"), ("pending", "")]
APPEAL_KEYS = {"received": "filed", "granted": "reversed", "partially_granted": "partly_reversed", "rejected": "upheld",
               "granted_or_partially_granted": "reversed_or_partly_reversed"}


def pct(part, whole):
    return None if whole == 0 else round(100 * part / whole, 1)


def hand_median(values):
    values = sorted(values)
    n = len(values)
    if n == 0:
        return None
    if n % 2 == 1:
        return values[n // 2]
    return (values[n // 2 - 1] + values[n // 2]) / 2


def seconds(later, earlier):
    return round((later - earlier).total_seconds())


def days(s):
    return None if s is None else round(s / 86400, 2)


def hours(s):
    return None if s is None else round(s / 3600, 2)


def key(value):
    return str(value) if value else "unknown"


class Expected:
    def __init__(self, period):
        self.cases = list(Case.objects.filter(received_at__gte=period.start, received_at__lt=period.end))
        ids = {case.pk for case in self.cases}
        self.items = [item for item in TargetItem.objects.all() if item.case_id in ids]
        self.kind_of = {case.pk: case.kind for case in self.cases}
        self.cells = {}
        self.first_day, self.last_day = period.first_day, period.last_day
        self.period = period

    def of(self, kind):
        return [case for case in self.cases if case.kind == kind]

    def put(self, section, table, row, values):
        for column, value in values.items():
            self.cells[(section, table, row, column)] = value

    # table shapes
    def summary(self, section, table, cases, keys=None):
        keys = keys or {}
        total = len(cases)
        self.put(section, table, keys.get("received", "received"), {"count": total, "percent": pct(total, total)})
        for row, outcome in OUTCOME_KEYS:
            n = sum(1 for case in cases if case.outcome == outcome)
            self.put(section, table, keys.get(row, row), {"count": n, "percent": pct(n, total)})
        granted = sum(1 for case in cases if case.outcome in GRANTING)
        self.put(section, table, keys.get("granted_or_partially_granted", "granted_or_partially_granted"),
                 {"count": granted, "percent": pct(granted, total)})

    def breakdown(self, section, table, cases, attribute):
        values = {str(getattr(case, attribute) or "") for case in cases}
        for value in values:
            group = [case for case in cases if str(getattr(case, attribute) or "") == value]
            granted = sum(1 for case in group if case.outcome in GRANTING)
            self.put(section, table, key(value), {"received": len(group), "granted": granted,
                                                  "percent_granted": pct(granted, len(group))})

    def requester_group(self, section, cases):
        for row, group in [("government", [x for x in cases if x.requester_type in GOVERNMENT]),
                           ("other", [x for x in cases if x.requester_type not in GOVERNMENT])]:
            granted = sum(1 for case in group if case.outcome in GRANTING)
            self.put(section, "requester_group", row, {"received": len(group), "granted": granted,
                                                      "percent_granted": pct(granted, len(group))})

    def projects(self, section, table, kind):
        items = [item for item in self.items if self.kind_of[item.case_id] == kind]
        named = {}  # case id -> the projects its items are on
        for item in items:
            named.setdefault(item.case_id, set()).add(item.project)
        outcome = {case.pk: case.outcome for case in self.cases}
        for project in {item.project for item in items}:
            here = [item for item in items if item.project == project]
            sole = [case for case, projects in named.items() if projects == {project}]
            self.put(section, table, key(project), {
                "requests": len({item.case_id for item in here}), "items": len(here),
                "sole_requests": len(sole), "sole_granted": sum(1 for case in sole if outcome[case] in GRANTING),
                "items_actioned": sum(1 for item in here if item.action not in ("", "no_action"))})
        own = ("wikipedia.org", "wikimedia.org", "wiktionary.org", "wikibooks.org", "wikinews.org", "wikiquote.org",
               "wikisource.org", "wikiversity.org", "wikivoyage.org", "wikidata.org", "wikifunctions.org",
               "mediawiki.org", "wikimediafoundation.org", "wmflabs.org", "wmcloud.org", "toolforge.org")
        ours = lambda p: bool(p) and any(p.lower() == d or p.lower().endswith("." + d) for d in own)  # noqa: E731
        for row, test in [("several_projects", lambda ps: len({p.lower() for p in ps if ours(p)}) >= 2),
                          ("not_own_sites", lambda ps: all(p and not ours(p) for p in ps))]:
            cases = [case for case, projects in named.items() if test(projects)]
            mine = [item for item in items if item.case_id in cases]
            self.put(section, table, row, {
                "requests": len(cases), "sole_requests": len(cases),
                "sole_granted": sum(1 for case in cases if outcome[case] in GRANTING), "items": len(mine),
                "items_actioned": sum(1 for item in mine if item.action not in ("", "no_action"))})

    def build(self, legally_barred=None):
        # overview
        decided_all = []
        for kind in c.Kind.values:
            cases = self.of(kind)
            decided = [seconds(x.decided_at, x.received_at) for x in cases if x.decided_at]
            decided_all += decided
            self.put("overview", "by_kind", kind, {
                "received": len(cases), "decided": len(decided), "pending": sum(1 for x in cases if x.outcome == ""),
                "median_days": days(hand_median(decided))})
        self.put("overview", "by_kind", "all", {
            "received": len(self.cases), "decided": len(decided_all),
            "pending": sum(1 for x in self.cases if x.outcome == ""), "median_days": days(hand_median(decided_all))})
        for source in {x.source for x in self.cases}:
            self.put("overview", "by_channel", key(source), {"received": sum(1 for x in self.cases if x.source == source)})
        # content
        content = self.of("content_takedown")
        self.summary("content", "summary", content)
        self.requester_group("content", content)
        self.breakdown("content", "requester_type", content, "requester_type")
        self.breakdown("content", "country", content, "country")
        self.projects("content", "project", "content_takedown")
        self.breakdown("content", "ground", content, "content_ground")
        # copyright
        notices, counter = self.of("copyright_notice"), self.of("copyright_counter_notice")
        self.summary("copyright", "notices", notices)
        self.breakdown("copyright", "notices_by_country", notices, "country")
        self.projects("copyright", "notices_by_project", "copyright_notice")
        self.summary("copyright", "counter_notices", counter)
        self.breakdown("copyright", "counter_notices_by_country", counter, "country")
        self.summary("copyright", "trademark", self.of("trademark_notice"))
        # user data
        data = self.of("user_data_request")
        self.summary("user_data", "summary", data)
        self.requester_group("user_data", data)
        self.breakdown("user_data", "legal_process", data, "legal_process")
        for country in {str(x.country) for x in data}:
            group = [x for x in data if str(x.country) == country]
            full = sum(1 for x in group if x.outcome == "granted")
            part = sum(1 for x in group if x.outcome == "partially_granted")
            self.put("user_data", "country", key(country), {"received": len(group), "fully_complied": full,
                                                            "partially_complied": part,
                                                            "percent_complied": pct(full + part, len(group))})
        self.put("user_data", "accounts", "potentially_affected", {"accounts": sum(x.accounts_potentially_affected for x in data)})
        self.put("user_data", "accounts", "actually_affected", {"accounts": sum(x.accounts_actually_affected for x in data)})
        self.put("user_data", "accounts", "notified", {"accounts": sum(x.accounts_notified for x in data)})
        for row, attribute in [("content", "content_data_requested"), ("non_content", "non_content_data_requested")]:
            group = [x for x in data if getattr(x, attribute)]
            self.put("user_data", "data_type", row, {"requests": len(group),
                                                     "produced": sum(1 for x in group if x.outcome in GRANTING)})
        # emergencies
        emergency = self.of("emergency_disclosure")
        for origin in ["requested", "voluntary"]:
            group = [x for x in emergency if x.emergency_origin == origin]
            disclosed = sum(1 for x in group if x.outcome in GRANTING)
            self.put("emergency", "origin", origin, {"cases": len(group), "disclosed": disclosed,
                                                     "percent_disclosed": pct(disclosed, len(group))})
        for threat in {x.threat_type for x in emergency}:
            group = [x for x in emergency if x.threat_type == threat]
            self.put("emergency", "threat_type", key(threat), {
                "requested": sum(1 for x in group if x.emergency_origin == "requested"),
                "voluntary": sum(1 for x in group if x.emergency_origin == "voluntary"),
                "disclosed": sum(1 for x in group if x.outcome in GRANTING)})
        spans = [seconds(x.decided_at, x.received_at) for x in emergency if x.decided_at]
        self.put("emergency", "timing", "received_to_decided", {"cases": len(spans), "median_hours": hours(hand_median(spans))})
        # appeals
        appeals = self.of("appeal")
        self.summary("appeals", "summary", appeals, APPEAL_KEYS)
        spans = [seconds(x.decided_at, x.received_at) for x in appeals if x.decided_at]
        self.put("appeals", "timing", "received_to_decided", {"cases": len(spans), "median_days": days(hand_median(spans))})
        # harm
        harm = self.of("harm_report")
        self.summary("harm", "summary", harm)
        self.breakdown("harm", "category", harm, "harm_category")
        spans = [seconds(x.acknowledged_at, x.received_at) for x in harm if x.acknowledged_at]
        self.put("harm", "timing", "received_to_first_response", {"cases": len(spans), "median_hours": hours(hand_median(spans))})
        # response times (clocks.CaseTimes: the first message staff wrote to the requester)
        answered_at = dict(CaseTimes.objects.filter(case_id__in=[x.pk for x in self.cases],
                                                    first_response_at__isnull=False)
                           .values_list("case_id", "first_response_at"))

        def sla(cases):
            first = [seconds(answered_at[x.pk], x.received_at) for x in cases if x.pk in answered_at]
            done = [seconds(x.decided_at, x.received_at) for x in cases if x.decided_at]
            return {"answered": len(first), "first_response_hours": hours(hand_median(first)),
                    "decided": len(done), "decision_days": days(hand_median(done))}

        for kind in c.Kind.values:
            self.put("sla", "by_kind", kind, sla(self.of(kind)))
        self.put("sla", "by_kind", "all", sla(self.cases))
        for source in {x.source for x in self.cases}:
            self.put("sla", "by_channel", key(source), sla([x for x in self.cases if x.source == source]))
        # notices
        self.put("notices", "summary", "accounts_notified", {"count": sum(x.accounts_notified for x in self.cases)})
        if legally_barred is not None:
            self.put("notices", "summary", "legally_barred", {"count": legally_barred})
        # actions
        actions = Counter(item.action for item in self.items)
        for action in c.Action.values:
            self.put("actions", "by_action", action or "pending", {"items": actions.get(action, 0)})
        self.put("actions", "restored", "restored_after_appeal",
                 {"items": sum(1 for item in self.items if item.restored_at is not None)})
        # crises: each crisis meeting the period, its tagged cases received during it and within the period
        from django.utils.timezone import localdate

        from rightsdesk.crisis.models import Crisis, CrisisCase

        for crisis in Crisis.objects.all():
            lo = max(crisis.starts_on, self.first_day)
            hi = min(crisis.ends_on or self.last_day, self.last_day)
            if lo > hi:
                continue
            ids = set(CrisisCase.objects.filter(crisis=crisis).values_list("case_id", flat=True))
            mine = [x for x in Case.objects.filter(pk__in=ids) if lo <= localdate(x.received_at) <= hi]
            data = [x for x in mine if x.kind in c.DATA_KINDS]
            self.put("crisis", "by_crisis", f"crisis_{crisis.pk}", {
                "received": len(mine), "content_requests": sum(1 for x in mine if x.kind in c.CONTENT_KINDS),
                "items_restricted": sum(1 for item in TargetItem.objects.filter(case__in=mine)
                                        if item.action in c.RESTRICTING_ACTIONS),
                "data_requests": len(data),
                "data_granted": sum(1 for x in data if x.outcome in (c.Outcome.GRANTED, c.Outcome.PARTIALLY_GRANTED))})
        # account actions: approved ones taking effect in the period, by ground
        from rightsdesk.accountactions.models import AccountAction

        first, last = self.period.first_day, self.period.last_day
        taken = [a for a in AccountAction.objects.filter(status="approved") if first <= a.starts_on <= last]
        for ground in ("harassment", "threats", "doxxing", "hate", "sockpuppetry", "child_safety", "paid_editing",
                       "event_conduct", "terms_of_use", "review"):
            mine = [a for a in taken if a.ground == ground]
            restricting = [a for a in mine if a.action_type not in ("warning", "lift")]
            terminations = sum(1 for a in restricting if a.action_type == "global_ban" and a.ends_on is None)
            self.put("account_actions", "by_ground", ground, {
                "own_initiative": sum(1 for a in mine if a.own_initiative),
                "suspension": len(restricting) - terminations, "termination": terminations})
        # legal support: requests received in the period, those ever granted support, by world region
        from rightsdesk.legalsupport.models import LegalSupportEvent, LegalSupportRequest
        from rightsdesk.legalsupport.regions import REGION_OF

        asked = [r for r in LegalSupportRequest.objects.all() if self.period.start <= r.received_at < self.period.end]
        granted = set(LegalSupportEvent.objects.filter(action="support").values_list("request_id", flat=True))
        self.put("legal_support", "summary", "received", {"count": len(asked)})
        self.put("legal_support", "summary", "supported", {"count": sum(1 for r in asked if r.pk in granted)})
        for region in ("africa", "americas", "asia", "europe", "oceania", "unknown"):
            self.put("legal_support", "by_region", region, {
                "received": sum(1 for r in asked if REGION_OF.get(str(r.country or ""), "unknown") == region)})
        # preservation requests: each one received in the period, its accounts (the preservation's count, else
        # intake's), whether records were preserved, renewed, released, refused; by the authority's country
        from rightsdesk.cases.models import Case as _Case
        from rightsdesk.preservation.models import Preservation

        kept = {p.case_id: p for p in Preservation.objects.all()}
        asked = [x for x in _Case.objects.filter(kind="preservation_request")
                 if self.period.start <= x.received_at < self.period.end]
        rows = []
        for x in asked:
            p = kept.get(x.pk)
            country = str(getattr(p.authority_country, "code", "") if p else "") or str(
                getattr(x.authority_country, "code", "") or "")
            rows.append((country or "unknown", {
                "received": 1, "accounts": p.accounts_count if p else x.accounts_potentially_affected,
                "preserved": int(bool(p and p.preserved_at)), "renewed": int(bool(p and p.renewed_at)),
                "released": int(bool(p and p.released_at)), "refused": int(bool(p and p.state == "refused"))}))
        for name in ("received", "accounts", "preserved", "renewed", "released", "refused"):
            self.put("preservation", "summary", name, {"count": sum(r[name] for _c, r in rows)})
        for country in sorted({country for country, _r in rows}):
            self.put("preservation", "by_country", country, {
                name: sum(r[name] for c2, r in rows if c2 == country)
                for name in ("received", "accounts", "preserved", "renewed", "released")})
        self.santa_clara(taken)
        return self.cells

    def santa_clara(self, account_actions):
        """The Santa Clara Principles' numbers, counted again over the cases, items, links and account actions."""
        from rightsdesk.laws.models import CaseInstrument

        sc = "santa_clara"
        content = [x for x in self.cases if x.kind in ("content_takedown", "copyright_notice", "trademark_notice")]

        def source(x):
            if x.requester_type in GOVERNMENT:
                return "government"
            if x.trusted_flagger or x.requester_type == "trusted_flagger":
                return "trusted_flagger"
            if x.automated_detection:
                return "automated"
            return "own_staff" if x.source == "own_initiative" else "user"

        for row in ("government", "trusted_flagger", "automated", "own_staff", "user"):
            mine = [x for x in content if source(x) == row]
            self.put(sc, "flags_by_source", row, {"received": len(mine),
                                                  "granted": sum(1 for x in mine if x.outcome in GRANTING)})
        acted = [item for item in self.items if item.action in ("remove", "hide_revision", "restrict_country", "label")]
        case_of = {x.pk: x for x in self.cases}
        for field, table in (("content_ground", "actioned_by_rule"), ("country", "actioned_by_country")):
            counts = Counter(key(str(getattr(case_of[item.case_id], field) or "")) for item in acted)
            for row, n in counts.items():
                self.put(sc, table, row, {"items": n})
            self.put(sc, table, "all", {"items": len(acted)})
        for ground in ("harassment", "threats", "doxxing", "hate", "sockpuppetry", "child_safety", "paid_editing",
                       "event_conduct", "terms_of_use"):
            self.put(sc, "accounts_by_rule", ground, {"accounts": sum(
                1 for a in account_actions if a.ground == ground and a.action_type != "lift")})
        appeals = self.of("appeal")
        self.put(sc, "appeals", "filed", {"count": len(appeals)})
        self.put(sc, "appeals", "won", {"count": sum(1 for x in appeals if x.outcome in GRANTING)})
        self.put(sc, "appeals", "lost", {"count": sum(1 for x in appeals if x.outcome == "rejected")})
        self.put(sc, "appeals", "of_automated_decisions", {"count": sum(
            1 for x in appeals if x.appeal_of is not None and x.appeal_of.automated_decision in ("fully", "partially"))})
        self.put(sc, "reinstated", "content_after_appeal",
                 {"count": sum(1 for item in self.items if item.restored_at is not None)})
        self.put(sc, "reinstated", "content_without_appeal", {"count": None})
        lifted = 0
        for a in account_actions:
            if a.action_type != "lift" or a.lifts is None:
                continue
            if not any(x.kind == "appeal" and x.appeal_of_id == a.lifts.case_id and x.received_at.date() <= a.starts_on
                       for x in Case.objects.filter(kind="appeal")):
                lifted += 1
        self.put(sc, "reinstated", "accounts_without_appeal", {"count": lifted})
        demands = [x for x in self.cases if x.requester_type in GOVERNMENT and x.kind in (
            "content_takedown", "copyright_notice", "trademark_notice", "user_data_request")]
        for row, mine in (("court", [x for x in demands if x.requester_type == "court"]),
                          ("other", [x for x in demands if x.requester_type != "court"])):
            self.put(sc, "government", row, {"received": len(mine),
                                             "granted": sum(1 for x in mine if x.outcome in GRANTING)})
        links = [link for link in CaseInstrument.objects.all() if link.case_id in {x.pk for x in demands}]
        for instrument_key in {link.instrument.key for link in links}:
            self.put(sc, "government_by_provision", instrument_key, {"received": len(
                {link.case_id for link in links if link.instrument.key == instrument_key})})
        self.put(sc, "government_by_provision", "unknown", {"received": len(
            [x for x in demands if x.pk not in {link.case_id for link in links}])})
        crises = [cell for cell in self.cells if cell[:2] == ("crisis", "by_crisis")]
        self.put(sc, "crisis", "all_crises", {
            "requests": sum(self.cells[cell] for cell in crises if cell[3] == "received"),
            "removals": sum(self.cells[cell] for cell in crises if cell[3] == "items_restricted")})
        self.put(sc, "not_recorded", "accounts_by_country", {"count": None})
