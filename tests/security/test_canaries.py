"""Canaries: a unique private value in every personal field of every path, and none of them reaches the public.

This is the outside tester's check of the privacy issue (#12). Canary values
that look like the real thing (names, e-mail addresses, phone numbers,
addresses, ID numbers, account names inside URLs) go into every personal
field through every way in: the public forms (a takedown, a doxxing report,
a copyright notice), the API, the historic importer, and what staff write
themselves (grounds, reasons, summaries). The cases are decided through the
review services, their public records proposed by the redactor, corrected
by staff where the redactor could not know (a name only staff wrote) and
approved, and published. Then everything the public can reach is read:
every page of the log in two languages, every notice, a search for every
canary, every placeholder page and the placeholder API, the notices API,
the period report (HTML, CSV, JSON, DSA template) for the period and for a
one-day range, the DSA, Lumen and placeholder exports, the bytes posted to Lumen's API, everything logged
meanwhile, and the raw database (the SQLite file's bytes; on PostgreSQL
every row of every table as text). No canary may be found anywhere but in
encrypted fields.
"""

from __future__ import annotations

import io
import json
import logging
from datetime import timedelta
from urllib.parse import quote_plus

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.transparency import publishing
from rightsdesk.transparency.exports import lumen
from rightsdesk.transparency.models import PublicRecordItem, PublicRecord
from rightsdesk.transparency.templatetags.redaction_marks import marks_isolated

pytestmark = pytest.mark.django_db

#: Each canary: what is typed, and the distinctive pieces that must never be found outside encrypted fields.
CANARIES = {
    # the takedown form
    "takedown.name": ("Berit Haugsvaerdottir", ["Haugsvaerdottir"]),
    "takedown.email": ("berit.hgv@canary-mail.example", ["berit.hgv", "canary-mail.example"]),
    "takedown.organisation": ("Kvistholm Solveig Aarflotsen +47 930 11 222", ["Aarflotsen", "930 11 222"]),
    "takedown.subject": ("Photo of Berit Haugsvaerdottir at home", ["Haugsvaerdottir at home"]),
    "takedown.description": ("I live at Fjellveien 93, Tromsdalen; my ID card number is 12039847561.",
                             ["Fjellveien 93", "12039847561"]),
    "takedown.url": ("https://no.wikipedia.org/wiki/Bruker:HaugsvaerB", ["HaugsvaerB"]),
    "takedown.file": ("https://commons.wikimedia.org/wiki/File:Haugsvaerdottir_garden.jpg",
                      ["Haugsvaerdottir_garden"]),
    # the doxxing report
    "doxxing.name": ("Lucinda Montenegro-Valquez", ["Montenegro", "Valquez", "Lucinda"]),
    "doxxing.email": ("lucinda.mv@canary-mail.example", ["lucinda.mv"]),
    "doxxing.account": ("MontenegroLV", ["MontenegroLV"]),
    "doxxing.url": ("https://es.wikipedia.org/wiki/Usuario:MontenegroLV/notas", ["MontenegroLV"]),
    "doxxing.description": ("They posted my address, Calle Olmedilla 14, Zaragoza, and my phone +34 612 345 978.",
                            ["Olmedilla", "612 345 978"]),
    # the copyright notice
    "copyright.name": ("Ottoline Fairweathering", ["Fairweathering"]),
    "copyright.email": ("ottoline.fw@canary-mail.example", ["ottoline.fw"]),
    "copyright.phone": ("+44 7700 900 417", ["7700 900 417", "7700900417"]),
    "copyright.address": ("12 Juniper Crescentway\nBristol BS1 4DJ", ["Juniper Crescentway"]),
    "copyright.work": ("Photograph by Ottoline Fairweathering, ottoline.fw@canary-mail.example",
                       ["Fairweathering", "ottoline.fw"]),
    "copyright.url": ("https://commons.wikimedia.org/wiki/File:Fairweathering_Juniper.jpg", ["Fairweathering"]),
    "copyright.signature": ("Ottoline Fairweathering", ["Fairweathering"]),
    # the API
    "api.name": ("Radomir Szczepankowiak", ["Szczepankowiak"]),
    "api.email": ("radomir.sz@canary-mail.example", ["radomir.sz"]),
    "api.url": ("https://pl.wikipedia.org/wiki/Wikipedysta:Szczepankowiak_R", ["Szczepankowiak"]),
    "api.description": ("Szczepankowiak asks for this; call him on +48 512 377 904.", ["512 377 904"]),
    # the historic importer
    "import.name": ("Gunnhild Lindqvarstrom", ["Lindqvarstrom"]),
    "import.email": ("gunnhild.lq@canary-mail.example", ["gunnhild.lq"]),
    "import.url": ("https://sv.wikipedia.org/wiki/Anv%C3%A4ndare:Lindqvarstrom", ["Lindqvarstrom"]),
    # what staff write
    "staff.ground": ("Privacy of Ingeborg Kallstrommen", ["Kallstrommen"]),
    "staff.reason": ("The page shows the house of Ingeborg Kallstrommen on Storgatan 71.",
                     ["Kallstrommen", "Storgatan 71"]),
    "staff.summary": ("Removed: it exposed Ingeborg Kallstrommen (ID number 850709-1234).",
                      ["Kallstrommen", "850709-1234"]),
    # an account action (accountactions): the second account, the evidence notes, a refusal's reasons
    "action.account": ("Wilhelmina Kanarienvogel", ["Kanarienvogel"]),
    "action.notes": ("She wrote to him at Amselweg 44, Kiel, from w.kvogel@canary-mail.example.",
                     ["Amselweg 44", "w.kvogel"]),
    "action.refusal": ("Not the same person as Kanarienvogel.", ["Kanarienvogel"]),
}
NEEDLES = sorted({n for _value, needles in CANARIES.values() for n in needles})


def v(key: str) -> str:
    return CANARIES[key][0]


def found_in(text: str) -> list[str]:
    """The canaries in a text, also as HTML, JSON or URL escaping would write them."""
    variants = {text, text.replace("&#x27;", "'"), text.replace("\\u00", "%")}
    try:
        variants.add(json.loads(json.dumps(text)))
    except ValueError:
        pass
    lowered = [t.lower() for t in variants]
    return sorted({n for n in NEEDLES if any(n.lower() in t for t in lowered)})


# --------------------------------------------------------------------------- the ways in


def submit_forms(client) -> list[str]:
    """Three public forms, as a browser sends them; returns the case references from the receipts."""
    forms = [
        ("content-takedown", {
            "requester_type": "company", "organisation": v("takedown.organisation"), "content_ground": "privacy",
            "name": v("takedown.name"), "email": v("takedown.email"), "subject": v("takedown.subject"),
            "description": v("takedown.description"), "urls": f"{v('takedown.url')}\n{v('takedown.file')}",
            "country": "NO", "good_faith": "on"}),
        ("harm-report", {
            "harm_category": "doxxing", "name": v("doxxing.name"), "email": v("doxxing.email"),
            "accounts": v("doxxing.account"), "urls": v("doxxing.url"), "description": v("doxxing.description")}),
        ("copyright", {
            "requester_type": "individual", "copyrighted_work": v("copyright.work"), "urls": v("copyright.url"),
            "description": "My photograph is used without a licence.", "name": v("copyright.name"),
            "email": v("copyright.email"), "phone": v("copyright.phone"), "postal_address": v("copyright.address"),
            "country": "GB", "good_faith": "on", "accuracy_statement": "on", "signature": v("copyright.signature")}),
    ]
    before = set(Case.objects.values_list("reference", flat=True))
    for slug, data in forms:
        response = client.post(f"/en/request/{slug}/", data, follow=True)  # the form redirects to its receipt
        assert response.status_code == 200, (slug, response.content.decode()[:2000])
    return sorted(set(Case.objects.values_list("reference", flat=True)) - before)


def submit_api(client) -> str:
    from rightsdesk.accounts.models import ApiToken, Organisation

    org = Organisation.objects.create(name="Rights Bureau Canary", requester_type="company")
    _token, raw = ApiToken.issue(org, label="canaries")
    payload = {"kind": "content_takedown", "client_key": "canary-1", "content_ground": "defamation",
               "requester_type": "law_firm", "description": v("api.description"), "urls": [v("api.url")],
               "name": v("api.name"), "email": v("api.email"), "good_faith": True}
    response = client.post("/api/v1/cases", json.dumps(payload), content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 201, response.content.decode()
    return response.json()["reference"]


def import_one(tmp_path) -> str:
    line = {
        "id": "HIST-CANARY-1", "kind": "content_takedown", "received_at": "2026-01-05T10:00:00Z",
        "closed_at": "2026-01-20T09:00:00Z", "subject": f"Request of {v('import.name')}",
        "description": f"Please remove what you say about me, {v('import.name')} ({v('import.email')}).",
        "language": "sv", "source": "email", "country": "SE", "content_ground": "privacy",
        "requester": {"type": "individual", "kind": "individual", "name": v("import.name"), "email": v("import.email"),
                      "country": "SE"},
        "items": [{"url": v("import.url"), "project": "sv.wikipedia.org", "page_title": "Lindqvarstrom",
                   "action": "remove", "ground": "Privacy", "reason": f"Exposes {v('import.name')}."}],
        "decision": {"decided_at": "2026-01-18T12:00:00Z", "ground": "illegal_content",
                     "summary": f"Removed to protect {v('import.name')}."},
    }
    path = tmp_path / "history.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    call_command("import_cases", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    return Case.objects.order_by("-id").values_list("reference", flat=True).first()


# --------------------------------------------------------------------------- staff decide, review and publish


def decide(case: Case, reviewer, approver) -> None:
    from rightsdesk.cases import workflow
    from rightsdesk.review import checklist, services

    if case.state == c.State.RECEIVED:
        workflow.transition(case, "start_review", reviewer)
    answers = {q.key: ("yes" if "yes" in q.values else q.options[0][0], "Checked.")
               for q in checklist.questions_for(case)}
    services.save_checklist(case, reviewer, answers)
    for item in case.items.order_by("id"):
        services.decide_item(item, reviewer, action=c.Action.REMOVE, ground=v("staff.ground"),
                             reason=v("staff.reason"))
    if services.conclude(case, reviewer, v("staff.summary")) == "submit_for_approval":
        services.approve(case, approver)


def review_and_publish(case: Case, approver) -> tuple[PublicRecord, int]:
    """Propose the redaction; staff hide what the redactor could not know; approve; publish. Returns the
    record and how many corrections staff made."""
    review = publishing.propose_redaction(case, approver)
    corrections = 0
    for key, text in publishing.redacted_texts(review).items():
        for needle in found_in(text):
            before = len(review.corrections)
            try:
                review = publishing.add_phrase(review, approver, key, needle, "NAME")
            except Exception:  # the needle is only in an escaped form: hide the whole words typed
                continue
            corrections += len(review.corrections) - before
    publishing.approve_redaction(review, approver)
    return publishing.publish(case, approver), corrections


# --------------------------------------------------------------------------- what the public can reach


def public_urls(client, notices, placeholders, day) -> dict[str, str]:
    urls = []
    for lang in ("en", "ar"):
        urls += [f"/{lang}/notices/", f"/{lang}/transparency/", f"/{lang}/office-actions/"]
        urls += [f"/{lang}/notices/{n.public_id}/" for n in notices]
        urls += [f"/{lang}/unavailable/{p}/" for p in placeholders]
        urls += [f"/{lang}/notices/?q={quote_plus(needle)}" for needle in NEEDLES]
        for period in (f"{day.year}", f"{day.isoformat()}..{day.isoformat()}"):
            urls += [f"/{lang}/transparency/{period}/", f"/{lang}/transparency/{period}/report.csv",
                     f"/{lang}/transparency/{period}/report.json",
                     f"/{lang}/transparency/{period}/dsa-template.csv"]
    urls += ["/en/office-actions.json"]  # the office-actions log (tests/accountactions has its own canaries)
    urls += ["/api/v1/notices", "/api/v1/placeholders", "/api/v1/placeholders?language=ar"]
    urls += [f"/api/v1/notices/{n.public_id}" for n in notices]
    urls += [f"/api/v1/placeholders/{p}" for p in placeholders]
    urls += [f"/api/v1/notices?q={quote_plus(needle)}" for needle in NEEDLES]
    pages = {}
    for url in urls:
        response = client.get(url)
        custom_template = "..".join([day.isoformat()] * 2) + "/dsa-template" in url  # only for half-years
        assert response.status_code in ((404,) if custom_template else (200, 410, 451)), (url, response.status_code)
        pages[url] = response.content.decode()
    return pages


def exports(tmp_path, day) -> dict[str, str]:
    out = {}
    for target in ("dsa", "lumen"):
        path = tmp_path / f"{target}.jsonl"
        call_command("export", target, "--period", str(day.year), "--out", str(path), stderr=io.StringIO())
        out[target] = path.read_text(encoding="utf-8")
    path = tmp_path / "placeholders.json"
    call_command("export_placeholders", "--out", str(path), stdout=io.StringIO())
    out["placeholders"] = path.read_text(encoding="utf-8")
    # The bytes opendata.lumen_client posts to Lumen's API for each notice (lumen.encode of lumen.notice_json), and
    # their digest's input: the same mapping as the export, written by its own encoder.
    out["lumen api"] = "\n".join(lumen.encode(lumen.notice_json(record)).decode("utf-8")
                                  for record in PublicRecord.objects.prefetch_related("items"))
    return out


def raw_database() -> str:
    """Everything the database stores, as it stores it (encrypted values stay ciphertext)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.serialize().decode("utf-8", errors="replace")
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT CAST(t AS text) FROM "{table}" AS t')
            chunks += [row[0] for row in cursor.fetchall()]
    return "\n".join(chunks)


def without_echo(where: str, text: str) -> str:
    """A search page repeats what was searched for (in the search box, in the API's echo): that is not a leak.
    Only the echo is taken out; the same words in a result would still be found."""
    if "?q=" not in where:
        return text
    from html import escape
    from urllib.parse import parse_qs, urlsplit

    searched = parse_qs(urlsplit(where).query)["q"][0]
    for echo in (f'value="{escape(searched)}"', f'"q": "{searched}"', f'"q":"{searched}"',
                 f"&ldquo;{escape(searched)}&rdquo;", f"“{escape(searched)}”", quote_plus(searched)):
        text = text.replace(echo, "")
    return text


def account_action(make_staff, case) -> None:
    """A global ban approved and published (its public entry names only the first account), and a refused lock."""
    from rightsdesk.accountactions import services as actions

    ban = actions.propose(make_staff("reviewer"), action_type="global_ban", ground="harassment",
                          accounts=f"Public Banned Person\n{v('action.account')}", projects="de.wikipedia.org",
                          case=case, notes=v("action.notes"))
    for role in ban.required_roles:
        ban = actions.sign(ban, make_staff(role), role=role, decision="approve")
    actions.draft_entry(ban, make_staff("legal approver"), summary="Banned for harassment.")
    actions.approve_entry(ban, make_staff("legal approver"))
    lock = actions.propose(make_staff("reviewer"), action_type="lock", ground="sockpuppetry",
                           accounts=v("action.account"), projects="de.wikipedia.org", case=case)
    actions.sign(lock, make_staff("trust and safety"), role="trust and safety", decision="refuse",
                 reason=v("action.refusal"))


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


def test_no_canary_reaches_any_public_page_export_log_or_unencrypted_column(client, make_staff, tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.RIGHTSDESK_INTAKE = {"RATE_LIMIT": 1000}
    settings.MEDIA_ROOT = str(tmp_path / "media")
    logs = Collect()
    root = logging.getLogger()
    root.addHandler(logs)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    try:
        reviewer = make_staff("reviewer", "emergency responder")
        approver = make_staff("legal approver")
        references = submit_forms(client) + [submit_api(client)]
        for case in Case.objects.filter(reference__in=references):
            decide(case, reviewer, approver)
        imported = import_one(tmp_path)

        notices, corrections = [], 0
        for case in publishing.redaction_queue():
            notice, made = review_and_publish(case, approver)
            notices.append(notice)
            corrections += made
        day = timezone.localdate()
        cases = Case.objects.filter(reference__in=references + [imported])
        assert cases.count() == 5 and all(case.state in publishing.DECIDED_STATES for case in cases)
        assert len(notices) == 5  # four listed notices, and the doxxing report's unlisted record
        placeholders = list(PublicRecordItem.objects.exclude(placeholder_id="").values_list("placeholder_id", flat=True))
        assert len(placeholders) >= 5

        account_action(make_staff, cases.first())
        surfaces = public_urls(client, PublicRecord.objects.listed(), placeholders, day)
        surfaces.update({f"export {k}": text for k, text in exports(tmp_path, day).items()})
        surfaces["log"] = "\n".join(logs.lines)
    finally:
        root.removeHandler(logs)
        root.setLevel(old_level)
    surfaces["database"] = raw_database()

    leaks = {where: found for where, text in surfaces.items() if (found := found_in(without_echo(where, text)))}
    assert leaks == {}
    # The check can see: the canaries are stored (encrypted), and the report of the one-day range is there.
    takedown = Case.objects.get(reference__in=references, kind=c.Kind.CONTENT_TAKEDOWN, source=c.Source.WEB_FORM)
    assert takedown.description == v("takedown.description") and takedown.requester_subject == v("takedown.subject")
    assert f"/en/transparency/{day.isoformat()}..{day.isoformat()}/report.json" in surfaces
    assert "Public Banned Person" in surfaces["/en/office-actions/"]  # the office-actions log was read, not empty
    # The placeholder pages were read with who asked as the public record names them: "Requested by" and the sender
    # the reviewed record gives (transparency.placeholders.requested_by), in its own direction in Arabic.
    named = [(item.placeholder_id, item.notice.sender_name) for item in PublicRecordItem.objects.exclude(
        placeholder_id="").select_related("notice") if item.notice.sender_name and not item.notice.unpublished_at]
    assert named, "no placeholder names its sender: the check would not read that part of the page"
    for public_id, sender in named:
        with translation.override("ar"):
            shown = marks_isolated(sender)  # each redaction mark kept whole, as every public page writes it
        assert f"<bdi>{shown}</bdi>" in surfaces[f"/ar/unavailable/{public_id}/"]
    print(f"canary check: {len(surfaces)} surfaces read, {len(NEEDLES)} canaries, "
          f"{corrections} staff corrections")


def test_the_scan_finds_a_canary_that_is_there(client):
    # (Assessments are not case data and are stored in plain text, which is what this check needs.)
    """The scanner is not blind: a canary in a page, an escaped JSON string or the raw database is found."""
    assert found_in(f"<p>{v('doxxing.name')}</p>") == ["Lucinda", "Montenegro", "Valquez"]
    assert found_in(json.dumps({"x": v("takedown.organisation")})) == ["930 11 222", "Aarflotsen"]
    from rightsdesk.diligence.models import Assessment

    Assessment.objects.create(title="Plain text on purpose", subject=v("staff.ground"), review_on=timezone.localdate())
    assert "Kallstrommen" in found_in(raw_database())


def test_a_one_day_range_is_a_day_before_and_after(client):
    """The one-day report URL used above is a valid period (a day, not an error page)."""
    day = timezone.localdate() - timedelta(days=1)
    assert client.get(f"/en/transparency/{day.isoformat()}..{day.isoformat()}/").status_code == 200
