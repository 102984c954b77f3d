"""The project (host) of a published item: the platform's own project, or nothing.

An item's ``project`` is typed (or taken from the URL) by the requester and never goes through the redaction
review; the host of a site the platform does not run can name a person (a personal homepage). So the public record
carries an item's host only when it is one of the platform's own projects (``core.sites.is_own_site``,
settings.RIGHTSDESK_OWN_SITES); any other host is published blank, as an item with no project. The public record
is the one source of every public view, so the notice page, the log, the API, the placeholders and the exports
(DSA, Lumen, open data) follow.
"""

from __future__ import annotations

import json

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.opendata import bulk_notices
from rightsdesk.transparency import placeholders
from rightsdesk.transparency.exports import dsa, lumen

pytestmark = pytest.mark.django_db

OWN_SITES = ["wikipedia.org", "wikimedia.org"]
PERSON = {"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.INDIVIDUAL, "name": "Ottilie Brennecke",
          "email": "ottilie@example.org"}
HOST = "ottilie-brennecke.example"

#: project as stored on the case's item -> project on the published item
PUBLISHED_PROJECT = [
    ("de.wikipedia.org", "de.wikipedia.org"),            # one of the platform's projects
    ("commons.wikimedia.org", "commons.wikimedia.org"),
    ("wikipedia.org", "wikipedia.org"),                  # the configured domain itself
    ("DE.Wikipedia.org", "de.wikipedia.org"),            # the host, as core.sites reads it
    (HOST, ""),                                          # a personal site: not published
    ("mirror.example.com", ""),                          # any site the platform does not run
    ("wikipedia.org.example.com", ""),                   # not a sub-domain of an own domain
    ("notwikipedia.org", ""),
    ("", ""),                                            # no project named
]


@pytest.fixture(autouse=True)
def _own_sites(settings):
    settings.RIGHTSDESK_OWN_SITES = OWN_SITES


@pytest.mark.parametrize("typed, published", PUBLISHED_PROJECT, ids=[t or "blank" for t, _p in PUBLISHED_PROJECT])
def test_an_item_is_published_with_its_project_only_when_the_platform_runs_it(decided_case, publish, typed, published):
    case = decided_case(outcome=c.Outcome.GRANTED, actions=[c.Action.REMOVE],
                        items=[{"url": "https://de.wikipedia.org/wiki/Beispiel", "project": typed,
                                "page_title": "Beispiel"}])
    notice = publish(case)
    [item] = notice.items.all()
    assert item.project == published
    assert notice.projects == ([published] if published else [])


def test_a_personal_site_is_named_by_no_public_view_of_the_notice(decided_case, publish, client):
    case = decided_case(outcome=c.Outcome.GRANTED, actions=[c.Action.REMOVE, c.Action.REMOVE],
                        content_ground=c.ContentGround.PRIVACY, parties=[PERSON],
                        items=[{"url": "https://de.wikipedia.org/wiki/Beispiel", "project": "de.wikipedia.org",
                                "page_title": "Beispiel"},
                               {"url": f"https://{HOST}/fotos/urlaub.jpg", "project": HOST, "page_title": "urlaub"}])
    notice = publish(case)
    assert "brennecke" not in notice.items.get(position=1).url.lower()  # the redaction review took it from the URL
    assert notice.projects == ["de.wikipedia.org"]
    views = {
        "notice page": client.get(f"/en/notices/{notice.public_id}/").content.decode(),
        "log": client.get("/en/notices/").content.decode(),
        "API": client.get(f"/api/v1/notices/{notice.public_id}").content.decode(),
        "search text": notice.search_text,
        "placeholders": json.dumps([placeholders.public_facts(i) for i in notice.items.all()]),
        "DSA statements": json.dumps(list(dsa.statements())),
        "Lumen": json.dumps(lumen.notice_json(notice)),
        "open data notices": json.dumps([*bulk_notices.notice_rows(), *bulk_notices.item_rows()], default=str),
    }
    assert {name: "brennecke" in body.lower() for name, body in views.items()} == dict.fromkeys(views, False)
    assert "de.wikipedia.org" in views["notice page"] and "de.wikipedia.org" in views["API"]


@pytest.mark.parametrize("project, title_names_it", [("de.wikipedia.org", True), (HOST, False), ("", False)])
def test_a_case_title_names_only_a_site_the_platform_runs(project, title_names_it):
    """The title reaches every staff role, and the public notice when the requester typed no subject."""
    from datetime import datetime, timezone

    from rightsdesk.cases.services import neutral_title

    title = neutral_title(c.Kind.CONTENT_TAKEDOWN, project, datetime(2026, 3, 2, tzinfo=timezone.utc))
    assert title == (f"Content alteration or takedown · {project} · 2026-03-02" if title_names_it
                     else "Content alteration or takedown · 2026-03-02")


def test_notices_published_before_are_rewritten_without_the_sites_the_platform_does_not_run(decided_case, publish):
    """Migrations cases 0015 and transparency 0014, run over a record published by the code before."""
    import importlib

    from django.apps import apps

    from rightsdesk.cases.models import Case
    from rightsdesk.transparency.models import PublicRecord, PublicRecordItem

    case = decided_case(outcome=c.Outcome.GRANTED, actions=[c.Action.REMOVE, c.Action.REMOVE],
                        items=[{"url": "https://de.wikipedia.org/wiki/Beispiel", "project": "de.wikipedia.org",
                                "page_title": "Beispiel"},
                               {"url": "https://de.wikipedia.org/wiki/Other", "project": HOST, "page_title": "Other"}])
    notice = publish(case)  # (the URL goes through the redaction review; the project did not)
    old_title = f"Content alteration or takedown · {HOST} · 2026-03-02"  # as the code before wrote them
    Case.objects.filter(pk=case.pk).update(subject=old_title)
    PublicRecord.objects.filter(pk=notice.pk).update(title=old_title, projects=["de.wikipedia.org", HOST],
                                                     search_text=f"{notice.search_text}\n{HOST}")
    PublicRecordItem.objects.filter(notice=notice, position=1).update(project=HOST)
    from rightsdesk.transparency import log_search

    log_search.index_notice(PublicRecord.objects.get(pk=notice.pk))
    assert "brennecke" in _indexed_text(notice)  # found by the host, as published before

    importlib.import_module("rightsdesk.cases.migrations.0015_titles_name_only_own_sites").forwards(apps, None)
    importlib.import_module("rightsdesk.transparency.migrations.0014_public_projects_only_own_sites").forwards(apps,
                                                                                                               None)
    record = PublicRecord.objects.get(pk=notice.pk)
    assert Case.objects.get(pk=case.pk).subject == "Content alteration or takedown · 2026-03-02"
    assert record.title == "Content alteration or takedown · 2026-03-02"
    assert record.projects == ["de.wikipedia.org"]
    assert [i.project for i in record.items.order_by("position")] == ["de.wikipedia.org", ""]
    assert "brennecke" not in record.search_text and "brennecke" not in _indexed_text(record)
    assert "Beispiel" in _indexed_text(record)


def _indexed_text(notice) -> str:
    """What the full-text index holds for the notice: SQLite's FTS row, PostgreSQL's column follows search_text."""
    from django.db import connection

    from rightsdesk.transparency import log_search
    from rightsdesk.transparency.models import PublicRecord

    record = PublicRecord.objects.get(pk=notice.pk)
    if connection.vendor != "sqlite":
        return record.search_text
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text FROM {log_search.FTS_TABLE} WHERE rowid = %s",
                       [log_search.FTS_BASE - record.sort_key])
        row = cursor.fetchone()
    return row[0] if row else ""
