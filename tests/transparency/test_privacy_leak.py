"""No private value seeded into cases appears in anything the public can reach.

Distinctive names, e-mail addresses, phone numbers in several countries'
formats, postal addresses, IP addresses, identity numbers and account names
are put into many cases — in the parties, the request text, the subject,
the reasons and the items — and the cases are decided and published. Then
every public surface is read: the log (every page), searches for each
private value, each notice's page, the notices API (every page and each
notice), the DSA and Lumen exports, and the period report (page, CSV, JSON,
DSA template). None of the values may appear in any of them.
"""

from __future__ import annotations

import io
import json
import re
from html import escape as html_escape
from urllib.parse import quote_plus

import pytest
from django.core.management import call_command
from django.urls import reverse

from rightsdesk.cases import choices as c
from rightsdesk.cases.services import update_case, update_item
from rightsdesk.transparency import publishing
from rightsdesk.transparency.models import PublicRecord

from .conftest import utc

pytestmark = pytest.mark.django_db

PEOPLE = [
    # name, e-mail, phone as written, country, postal address, account
    ("Quirinus Vandersloot", "q.vandersloot@mailbox.example", "+49 30 12345678", "DE",
     "Kastanienweg 17\n10405 Berlin", "Vandersloot_Q"),
    ("Eulalia Fenwick-Oyelaran", "eulalia.fo@example.net", "(212) 555-0187", "US", "742 Evergreen Terrace\nSpringfield",
     "EulaliaFO"),
    ("Zdzisław Bąkowski", "zbakowski@poczta.example.pl", "+48 512 345 678", "PL", "ul. Długa 44\n00-238 Warszawa",
     "Bakowski1969"),
    ("Ngozi Adebayo-Okafor", "ngozi.ao@example.com.ng", "+234 803 123 4567", "NG", "15 Awolowo Road\nIkoyi, Lagos",
     "NgoziAO"),
    ("Théodore Marchetti-Laval", "theo.ml@courriel.example.fr", "06 12 34 56 78", "FR", "12 rue des Lilas\n75020 Paris",
     "TheoML"),
    ("Priyanka Venkataraman", "priyanka.v@example.in", "+91 98765 43210", "IN", "Flat 4B, 221 MG Road\nBengaluru 560001",
     "PriyankaVR"),
    ("Joaquim Albuquerque", "joaquim.alb@example.com.br", "(11) 91234-5678", "BR", "Rua Augusta 274\nSão Paulo",
     "JoaquimAlb"),
    ("Haruto Takahashi-Brandt", "haruto.tb@example.jp", "+81 90-1234-5678", "JP", "2-11-3 Meguro\nTokyo 153-0063",
     "HarutoTB"),
]
SECRETS = ["198.51.100.23", "2001:db8:4006:812::200e", "DE89 3704 0044 0532 0130 00", "X4RTBPFW4", "078-05-1120",
           "4539 1488 0343 6467"]


def private_values():
    values = set(SECRETS)
    for name, email, phone, _country, address, account in PEOPLE:
        values |= {name, email, phone, account, *name.replace("-", " ").split(), *address.splitlines()}
    return {v for v in values if len(v) >= 4}


@pytest.fixture
def seeded(decided_case, approver, make_staff):
    """Eight people, each the requester of two cases and the affected user of another's, all published."""
    cases = []
    for n, (name, email, phone, country, address, account) in enumerate(PEOPLE * 2):
        other = PEOPLE[(n + 1) % len(PEOPLE)]
        secret = SECRETS[n % len(SECRETS)]
        kind = [c.Kind.CONTENT_TAKEDOWN, c.Kind.COPYRIGHT_NOTICE, c.Kind.TRADEMARK_NOTICE][n % 3]
        case = decided_case(
            kind, country=country, outcome=c.Outcome.PARTIALLY_GRANTED, decided_at=utc(2026, 3, 10),
            content_ground=c.ContentGround.PRIVACY if kind == c.Kind.CONTENT_TAKEDOWN else "",
            subject=f"Request from {name} about {other[0]}",
            description=(f"My name is {name}. Write to {email} or call {phone}. I live at {address.replace(chr(10), ', ')}. "
                         f"The article names {other[0]} (account {other[5]}, IP {secret}) and my passport number "
                         f"X4RTBPFW4. Card 4539 1488 0343 6467, IBAN DE89 3704 0044 0532 0130 00."),
            law_invoked="GDPR Art. 17",
            parties=[
                {"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.INDIVIDUAL, "name": name, "email": email,
                 "phone": phone, "postal_address": address, "country": country, "account_name": account},
                {"role": c.PartyRole.AFFECTED_USER, "kind": c.EntityKind.INDIVIDUAL, "name": other[0],
                 "email": other[1], "account_name": other[5]},
            ],
            items=[
                {"url": f"https://en.wikipedia.org/wiki/User:{other[5]}", "project": "en.wikipedia.org",
                 "page_title": f"User:{other[5]}", "account_name": other[5]},
                {"url": f"https://de.wikipedia.org/wiki/Talk:Example_{n}", "project": "de.wikipedia.org",
                 "page_title": f"Talk:Example {n}", "account_name": account},
            ],
            actions=[c.Action.REMOVE, c.Action.NO_ACTION],
        )
        update_case(case, {"decision_summary": f"Removed the post by {other[5]} that gave {name}'s number {phone} "
                                               f"and e-mail {email}; {secret} was shown too."}, "test")
        for item in case.items.all():
            update_item(item, {"reason": f"Doxxing of {name} at {address.splitlines()[0]}."}, "test")
        case.refresh_from_db()
        publishing.publish_as_system(case, "test")
        cases.append(case)
    _seed_preservations(make_staff("legal approver", "reviewer"))
    return cases


def _seed_preservations(staff) -> None:
    """Preservation requests naming the people's accounts, with secrets in the authority's reference and the
    descriptions, in every state that is counted: they are never published, only counted in the report (not among
    the returned cases, which the exports' tests count)."""
    from rightsdesk.cases.services import create_case
    from rightsdesk.preservation import services as preservation

    for n, (name, _email, _phone, country, _address, account) in enumerate(PEOPLE[:4]):
        case = create_case(fields={
            "kind": c.Kind.PRESERVATION_REQUEST, "subject": f"Preserve the records of {name}",
            "requester_type": c.RequesterType.LAW_ENFORCEMENT, "country": country, "authority_country": country,
            "received_at": utc(2026, 2, 2 + n), "description": f"Keep everything about {account} ({SECRETS[n]}).",
        }, actor="test")
        p = preservation.record_request(case, {
            "authority_name": "Federal Bureau of Investigation", "authority_country": country,
            "legal_basis": "18 U.S.C. § 2703(f)", "authority_reference": f"Investigation of {name}",
            "accounts": f"{account}\n{PEOPLE[n + 4][5]}"}, staff)
        if n:
            p = preservation.record_preserved(p, "Legal-hold store", f"Sign-in logs of {account}.", staff,
                                              at=utc(2026, 2, 3 + n))
        if n > 1:
            p = preservation.renew(p, f"Renewed request about {name}", staff)
        if n > 2:
            preservation.release(p, f"The snapshot of {account} was deleted.", staff)


def leaks(text: str) -> list[str]:
    lowered = text.lower()
    found = [v for v in private_values() if v.lower() in lowered]
    # Phones and card/IBAN numbers written with other separators.
    digits = re.sub(r"\D", "", text)
    for _name, _email, phone, *_rest in PEOPLE:
        if len(re.sub(r"\D", "", phone)) >= 9 and re.sub(r"\D", "", phone) in digits:
            found.append(phone)
    for number in ("4539148803436467", "89370400440532013000"):
        if number in digits:
            found.append(number)
    return found


def test_the_seeded_cases_really_hold_the_values(seeded):
    """The check below can fail: the cases' own private texts contain every value."""
    text = " ".join(f"{c.subject} {c.description} {c.decision_summary}" for c in seeded)
    parties = " ".join(f"{p.name} {p.postal_address} {p.account_name}" for c in seeded for p in c.parties.all())
    assert set(leaks(text + " " + parties)) >= private_values()


def test_no_public_page_shows_private_data(client, seeded):
    pages = []
    url = reverse("transparency:log-list")
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(response.content.decode())
        match = re.search(r'href="(\?[^"]*after=\d+)"', pages[-1])
        url = reverse("transparency:log-list") + match.group(1).replace("&amp;", "&") if match else None
    assert sum(page.count(" <li>") + page.count("<li>") for page in pages) >= len(seeded)
    for value in sorted(private_values()):
        page = client.get(reverse("transparency:log-list"), {"q": value}).content.decode()
        # The page repeats what the visitor typed; everything else must be free of it.
        for echo in (value, html_escape(value), quote_plus(value)):
            page = page.replace(echo, "")
        pages.append(page)
    for notice in PublicRecord.objects.all():
        for lang in ("en", "ar"):
            response = client.get(f"/{lang}/notices/{notice.public_id}/")
            assert response.status_code == 200
            pages.append(response.content.decode())
    for page in pages:
        assert leaks(page) == []


def test_searching_for_a_private_value_finds_nothing(client, seeded):
    for value in ("Vandersloot", "Bąkowski", "eulalia.fo@example.net", "Kastanienweg", "X4RTBPFW4", "198.51.100.23"):
        assert client.get("/api/v1/notices", {"q": value}).json()["count"] == 0, value


def test_no_api_response_carries_private_data(client, seeded):
    bodies = []
    data = client.get("/api/v1/notices", {"limit": 5}).json()
    bodies.append(json.dumps(data, ensure_ascii=False))
    while data["next"]:
        data = client.get(data["next"]).json()
        bodies.append(json.dumps(data, ensure_ascii=False))
    for notice in PublicRecord.objects.all():
        bodies.append(client.get(f"/api/v1/notices/{notice.public_id}").content.decode())
    bodies.append(client.get("/api/v1/openapi.json").content.decode())
    assert sum(b.count('"public_id"') for b in bodies[:-1]) >= 2 * len(seeded)
    for body in bodies:
        assert leaks(body) == []


def test_no_export_carries_private_data(seeded, tmp_path):
    from rightsdesk.transparency.exports.dsa_validator import errors

    dsa_file, lumen_file = tmp_path / "sor.jsonl", tmp_path / "lumen.jsonl"
    call_command("export", "dsa", "--period", "2026-H1", "--out", str(dsa_file), stderr=io.StringIO())
    call_command("export", "lumen", "--period", "2026-H1", "--out", str(lumen_file), stderr=io.StringIO())
    statements = [json.loads(line) for line in dsa_file.read_text().splitlines()]
    notices = [json.loads(line) for line in lumen_file.read_text().splitlines()]
    assert len(statements) == len(seeded) and len(notices) == len(seeded)
    assert all(errors(s) == [] for s in statements)
    assert leaks(dsa_file.read_text()) == [] and leaks(lumen_file.read_text()) == []


def test_the_period_report_carries_no_private_data(client, seeded, tmp_path):
    urls = [reverse(f"reports:{name}", args=["2026-H1"])
            for name in ("report", "report_csv", "report_json", "report_dsa_template")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert leaks(body.decode()) == [], url


def test_the_eu_harmonised_templates_carry_no_private_data(client, seeded):
    """The workbook and its CSV parts are downloads too: every cell and every file is read."""
    import zipfile

    import openpyxl

    workbook = client.get(reverse("reports:report_eu_xlsx", args=["2026-H1"]))
    assert workbook.status_code == 200
    sheets = openpyxl.load_workbook(io.BytesIO(workbook.content), read_only=True).worksheets
    cells = "\n".join(str(value) for sheet in sheets for row in sheet.iter_rows(values_only=True)
                       for value in row if value is not None)
    assert "STATEMENT_CATEGORY_" in cells and leaks(cells) == []
    parts = client.get(reverse("reports:report_eu_csv", args=["2026-H1"]))
    assert parts.status_code == 200
    with zipfile.ZipFile(io.BytesIO(parts.content)) as archive:
        files = archive.namelist()
        assert len(files) == len(sheets)
        for name in files:
            assert leaks(archive.read(name).decode("utf-8-sig")) == [], name
