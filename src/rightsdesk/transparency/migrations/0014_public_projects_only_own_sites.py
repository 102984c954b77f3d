"""Published records name a project only when the platform runs it (core.sites.own_host).

Notices published before named any host the requester typed, in their items, their projects, their title (the case's
neutral title when the requester gave none: "Kind · host · day") and the text the log's search finds them by. A
personal homepage names its owner, and none of these was put through the redaction review. Each is rewritten as a
notice published today would be; the search text is built again by ``publishing.search_text_of`` and, on SQLite, the
full-text row with it (PostgreSQL's search column follows the text itself).

Cases' titles are rewritten by cases 0015; a redaction review approved for a case whose title changed is void there
as after any change of its texts, and staff approve it again before it is published again.

The migration is frozen: what it needs of the app (``core.sites.own_host``, ``log_search``'s full-text table and
``publishing.search_text_of``) is copied below as it was when the migration was written (6 December 2026), not imported. A copy
is right in a migration: the app's code changes later, and this migration must still do what it did then
(tests/test_architecture.py checks that no migration imports the app's code).
"""

from django.conf import settings
from django.db import connection, migrations

# --- Frozen copies (6 December 2026) -------------------------------------------------------------------------------

#: log_search.FTS_TABLE and FTS_BASE: SQLite's full-text table, whose rowid is FTS_BASE - the record's sort_key.
FTS_TABLE = "transparency_notice_fts"
FTS_BASE = 10**15


def site_of(project: str) -> str:
    """core.sites.site_of: the host name of a project as typed (lower case, no scheme, port, path, trailing dot)."""
    text = (project or "").strip().lower()
    if "://" in text:
        text = text.split("://", 1)[1]
    return text.split("/", 1)[0].split(":", 1)[0].rstrip(".")


def own_host(project: str) -> str:
    """core.sites.own_host: the project's host when the platform runs it (settings.RIGHTSDESK_OWN_SITES), else ""."""
    host = site_of(project)
    own = [site_of(domain) for domain in settings.RIGHTSDESK_OWN_SITES if site_of(domain)]
    return host if host and any(host == domain or host.endswith("." + domain) for domain in own) else ""


def search_text_of(notice, items) -> str:
    """publishing.search_text_of: what the log's search finds a notice by."""
    return "\n".join(filter(None, [
        notice.public_id, notice.title, notice.body, notice.summary, notice.law_invoked, notice.sender_name,
        notice.principal_name, " ".join(notice.projects),
        *(f"{i.page_title} {i.url} {i.copyrighted_work}" for i in items),
    ]))


def forwards(apps, schema_editor):
    import importlib

    title_without_unrun_site = importlib.import_module(  # the rule of the cases' titles, one home
        "rightsdesk.cases.migrations.0015_titles_name_only_own_sites").title_without_unrun_site

    PublicRecord = apps.get_model("transparency", "PublicRecord")
    PublicRecordItem = apps.get_model("transparency", "PublicRecordItem")
    stray = [item.pk for item in PublicRecordItem.objects.exclude(project="").only("pk", "project").iterator(2000)
             if not own_host(item.project)]
    touched = set(PublicRecordItem.objects.filter(pk__in=stray).values_list("notice_id", flat=True))
    PublicRecordItem.objects.filter(pk__in=stray).update(project="")
    def own_projects(record) -> list[str]:  # as publishing writes them: the own hosts, sorted, once each
        return sorted({host for p in record.projects or [] if (host := own_host(p))})

    for record in PublicRecord.objects.only("pk", "projects", "title").iterator(2000):
        title_named_a_site = title_without_unrun_site(record.title) != record.title
        if own_projects(record) != list(record.projects or []) or title_named_a_site:
            touched.add(record.pk)
    for record in PublicRecord.objects.filter(pk__in=touched).iterator(500):
        record.projects = own_projects(record)
        record.title = title_without_unrun_site(record.title)
        if record.search_text:  # a withdrawn record keeps no text to search
            record.search_text = search_text_of(record, list(record.items.order_by("position")))
        record.save(update_fields=["projects", "title", "search_text"])
        if connection.vendor == "sqlite" and record.search_text:
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {FTS_TABLE} SET text = %s WHERE rowid = %s",
                               [record.search_text, FTS_BASE - record.sort_key])


class Migration(migrations.Migration):
    dependencies = [("transparency", "0013_search_index_buckets"), ("cases", "0015_titles_name_only_own_sites")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
