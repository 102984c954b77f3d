"""Delivery errors kept before the log mask took every address shape (a6c7ddcd) are masked by notices 0004.

The migration carries a frozen copy of the rule ``describe_error`` masks with (``core.logfilters.masked``), as
transparency 0017 does of its rule: the copy must mask as the app's rule does, on every shape either has masked.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from rightsdesk.cases import choices as c
from rightsdesk.core.logfilters import masked
from rightsdesk.notices.models import Notice
from tests.privacy.test_redaction import ADDRESSES_OF_EVERY_SHAPE, NOT_ADDRESSES

MIGRATION = importlib.import_module("rightsdesk.notices.migrations.0004_delivery_errors_masked")

#: (a delivery error as it was kept before a6c7ddcd, masked by the redactor's prose detector alone, what must go)
KEPT_BEFORE = [
    ("SMTPRecipientsRefused: {'someone@localhost': (550, b'5.1.1 Mailbox unavailable')}", "someone"),
    ("SMTPDataError: (550, '5.1.1 <erika@mailhost>: User unknown')", "erika"),
    ("SMTPDataError: (550, '5.1.1 erika@[[address]]: User unknown')", "erika"),  # only the address literal's IP went
    ("SMTPDataError: (550, '5.1.1 erika%40example.org: User unknown')", "erika"),
    ("SMTPDataError: (550, '5.1.1 <erika=[address]>: User unknown')", "erika"),  # the redactor left the local part
    ("SMTPDataError: (554, '5.7.1 URL https://rd.example.org/en/appeal/Secr3tAppealTok3n is on a blocklist')",
     "Secr3tAppealTok3n"),
    ("SMTPDataError: (554, '5.7.1 URL https://rd.example.org/ar/track/recover/Secr3tCode blocked')", "Secr3tCode"),
]
#: Every shape the app's rule or the copy has to judge: the errors above, addresses in prose and URLs, what only
#: looks like an address, IP addresses, obfuscated and quoted addresses, and text with nothing to mask.
SHAPES = [text for text, _ in KEPT_BEFORE] + [text for text, *_ in ADDRESSES_OF_EVERY_SHAPE] + NOT_ADDRESSES + [
    "SMTPRecipientsRefused: {'erika.private@example.org': (550, b'unknown')}",
    "550 5.1.1 <o'brien@example.org>: Recipient address rejected",
    "554 5.7.1 Client host [2001:db8::25] blocked", "554 5.7.1 Client host [203.0.113.25] blocked",
    "write to 'erika (at) example (dot) org'", "SMTPServerDisconnected: Connection unexpectedly closed",
    "NotDeliverable: The recipient has no e-mail address.", "", "[address]", "/track/[private]",
]


@pytest.mark.parametrize("text", SHAPES)
def test_the_migrations_frozen_copy_masks_as_the_apps_rule_does(text):
    assert MIGRATION.masked(text) == masked(text)


@pytest.mark.django_db
def test_delivery_errors_kept_before_the_rule_are_masked_and_the_rest_of_the_notice_is_unchanged(make_case):
    case = make_case(c.Kind.CONTENT_TAKEDOWN)
    notices = [Notice.objects.create(case=case, purpose=Notice.Purpose.DECISION, recipient_role=c.PartyRole.REQUESTER,
                                     subject="Your request", body="Text", status=Notice.Status.FAILED, attempts=3)
               for _ in KEPT_BEFORE]
    clean = Notice.objects.create(case=case, purpose=Notice.Purpose.DECISION, recipient_role=c.PartyRole.REQUESTER,
                                  subject="Your request", body="Text", status=Notice.Status.QUEUED)
    for notice, (error, _private) in zip(notices, KEPT_BEFORE):
        Notice.objects.filter(pk=notice.pk).update(last_error=error)  # as it was kept, unmasked
    Notice.objects.filter(pk=clean.pk).update(last_error="SMTPDataError: (550, '5.1.1 <[address]>: User unknown')")
    before = {n.pk: (n.updated_at, n.status, n.attempts, n.body) for n in Notice.objects.all()}

    class SchemaEditor:
        pass

    SchemaEditor.connection = connection
    MIGRATION.forwards(apps, SchemaEditor())
    for notice, (error, private) in zip(notices, KEPT_BEFORE):
        kept = Notice.objects.get(pk=notice.pk).last_error
        assert private not in kept and kept == masked(error), kept
        assert kept.startswith("SMTPDataError: (5") or kept.startswith("SMTPRecipientsRefused: {")
    assert Notice.objects.get(pk=clean.pk).last_error == "SMTPDataError: (550, '5.1.1 <[address]>: User unknown')"
    assert {n.pk: (n.updated_at, n.status, n.attempts, n.body) for n in Notice.objects.all()} == before
    MIGRATION.forwards(apps, SchemaEditor())  # again: masking a masked error changes nothing
    assert [Notice.objects.get(pk=n.pk).last_error for n in notices] == [masked(e) for e, _ in KEPT_BEFORE]
