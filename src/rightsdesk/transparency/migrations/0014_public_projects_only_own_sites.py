"""Published records name a project only when the platform runs it (core.sites.own_host).

Notices published before named any host the requester typed, in their items, their projects, their title (the case's
neutral title when the requester gave none: "Kind · host · day") and the text the log's search finds them by. A
personal homepage names its owner, and none of these was put through the redaction review. Each is rewritten as a
notice published today would be; the search text is built again by ``publishing.search_text_of`` and, on SQLite, the
full-text row with it (PostgreSQL's search column follows the text itself).

Cases' titles are rewritten by cases 0015; a redaction review approved for a case whose title changed is void there
as after any change of its texts, and staff approve it again before it is published again.
"""

from django.db import connection, migrations


def forwards(apps, schema_editor):
    import importlib

    from rightsdesk.core.sites import own_host
    from rightsdesk.transparency.log_search import FTS_BASE, FTS_TABLE
    from rightsdesk.transparency.publishing import search_text_of

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
