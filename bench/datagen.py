"""Fast, deterministic, realistic data for the benchmarks: cases, parties, items, history, published notices.

Writing a million cases through ``cases.services.create_case`` would take
hours, so this module writes rows directly, in big transactions: SQLite gets
``executemany`` on the DB-API cursor, PostgreSQL gets ``COPY``. The rows are
what the application itself would have written:

- every encrypted column (``cases.policy.PERSONAL_FIELDS``: party names,
  organisations, e-mails, phones; the case's typed subject, description,
  reasons and requesting organisation; each item's URL, page, account, work,
  ground and reason) holds a real AES-GCM ciphertext from
  :func:`rightsdesk.privacy.crypto.encrypt`, with the blind indexes: each
  distinct pooled value is sealed once and its ciphertext reused (every copy
  still decrypts);
- ``Case.subject`` is the neutral title of ``cases.services.neutral_title``
  (kind, first item's site, day received) and what the requester typed is in
  ``requester_subject``;
- case history rows are hash-chained with :func:`rightsdesk.audit.chain.seal_many`,
  so ``rightsdesk audit verify`` passes on the generated database;
- published notices get the same ``sort_key``, ``search_text``, categorical
  DSA facts (``listed``, ``source``, ``decision_ground``...), item ``puid`` and
  ``ground``, and full-text rows as :func:`rightsdesk.transparency.publishing.publish`
  gives them (the SQLite index is filled by
  :func:`rightsdesk.transparency.log_search.rebuild_index`).

Every choice comes from one ``random.Random(seed)``, so a size and a seed give
the same data on every machine (ciphertexts differ: their nonces are random).

The shape, in short: cases received between 2025-01-01 and 2026-06-30 with
volume growing over time (2026-H1 holds about 56 %), two-thirds of them
copyright notices sent by rights agencies (as in Lumen), 1-2 items each,
most decided and their notices published. Search terms with a known
frequency are planted so the search benchmark has selective and broad queries:
see :data:`PLANTED`.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import math
import os
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from types import SimpleNamespace

from django.db import connection, models, transaction

from rightsdesk.cases import choices as c

#: Named sizes (number of cases). Any integer is accepted too; "tiny" is the CI smoke size.
SIZES = {"tiny": 300, "1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}

START = datetime(2025, 1, 1)  # naive UTC throughout, as the database stores it
END = datetime(2026, 7, 1)
#: The half-year the report benchmark computes, and the one that holds most cases.
REPORT_PERIOD = "2026-H1"
#: Cases are generated and written in chunks of this many, one transaction each.
CHUNK = 20_000

#: Words planted in published notices with a known probability, for selective and broad searches.
PLANTED = {
    "zanzibarite": 1 / 5000,   # selective: ~0.02 % of notices
    "lighthouse": 1 / 100,     # medium: ~1 %
    "harbour": 1 / 10,         # broad: ~10 %
}
#: A word in the text of every copyright notice's work (about a third of notices): the broadest query.
BROAD_WORD = "photograph"
RARE_PROJECT = "ha.wikipedia.org"
COMMON_PROJECT = "commons.wikimedia.org"


def parse_size(text: str | int) -> int:
    if isinstance(text, int):
        return text
    if text in SIZES:
        return SIZES[text]
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise ValueError(f"Unknown size {text!r}: use one of {', '.join(SIZES)} or a number of cases.") from None
    if value < 50:
        raise ValueError("Use at least 50 cases.")
    return value


# --------------------------------------------------------------------------- vocabulary

KIND_WEIGHTS = [
    (c.Kind.COPYRIGHT_NOTICE, 0.64), (c.Kind.CONTENT_TAKEDOWN, 0.12), (c.Kind.TRADEMARK_NOTICE, 0.05),
    (c.Kind.COPYRIGHT_COUNTER_NOTICE, 0.02), (c.Kind.USER_DATA_REQUEST, 0.05), (c.Kind.EMERGENCY_DISCLOSURE, 0.01),
    (c.Kind.HARM_REPORT, 0.07), (c.Kind.APPEAL, 0.02), (c.Kind.GRIEVANCE, 0.02),
]
REQUESTERS = {
    c.Kind.COPYRIGHT_NOTICE: [(c.RequesterType.COMPANY, 0.5), (c.RequesterType.LAW_FIRM, 0.4), (c.RequesterType.INDIVIDUAL, 0.1)],
    c.Kind.TRADEMARK_NOTICE: [(c.RequesterType.COMPANY, 0.6), (c.RequesterType.LAW_FIRM, 0.4)],
    c.Kind.CONTENT_TAKEDOWN: [(c.RequesterType.INDIVIDUAL, 0.5), (c.RequesterType.GOVERNMENT, 0.1), (c.RequesterType.COURT, 0.1),
                              (c.RequesterType.LAW_FIRM, 0.15), (c.RequesterType.COMPANY, 0.15)],
    c.Kind.USER_DATA_REQUEST: [(c.RequesterType.LAW_ENFORCEMENT, 0.4), (c.RequesterType.GOVERNMENT, 0.2),
                               (c.RequesterType.COURT, 0.2), (c.RequesterType.LAW_FIRM, 0.1), (c.RequesterType.INDIVIDUAL, 0.1)],
    c.Kind.EMERGENCY_DISCLOSURE: [(c.RequesterType.LAW_ENFORCEMENT, 0.9), (c.RequesterType.INDIVIDUAL, 0.1)],
}
OUTCOMES = {
    c.Kind.COPYRIGHT_NOTICE: [(c.Outcome.GRANTED, 0.5), (c.Outcome.PARTIALLY_GRANTED, 0.15), (c.Outcome.REJECTED, 0.3), (c.Outcome.INVALID, 0.05)],
    c.Kind.TRADEMARK_NOTICE: [(c.Outcome.GRANTED, 0.2), (c.Outcome.REJECTED, 0.7), (c.Outcome.INVALID, 0.1)],
    c.Kind.CONTENT_TAKEDOWN: [(c.Outcome.GRANTED, 0.08), (c.Outcome.PARTIALLY_GRANTED, 0.1), (c.Outcome.REJECTED, 0.75), (c.Outcome.WITHDRAWN, 0.07)],
    c.Kind.USER_DATA_REQUEST: [(c.Outcome.GRANTED, 0.15), (c.Outcome.PARTIALLY_GRANTED, 0.1), (c.Outcome.REJECTED, 0.65), (c.Outcome.INVALID, 0.1)],
    "other": [(c.Outcome.GRANTED, 0.4), (c.Outcome.PARTIALLY_GRANTED, 0.1), (c.Outcome.REJECTED, 0.45), (c.Outcome.WITHDRAWN, 0.05)],
}
COUNTRIES = ["US", "DE", "GB", "FR", "IN", "BR", "RU", "TR", "ES", "IT", "JP", "NL", "CA", "AU", "PL", "MX", "ID",
             "KR", "UA", "AR", "SE", "CH", "BE", "AT", "IL", "EG", "ZA", "NG", "PK", "PH", "VN", "TH", "IR", "SA",
             "AE", "CN", "KE", "CO", "CL", "PE"]
PROJECTS = ["en.wikipedia.org", COMMON_PROJECT, "de.wikipedia.org", "fr.wikipedia.org", "es.wikipedia.org",
            "ru.wikipedia.org", "ja.wikipedia.org", "it.wikipedia.org", "pt.wikipedia.org", "zh.wikipedia.org",
            "ar.wikipedia.org", "pl.wikipedia.org", "nl.wikipedia.org", "www.wikidata.org", "en.wikisource.org",
            "en.wiktionary.org", "tr.wikipedia.org", "uk.wikipedia.org", "fa.wikipedia.org", "id.wikipedia.org",
            "sv.wikipedia.org", "ko.wikipedia.org", "he.wikipedia.org", "vi.wikipedia.org", "meta.wikimedia.org",
            "en.wikibooks.org", "en.wikiquote.org", "en.wikivoyage.org", "cs.wikipedia.org", RARE_PROJECT]
GROUNDS = [c.ContentGround.DEFAMATION, c.ContentGround.PRIVACY, c.ContentGround.RIGHT_TO_ERASURE,
           c.ContentGround.GOVERNMENT_ORDER, c.ContentGround.HATE_SPEECH, c.ContentGround.OTHER]
LANGUAGES = [("en", 0.7), ("es", 0.08), ("fr", 0.08), ("ar", 0.07), ("zh-hans", 0.07)]
SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "tor", "vel", "qui", "dra", "nes", "pol", "ur", "ja", "bex", "fi",
             "gon", "hal", "is", "mor", "tan", "zer", "wi", "ost", "pla", "cre", "dun", "el", "vor", "sim", "ath"]
COMMON = ["the", "and", "image", "article", "page", "uploaded", "without", "permission", "licence", "work",
          "original", "author", "rights", "holder", "removed", "infringing", "copy", "website", "published", "our",
          "client", "owns", "exclusive", "reproduced", "commercial", "use", "notice", "content", "material", "text"]


def _cumulative(pairs):
    values, weights = zip(*pairs)
    return list(values), list(itertools.accumulate(weights))


class Picker:
    """Weighted choices from one rng, a little faster than rng.choices for one draw."""

    def __init__(self, rng: random.Random, pairs):
        self.rng = rng
        self.values, self.cum = _cumulative(pairs)
        self.total = self.cum[-1]

    def __call__(self):
        return self.values[bisect.bisect(self.cum, self.rng.random() * self.total)]


def zipf_pairs(values, s: float = 1.0):
    return [(v, 1 / (i + 1) ** s) for i, v in enumerate(values)]


# --------------------------------------------------------------------------- tables


class Table:
    """A model's table: its columns in order, defaults from the model, rows from dicts."""

    def __init__(self, model):
        self.model = model
        self.name = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.defaults = []
        for f in self.fields:
            value = f.get_default() if f.has_default() or f.null is False else None
            if isinstance(f, models.JSONField):
                value = json.dumps(value if value is not None else [])
            self.defaults.append(value)
        self.index = {col: i for i, col in enumerate(self.columns)}

    def row(self, values: dict) -> tuple:
        out = list(self.defaults)
        index = self.index
        for key, value in values.items():
            out[index[key]] = value
        return tuple(out)


class Writer:
    """Bulk insert for SQLite (executemany) and PostgreSQL (COPY), on the Django connection's transaction."""

    def __init__(self):
        connection.ensure_connection()
        self.vendor = connection.vendor
        self.raw = connection.connection

    def dt(self, value: datetime | None):
        """A naive-UTC datetime as the backend wants it (Django stores SQLite datetimes as text)."""
        if value is None:
            return None
        return str(value) if self.vendor == "sqlite" else value.replace(tzinfo=dt_timezone.utc)

    def d(self, value: date | None):
        if value is None:
            return None
        return value.isoformat() if self.vendor == "sqlite" else value

    def insert(self, table: Table, rows: list[tuple], columns: list[str] | None = None) -> None:
        """Insert ``rows`` (values of ``columns``, by default all the table's) in the connection's transaction."""
        if not rows:
            return
        columns = columns or table.columns
        cols = ", ".join(f'"{col}"' for col in columns)
        cursor = self.raw.cursor()
        try:
            if self.vendor == "postgresql":
                with cursor.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" for _ in columns)
                cursor.executemany(f'INSERT INTO "{table.name}" ({cols}) VALUES ({marks})', rows)
        finally:
            cursor.close()

    def next_id(self, table: Table) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table.name}"')
            return cursor.fetchone()[0] + 1

    def reset_sequences(self, model_list) -> None:
        if self.vendor != "postgresql":
            return  # SQLite's rowid continues after the largest id by itself
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), model_list):
                cursor.execute(sql)


class _HistoryRow:
    """Just enough of a CaseHistory for ``seal_many``: the chain content and the two hash slots."""

    __slots__ = ("case", "at", "actor_label", "event", "from_state", "to_state", "changes", "reason",
                 "prev_hash", "entry_hash")

    def __init__(self, case, at, actor_label, event, from_state, to_state, changes, reason):
        self.case, self.at, self.actor_label, self.event = case, at, actor_label, event
        self.from_state, self.to_state, self.changes, self.reason = from_state, to_state, changes, reason
        self.prev_hash = self.entry_hash = ""

    def chain_content(self) -> dict:
        # Must equal CaseHistory.chain_content() of the row as the ORM reads it back.
        return {"case": self.case, "at": self.at.replace(tzinfo=dt_timezone.utc), "actor": None,
                "actor_label": self.actor_label, "event": self.event, "from_state": self.from_state,
                "to_state": self.to_state, "changes": self.changes, "reason": self.reason}


_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def reference_for(case_id: int, year: int) -> str:
    """A unique reference in the application's format (RD-YYYY-XXXXXXX), derived from the id."""
    n = (case_id * 2_654_435_761) % (30**7)  # a bijection on [0, 30^7): ids look random but never collide
    body = []
    for _ in range(7):
        n, r = divmod(n, 30)
        body.append(_ALPHABET[r])
    return f"RD-{year}-{''.join(body)}"


# --------------------------------------------------------------------------- generation


@dataclass
class Generated:
    size: int
    seed: int
    seconds: float = 0.0
    rows: dict = field(default_factory=dict)
    first_case_id: int = 0
    last_case_id: int = 0
    #: A sample of public ids for the notice-page load test.
    sample_public_ids: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"size": self.size, "seed": self.seed, "seconds": round(self.seconds, 2), "rows": self.rows,
                "first_case_id": self.first_case_id, "last_case_id": self.last_case_id,
                "sample_public_ids": self.sample_public_ids}


class Pools:
    """Sealed personal values and public texts, made once and drawn from (encrypting 3 M values would dominate).

    ``names``, ``emails``, ``phones`` and ``descriptions`` are ciphertexts already; every other personal value
    goes through :meth:`seal`, which encrypts each distinct value once and hands out the same ciphertext after.
    """

    def __init__(self, rng: random.Random, n: int = 2000):
        from rightsdesk.privacy import crypto

        self.rng = rng
        self._encrypt = crypto.encrypt
        self._sealed: dict[str, str] = {}
        first = ["Ana", "Bo", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kofi", "Lena", "Mehmet",
                 "Nadia", "Omar", "Priya", "Rui", "Sven", "Tomasz", "Yara"]
        last = ["Agent", "Silva", "Okafor", "Novak", "Haddad", "Kim", "Moreau", "Rossi", "Schmidt", "Tanaka", "Ivanova"]
        people = [f"{rng.choice(first)} {rng.choice(last)} {i}" for i in range(n)]
        self.names = [crypto.encrypt(p) for p in people]
        self.emails = []
        for p in people:
            email = p.lower().replace(" ", ".") + "@agent.example"
            self.emails.append((crypto.encrypt(email), crypto.blind_index(email)))
        self.phones = [crypto.encrypt(f"+1 555 {rng.randrange(10**6, 10**7)}") for _ in range(n // 4)]
        self.accounts = [f"User{rng.randrange(10**6)}" for _ in range(n // 2)]  # plaintext: items seal them
        self.words = [self._word() for _ in range(20_000)]
        self.word_pick = Picker(rng, zipf_pairs(COMMON + self.words, 1.05))
        self.bodies = [self._text(rng.randint(25, 60)) for _ in range(n)]
        self.descriptions = [crypto.encrypt(body) for body in self.bodies[: n // 2]]
        self.titles = [self._text(rng.randint(2, 4)).title() for _ in range(n * 5)]
        self.works = [f"{BROAD_WORD} '{self._text(2).title()}' by {rng.choice(first)} {rng.choice(last)}"
                      for _ in range(n)]
        self.organisations = [f"{self._word().title()} {rng.choice(['Rights', 'Media', 'Legal', 'Brand', 'Music', 'Photo'])} "
                              f"{rng.choice(['Ltd', 'LLP', 'GmbH', 'Inc', 'SAS'])}" for _ in range(300)]
        self.org_pick = Picker(rng, zipf_pairs(self.organisations, 1.2))

    def seal(self, value: str) -> str:
        """The ciphertext of ``value``, made the first time it is asked for and reused after ("" stays "")."""
        if not value:
            return ""
        sealed = self._sealed.get(value)
        if sealed is None:
            sealed = self._sealed[value] = self._encrypt(value)
        return sealed

    def _word(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))

    def _text(self, words: int) -> str:
        return " ".join(self.word_pick() for _ in range(words))


def generate(size: int | str, seed: int = 7, *, progress=None) -> Generated:
    """Write ``size`` cases with everything that hangs off them into the current database."""
    from rightsdesk.audit.chain import seal_many
    from rightsdesk.cases import policy
    from rightsdesk.cases.models import Case, CaseHistory, Party, TargetItem
    from rightsdesk.cases.services import neutral_title
    from rightsdesk.intake.kinds import DSA_CATEGORY_FOR_GROUND, DSA_CATEGORY_FOR_HARM
    from rightsdesk.transparency import log_search
    from rightsdesk.transparency.publishing import search_text_of
    from rightsdesk.transparency.models import PublicRecordItem, PublicRecord

    size = parse_size(size)
    started = time.perf_counter()
    rng = random.Random(seed)
    pools = Pools(rng)
    w = Writer()
    t_case, t_party, t_item, t_hist = Table(Case), Table(Party), Table(TargetItem), Table(CaseHistory)
    t_notice, t_pitem = Table(PublicRecord), Table(PublicRecordItem)
    ids = {t: w.next_id(t) for t in (t_case, t_party, t_item, t_hist, t_notice, t_pitem)}
    result = Generated(size=size, seed=seed, first_case_id=ids[t_case])
    counts = dict.fromkeys(["cases", "parties", "items", "history", "notices", "published_items"], 0)

    kind_pick = Picker(rng, KIND_WEIGHTS)
    req_picks = {k: Picker(rng, v) for k, v in REQUESTERS.items()}
    out_picks = {k: Picker(rng, v) for k, v in OUTCOMES.items()}
    country_pick = Picker(rng, zipf_pairs(COUNTRIES, 0.9))
    project_pick = Picker(rng, zipf_pairs(PROJECTS, 1.1))
    lang_pick = Picker(rng, LANGUAGES)
    span = (END - START).total_seconds()
    organisation_types = policy.ORGANISATION_REQUESTERS
    seal = pools.seal
    # neutral_title switches the language for each call (~40 µs): take each kind's label from it once and join
    # the same parts the same way (tests/bench/test_datagen.py checks every title against the function).
    labels = {kind: neutral_title(kind, "", START).removesuffix(" · " + START.date().isoformat())
              for kind in c.Kind.values}

    def title_for(kind: str, project: str, received: datetime) -> str:
        """neutral_title(kind, project, received), without its per-call translation switch."""
        return " · ".join(filter(None, [labels[kind], project, received.date().isoformat()]))[:300]
    open_states = [c.State.RECEIVED, c.State.TRIAGE, c.State.UNDER_REVIEW, c.State.AWAITING_INFORMATION]
    dt, d = w.dt, w.d
    harm_values, threat_values = list(c.HarmCategory.values), list(c.ThreatType.values)
    item_personal = policy.ITEM_PERSONAL_FIELDS
    legal_values = list(c.LegalProcess.values)

    if w.vendor == "sqlite":
        with connection.cursor() as cursor:  # generation only: the benchmarks run with the application's pragmas
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")

    for chunk_start in range(0, size, CHUNK):
        chunk_end = min(size, chunk_start + CHUNK)
        cases, parties, items, history, notices, pitems = [], [], [], [], [], []
        hist_objs = []
        for i in range(chunk_start, chunk_end):
            case_id = ids[t_case]
            ids[t_case] += 1
            kind = kind_pick()
            # Volume grows over time: the density of received_at rises linearly.
            received = START + timedelta(seconds=int(span * math.sqrt((i + rng.random()) / size)))
            requester_type = req_picks[kind]() if kind in req_picks else (
                c.RequesterType.ANONYMOUS if rng.random() < 0.3 else c.RequesterType.INDIVIDUAL)
            org = pools.org_pick() if requester_type in organisation_types else ""
            country = country_pick() if rng.random() < 0.93 else ""
            recent = (END - received).days < 30
            decided = rng.random() > (0.4 if recent else 0.05)
            outcome, decided_at, state = "", None, rng.choice(open_states)
            if decided:
                outcome = out_picks.get(kind, out_picks["other"])()
                hours = rng.expovariate(1 / (6 if kind == c.Kind.EMERGENCY_DISCLOSURE else 120))
                decided_at = min(received + timedelta(seconds=int(hours * 3600) + 60), END - timedelta(seconds=1))
                state = c.State.CLOSED if rng.random() < 0.8 else c.State.NOTIFIED
            ground = harm = threat = origin = legal = ""
            if kind == c.Kind.COPYRIGHT_NOTICE:
                ground = c.ContentGround.COPYRIGHT
            elif kind == c.Kind.TRADEMARK_NOTICE:
                ground = c.ContentGround.TRADEMARK
            elif kind == c.Kind.CONTENT_TAKEDOWN:
                ground = rng.choice(GROUNDS)
            elif kind == c.Kind.HARM_REPORT:
                harm = rng.choice(harm_values)
            elif kind == c.Kind.EMERGENCY_DISCLOSURE:
                threat = rng.choice(threat_values)
                origin = c.EmergencyOrigin.REQUESTED if rng.random() < 0.8 else c.EmergencyOrigin.VOLUNTARY
            elif kind == c.Kind.USER_DATA_REQUEST:
                legal = rng.choice(legal_values)
            dsa = DSA_CATEGORY_FOR_GROUND.get(ground) or DSA_CATEGORY_FOR_HARM.get(harm) or ""
            work = pools.works[rng.randrange(len(pools.works))] if kind == c.Kind.COPYRIGHT_NOTICE else ""
            # What the requester typed: private on the case, the (redacted) title of the public notice.
            subject = (f"DMCA notice: {work}" if work else pools.titles[rng.randrange(len(pools.titles))])[:300]
            language = lang_pick()
            n_accounts = rng.randint(1, 3) if kind in c.DATA_KINDS else 0
            actually = rng.randint(0, n_accounts) if outcome in c.GRANTING_OUTCOMES else 0
            summary = ("Removed: the notice identifies the work and the copies precisely, and no licence or fair use "
                       "applies." if outcome in c.GRANTING_OUTCOMES else
                       "Refused: the content is lawful, freely licensed or in the public interest.") if decided else ""
            law = "17 U.S.C. 512(c)" if kind == c.Kind.COPYRIGHT_NOTICE else ""
            acknowledged = received + timedelta(minutes=rng.randint(5, 2000))
            reference = reference_for(case_id, received.year)
            api = kind == c.Kind.COPYRIGHT_NOTICE and rng.random() < 0.7
            case_row = {
                "id": case_id, "reference": reference, "kind": kind, "content_ground": ground,
                "harm_category": harm, "dsa_category": dsa, "state": state, "outcome": outcome,
                "source": c.Source.API if api else c.Source.WEB_FORM, "language": language,
                "requester_type": requester_type, "requester_organisation": seal(org),
                "authority_country": country if requester_type in c.GOVERNMENT_REQUESTERS else "",
                "country": country, "trusted_flagger": api and rng.random() < 0.1, "legal_process": legal,
                "law_invoked": law, "requester_subject": seal(subject),
                "description": pools.descriptions[rng.randrange(len(pools.descriptions))],
                "content_data_requested": n_accounts > 0 and rng.random() < 0.3,
                "non_content_data_requested": n_accounts > 0,
                "accounts_potentially_affected": n_accounts, "accounts_actually_affected": actually,
                "accounts_notified": actually if rng.random() < 0.6 else 0,
                "threat_type": threat, "emergency_origin": origin,
                "automated_decision": c.AutomatedDecision.NOT_AUTOMATED,
                "decision_ground": c.DecisionGround.ILLEGAL_CONTENT if outcome in c.GRANTING_OUTCOMES else "",
                "decision_summary": seal(summary),
                "tracking_token_digest": hashlib.sha256(b"bench-token:%d" % case_id).hexdigest(),
                "received_at": dt(received), "acknowledged_at": dt(acknowledged), "decided_at": dt(decided_at),
                "notified_at": dt(decided_at) if state == c.State.NOTIFIED else None,
                "closed_at": dt(decided_at) if state == c.State.CLOSED else None,
                "due_at": None if decided else dt(received + timedelta(days=14)),
                "created_at": dt(received), "updated_at": dt(decided_at or acknowledged),
            }
            counts["cases"] += 1

            # The requester (and, for a third of agents' notices, the rights holder they act for).
            name = pools.names[rng.randrange(len(pools.names))]
            email, email_index = pools.emails[rng.randrange(len(pools.emails))]
            anonymous = requester_type == c.RequesterType.ANONYMOUS
            parties.append(t_party.row({
                "id": ids[t_party], "case_id": case_id, "role": c.PartyRole.REQUESTER,
                "kind": c.EntityKind.ORGANIZATION if org else c.EntityKind.INDIVIDUAL,
                "name": "" if anonymous else name, "organisation": seal(org), "email": "" if anonymous else email,
                "email_index": "" if anonymous else email_index,
                "phone": pools.phones[rng.randrange(len(pools.phones))] if rng.random() < 0.2 else "",
                "country": country, "language": language,
            }))
            ids[t_party] += 1
            counts["parties"] += 1
            principal = ""
            if org and kind == c.Kind.COPYRIGHT_NOTICE and rng.random() < 0.33:
                principal = pools.org_pick()
                parties.append(t_party.row({
                    "id": ids[t_party], "case_id": case_id, "role": c.PartyRole.PRINCIPAL,
                    "kind": c.EntityKind.ORGANIZATION, "organisation": seal(principal),
                }))
                ids[t_party] += 1
                counts["parties"] += 1

            # The items, and what was done to each.
            case_items = []
            if kind in c.DATA_KINDS:
                n_items = n_accounts
            elif kind == c.Kind.COPYRIGHT_NOTICE:
                n_items = min(20, 1 + int(rng.expovariate(1.0)))
            elif kind in (c.Kind.APPEAL, c.Kind.GRIEVANCE):
                n_items = rng.randint(0, 1)
            else:
                n_items = rng.randint(1, 2)
            for position in range(n_items):
                if outcome == c.Outcome.GRANTED:
                    action = c.Action.DISCLOSE if kind in c.DATA_KINDS else c.Action.REMOVE
                elif outcome == c.Outcome.PARTIALLY_GRANTED:
                    action = (c.Action.DISCLOSE if kind in c.DATA_KINDS else c.Action.REMOVE) if position == 0 else c.Action.NO_ACTION
                elif decided:
                    action = c.Action.NO_ACTION
                else:
                    action = ""
                if kind in c.DATA_KINDS:
                    item = {"account_name": pools.accounts[rng.randrange(len(pools.accounts))],
                            "item_type": c.ItemType.ACCOUNT}
                else:
                    project = project_pick()
                    title = pools.titles[rng.randrange(len(pools.titles))]
                    is_file = project == COMMON_PROJECT
                    page = f"File:{title}.jpg" if is_file else title
                    item = {"url": f"https://{project}/wiki/{page.replace(' ', '_')}", "project": project,
                            "page_title": page, "item_type": c.ItemType.FILE if is_file else c.ItemType.PAGE,
                            "content_type": c.ContentType.IMAGE if is_file else c.ContentType.TEXT,
                            "copyrighted_work": work}
                item.update(id=ids[t_item], case_id=case_id, action=action,
                            ground="17 U.S.C. 512(c)" if action == c.Action.REMOVE and work else "",
                            reason="Reviewed by a person." if action else "")
                ids[t_item] += 1
                case_items.append(item)  # plaintext: the public record below is its (redacted) copy
                items.append(t_item.row({key: seal(value) if key in item_personal else value
                                         for key, value in item.items()}))
            counts["items"] += n_items

            # The title, as create_case gives it: the kind, the first item's site and the day received.
            first_project = next((it["project"] for it in case_items if it.get("project")), "")
            case_row["subject"] = title_for(kind, first_project, received)
            cases.append(t_case.row(case_row))

            # History: created, then the decision.
            actor = "api:" + org if api and org else "requester"
            hist_objs.append(_HistoryRow(case_id, received, actor, "created", "", c.State.RECEIVED,
                                         {"kind": kind, "source": "api" if api else "web_form"},
                                         "Received through the API." if api else "Received through the online form."))
            if decided:
                hist_objs.append(_HistoryRow(case_id, decided_at, "system", "transition", c.State.AWAITING_APPROVAL,
                                             state, {"outcome": outcome}, "Decided after review."))

            # The public notice, as publishing.publish builds it.
            if decided and kind in policy.PUBLISHABLE_KINDS and outcome and rng.random() < 0.95:
                notice_id = ids[t_notice]
                ids[t_notice] += 1
                decided_on = decided_at.date()
                sort_key = log_search.sort_key_for(decided_on, notice_id)
                body = pools.bodies[rng.randrange(len(pools.bodies))]
                extra = [word for word, p in PLANTED.items() if rng.random() < p]
                if extra:
                    body = body + " " + " ".join(extra)
                projects = sorted({it["project"] for it in case_items if it.get("project")})
                sender = org if requester_type in organisation_types else ""
                published_items = []
                for position, it in enumerate(case_items):
                    published_items.append(t_pitem.row({
                        "id": ids[t_pitem], "notice_id": notice_id, "position": position, "url": it.get("url", ""),
                        "project": it.get("project", ""), "page_title": it.get("page_title", ""),
                        "item_type": it["item_type"], "content_type": it.get("content_type", c.ContentType.TEXT),
                        "action": it["action"], "reason": it["reason"],
                        "copyrighted_work": it.get("copyrighted_work", ""), "ground": it["ground"],
                        "puid": f"{reference}-{it['id']}",
                    }))
                    ids[t_pitem] += 1
                # What publishing stores (the one rule, folded for the index as the app folds it).
                search_text = search_text_of(
                    SimpleNamespace(public_id=reference, title=subject, body=body, summary=summary, law_invoked=law,
                                    sender_name=sender, principal_name=principal, projects=projects),
                    [SimpleNamespace(page_title=it.get("page_title", ""), url=it.get("url", ""),
                                     copyrighted_work=it.get("copyrighted_work", "")) for it in case_items])
                notices.append(t_notice.row({
                    "id": notice_id, "public_id": reference, "case_id": case_id, "sort_key": sort_key, "kind": kind,
                    "content_ground": ground, "country": country, "outcome": outcome,
                    "requester_type": requester_type, "sender_name": sender, "principal_name": principal,
                    "sender_kind": c.EntityKind.ORGANIZATION if sender else c.EntityKind.INDIVIDUAL,
                    "trusted_flagger": case_row["trusted_flagger"], "language": language,
                    "projects": json.dumps(projects),
                    "title": subject, "body": body, "summary": summary, "law_invoked": law,
                    "search_text": search_text, "received_on": d(received.date()), "decided_on": d(decided_on),
                    "published_at": dt(decided_at + timedelta(days=1)),
                    "texts_written_at": dt(decided_at + timedelta(days=1)), "is_public": True, "listed": True,
                    "harm_category": harm, "dsa_category": dsa, "decision_ground": case_row["decision_ground"],
                    "source": case_row["source"], "automated_detection": False,
                    "automated_decision": case_row["automated_decision"],
                }))
                pitems.extend(published_items)
                counts["notices"] += 1
                counts["published_items"] += len(published_items)
                if len(result.sample_public_ids) < 2000 and rng.random() < 0.05:
                    result.sample_public_ids.append(reference)

        with transaction.atomic():
            seal_many(hist_objs, "case_history")
            for h in hist_objs:
                history.append(t_hist.row({
                    "id": ids[t_hist], "case_id": h.case, "at": dt(h.at), "actor_label": h.actor_label,
                    "event": h.event, "from_state": h.from_state, "to_state": h.to_state,
                    "changes": json.dumps(h.changes), "reason": h.reason, "prev_hash": h.prev_hash,
                    "entry_hash": h.entry_hash,
                }))
                ids[t_hist] += 1
            counts["history"] += len(history)
            w.insert(t_case, cases)
            w.insert(t_party, parties)
            w.insert(t_item, items)
            w.insert(t_hist, history)
            w.insert(t_notice, notices)
            w.insert(t_pitem, pitems)
        if progress:
            progress(chunk_end, size, time.perf_counter() - started)

    with transaction.atomic():
        log_search.rebuild_index()
    w.reset_sequences([Case, Party, TargetItem, CaseHistory, PublicRecord, PublicRecordItem])
    with connection.cursor() as cursor:
        if w.vendor == "sqlite":
            # No ANALYZE: the application never runs it, so the benchmark must not either.
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            cursor.execute("ANALYZE")  # what autovacuum does after a bulk load
    # The generated gigabytes reach the disk before anything is measured: left to the kernel, it wrote them back
    # while the next benchmark ran (at 1M on SQLite, 6.8 GB), and the first measure after a generation paid for the
    # generator's writes (intake 2,689 notices/s against 4,193-4,362 on the same data once written; docs/performance.md,
    # "Tracking links in time order"). A system that has held a million cases for a while has no such backlog.
    os.sync()
    result.last_case_id = ids[t_case] - 1
    result.rows = counts
    result.seconds = time.perf_counter() - started
    return result
