"""The demo configures the four inboxes and files realistic messages through receive_message, once."""

from __future__ import annotations

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.intake.models import MessageFromRequester
from rightsdesk.mail.demo import load_demo_mail
from rightsdesk.mail.models import InboundMessage, Inbox

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_inboxes_files_a_reply_and_can_run_twice(make_case):
    waiting = make_case(c.Kind.COPYRIGHT_NOTICE, state=c.State.AWAITING_INFORMATION)
    first = load_demo_mail(lambda line: None)
    assert sorted(Inbox.objects.values_list("name", flat=True)) == ["dmca", "emergency", "legal", "privacy"]
    assert Inbox.objects.get(name="legal").address == "legal@demo.invalid"
    assert [r.outcome for r in first] == ["new", "new", "new", "new", "new", "ignored", "filed"]
    forwarded = InboundMessage.objects.get(inbox__name="legal", message_id="<fwd-4417@demo.invalid>")
    assert forwarded.original_sender_email == "clerk@nysd.uscourts.example" and forwarded.attachments.count() == 1
    assert "根据法院" in InboundMessage.objects.get(message_id="<gb2312-demo@bjhdfy.example.cn>").body_text
    waiting.refresh_from_db()
    assert waiting.state == c.State.UNDER_REVIEW and MessageFromRequester.objects.filter(case=waiting).count() == 1
    count = InboundMessage.objects.count()
    again = load_demo_mail(lambda line: None)
    assert InboundMessage.objects.count() == count  # no case awaits information any more: nothing new
    assert [r.outcome for r in again] == ["duplicate"] * 6
