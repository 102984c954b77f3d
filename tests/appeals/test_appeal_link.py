"""One appeal link per notice: a delivery tried again carries the link the earlier attempt carried.

An attempt can reach the person and still count as failed (the mail server took the message, then the connection
broke before it answered). The next attempt, scheduled or asked for by staff, sends the message again; the person
may keep the first e-mail, so its link must still open the appeal page. The token is kept in the clear nowhere:
the database holds its digest (what the link is looked up by) and, until the notice is sent, the token sealed with
the keys of the personal data so an attempt can write it again; no log line carries it.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest

from rightsdesk.notices import delivery
from rightsdesk.notices import services as notice_services
from rightsdesk.notices.models import Notice

pytestmark = pytest.mark.django_db


class AnswerLostNotifier:
    """Delivers every message, but the first ``lose`` attempts end in an error, as a broken connection would."""

    delivered: list[str] = []
    lose = 0

    def send(self, message) -> str:
        type(self).delivered.append(message.body)
        if len(type(self).delivered) <= type(self).lose:
            raise ConnectionResetError("the server took the message, then the connection broke")
        return ""


def _scheduled_retry(notice, staff):
    notice.refresh_from_db()
    delivery.send_due(now=notice.next_attempt_at + timedelta(seconds=1))


def _staff_retry(notice, staff):
    notice.refresh_from_db()
    notice_services.retry_notice(notice, staff["reviewer"])


@pytest.mark.parametrize("max_attempts, lost, again", [
    pytest.param(5, 1, [_scheduled_retry], id="first attempt's answer lost, the scheduled retry sends it again"),
    pytest.param(5, 2, [_scheduled_retry, _scheduled_retry], id="two answers lost, two scheduled retries"),
    pytest.param(1, 1, [_staff_retry], id="the only attempt's answer lost (failed), staff retry it"),
])
def test_every_e_mail_of_a_notice_carries_the_same_appeal_link_and_each_opens_the_appeal_page(
        takedown, decide, staff, immediate_tasks, settings, client, caplog, max_attempts, lost, again):
    settings.RIGHTSDESK_NOTIFIER = f"{__name__}.AnswerLostNotifier"
    settings.RIGHTSDESK_NOTICES = {"MAX_ATTEMPTS": max_attempts}
    AnswerLostNotifier.delivered, AnswerLostNotifier.lose = [], lost
    decided = decide(takedown(), staff["reviewer"])
    statement = decided.notices.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS).order_by("id").first()
    caplog.set_level(logging.DEBUG)

    notice_services.send_notice(statement, staff["reviewer"])
    for attempt in again:
        attempt(statement, staff)

    statement.refresh_from_db()
    assert statement.status == Notice.Status.SENT
    links = [re.search(r"http://[^/]+(/fr/appeal/\S+/)", body).group(1) for body in AnswerLostNotifier.delivered]
    assert len(links) == lost + 1 and len(set(links)) == 1, links  # the same link in every e-mail
    for link in links:
        assert client.get(link).status_code == 200
    token = links[0].split("/")[-2]
    stored = " ".join(str(v) for v in Notice.objects.filter(pk=statement.pk).values().get().values())
    assert token not in stored and statement.appeal_token_sealed == ""  # once sent, only the digest is kept
    assert token not in caplog.text


def test_a_key_rotation_between_two_attempts_keeps_the_link_of_the_first_e_mail(
        takedown, decide, staff, immediate_tasks, settings, client, monkeypatch):
    """``rightsdesk reencrypt`` re-seals the kept token with the new key and says the old key is no longer in use;
    the old key removed, the next attempt still writes the first e-mail's link (before, the sealed token was left
    under the old key, reencrypt said the key could go, and the link in the e-mail that arrived stopped working)."""
    import base64
    import hashlib
    import os
    from io import StringIO

    from django.core.management import call_command

    from rightsdesk.privacy import crypto

    old, new = (base64.b64encode(os.urandom(32)).decode() for _ in range(2))
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", old)
    settings.RIGHTSDESK_NOTIFIER = f"{__name__}.AnswerLostNotifier"
    settings.RIGHTSDESK_NOTICES = {"MAX_ATTEMPTS": 5}
    AnswerLostNotifier.delivered, AnswerLostNotifier.lose = [], 1
    decided = decide(takedown(), staff["reviewer"])
    statement = decided.notices.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS).order_by("id").first()
    notice_services.send_notice(statement, staff["reviewer"])  # reached the person, counted as failed
    statement.refresh_from_db()
    assert statement.status != Notice.Status.SENT and statement.appeal_token_sealed

    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", f"{new},{old}")
    dry = StringIO()
    call_command("reencrypt", "--dry-run", stdout=dry)
    old_id, new_id = (hashlib.sha256(base64.b64decode(key)).hexdigest()[:8] for key in (old, new))  # the keys' ids
    assert f"notices sealed links: 1, by key before: {old_id} 1" in dry.getvalue()
    report = StringIO()
    call_command("reencrypt", stdout=report)
    assert "sealed links re-encrypted: 1" in report.getvalue()
    assert f"keys {old_id} may be removed" in report.getvalue()
    statement.refresh_from_db()
    assert crypto.open_text(statement.appeal_token_sealed, delivery.APPEAL_TOKEN_PURPOSE)  # opens…
    assert f":{new_id}:" in statement.appeal_token_sealed and old_id not in statement.appeal_token_sealed  # …new key

    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", new)  # the old key removed, as the report allowed
    _scheduled_retry(statement, staff)
    statement.refresh_from_db()
    assert statement.status == Notice.Status.SENT
    links = [re.search(r"http://[^/]+(/fr/appeal/\S+/)", body).group(1) for body in AnswerLostNotifier.delivered]
    assert len(links) == 2 and links[0] == links[1], links
    assert client.get(links[0]).status_code == 200
