"""The benchmark's generated rows are what the application writes: ciphertexts that decrypt, neutral titles, and
public records with the fields ``publishing.publish`` fills."""

from __future__ import annotations

import pytest
from django.db import connection

from rightsdesk.cases import choices as c
from rightsdesk.cases import policy

# transaction=True: the generator sets SQLite pragmas, which SQLite refuses inside a transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def generated():
    from bench import datagen

    return datagen.generate(80, seed=3)


def _models():
    from rightsdesk.cases.models import Case, Party, TargetItem

    return {"Case": Case, "Party": Party, "TargetItem": TargetItem}


def test_every_encrypted_column_holds_a_ciphertext_that_the_orm_decrypts(generated):
    from rightsdesk.privacy import crypto

    filled = set()
    for name, fields in policy.PERSONAL_FIELDS.items():
        model = _models()[name]
        with connection.cursor() as cursor:
            for field in sorted(fields):
                column = model._meta.get_field(field).column
                cursor.execute(f'SELECT "{column}" FROM "{model._meta.db_table}"')
                stored = [value for (value,) in cursor.fetchall()]
                assert all(value == "" or crypto.is_encrypted(value) for value in stored), (name, field)
                read = list(model.objects.values_list(field, flat=True))
                assert not any(crypto.is_encrypted(value) for value in read), (name, field)
                if any(read):
                    filled.add(f"{name}.{field}")
    assert {"Case.requester_subject", "Case.description", "Case.decision_summary", "Case.requester_organisation",
            "Party.name", "Party.organisation", "Party.email", "TargetItem.url", "TargetItem.page_title",
            "TargetItem.account_name", "TargetItem.copyrighted_work", "TargetItem.ground",
            "TargetItem.reason"} <= filled


def test_the_subject_is_the_neutral_title_and_what_was_typed_is_private(generated):
    from rightsdesk.cases.models import Case
    from rightsdesk.cases.services import neutral_title

    cases = list(Case.objects.prefetch_related("items"))
    assert len(cases) == 80
    for case in cases:
        project = next((item.project for item in case.items.all() if item.project), "")
        assert case.subject == neutral_title(case.kind, project, case.received_at)
        assert case.requester_subject and case.requester_subject != case.subject
    copyright_case = next(case for case in cases if case.kind == c.Kind.COPYRIGHT_NOTICE)
    assert copyright_case.requester_subject.startswith("DMCA notice: ")
    assert copyright_case.description and copyright_case.parties.first().email.endswith("@agent.example")


def test_public_records_carry_the_fields_publish_fills(generated):
    from rightsdesk.cases.models import TargetItem
    from rightsdesk.transparency.models import PublicRecordItem, PublicRecord

    notices = list(PublicRecord.objects.select_related("case"))
    assert notices
    for notice in notices:
        case = notice.case
        assert notice.listed and notice.is_public and notice.kind in policy.PUBLISHABLE_KINDS
        assert notice.title == case.requester_subject
        assert (notice.source, notice.decision_ground, notice.automated_decision, notice.dsa_category,
                notice.trusted_flagger) == (case.source, case.decision_ground, case.automated_decision,
                                            case.dsa_category, case.trusted_flagger)
        assert notice.source and notice.automated_decision
    items = list(PublicRecordItem.objects.select_related("notice"))
    assert items and any(item.ground for item in items)
    for published in items:
        reference, item_id = published.puid.rsplit("-", 1)
        assert reference == published.notice.public_id
        item = TargetItem.objects.get(pk=int(item_id), case_id=published.notice.case_id)
        assert (published.url, published.page_title, published.ground, published.reason) == (
            item.url, item.page_title, item.ground, item.reason)


def test_the_generated_rows_are_on_disk_before_anything_is_measured(monkeypatch):
    """Left to the kernel, a million cases' gigabytes were written back during the first measure after them, which
    then paid for the generator's writes (docs/performance.md, "Tracking links in time order")."""
    from bench import datagen

    synced = []
    monkeypatch.setattr(datagen.os, "sync", lambda: synced.append(connection.in_atomic_block))
    datagen.generate(20, seed=4)
    assert synced == [False]  # once, after the last rows were committed


def test_a_generated_notice_is_searched_by_the_text_publishing_would_index(generated):
    """The search benchmark measures the log the application writes: each notice's search text is what
    ``publishing.search_text_of`` makes of the stored record and its items (folded as the index holds it)."""
    from rightsdesk.transparency.models import PublicRecord
    from rightsdesk.transparency.publishing import search_text_of

    notices = list(PublicRecord.objects.prefetch_related("items"))
    assert notices
    for notice in notices:
        assert notice.search_text == search_text_of(notice, notice.items.order_by("position")), notice.public_id
