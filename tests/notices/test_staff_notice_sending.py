"""Staff approve and send a notice: the wording they approve is the wording sent, and the page tells the truth."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rightsdesk.notices import rendering, services
from rightsdesk.notices.models import Notice


@pytest.fixture
def decided(takedown, decide, staff):
    return decide(takedown(), staff["reviewer"])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_edited_text_is_what_approve_and_send_sends_and_the_page_then_says_sent(
        page, live_server, takedown, decide, staff, sign_in_browser, smtp, immediate_tasks):
    case = decide(takedown(), staff["reviewer"])
    notice = case.notices.get(purpose=Notice.Purpose.DECISION)
    assert rendering.DEADLINE_MARKER in notice.body
    sign_in_browser(staff["reviewer"])

    page.goto(f"{live_server.url}/en/staff/notices/{notice.pk}/")
    body = page.locator("#id_body")
    body.fill(body.input_value().replace("Kind regards", "Best wishes from the legal team") + "\nP.S. edited.\n")
    # One button saves the text on screen, then approves and sends exactly that text.
    page.get_by_role("button", name="Save, approve and send this text").click()
    expect(page.get_by_text("Notice approved and sent.")).to_be_visible()
    expect(page.locator(".facts .badge")).to_have_text("Sent")
    # Nothing invites a second send.
    expect(page.get_by_role("button", name="Retry delivery now")).to_have_count(0)
    expect(page.get_by_role("button", name="Cancel the notice")).to_have_count(0)

    sent = smtp.bodies()
    assert len(sent) == 1 and "P.S. edited." in sent[0]
    notice.refresh_from_db()
    # The stored text is the final text: the last day to appeal is written in, not a placeholder.
    assert "P.S. edited." in notice.body
    assert rendering.DEADLINE_MARKER not in notice.body
    assert "[the last day to appeal" not in page.locator("pre.notice-body").inner_text()


@pytest.mark.django_db
def test_an_approval_of_a_text_that_changed_since_is_refused_and_nothing_is_sent(decided, staff, client):
    notice = decided.notices.get(purpose=Notice.Purpose.DECISION)
    seen = services.text_version(notice)
    services.edit_notice(notice, staff["other"], subject=notice.subject, body=notice.body + "\nA colleague's change.")
    client.force_login(staff["reviewer"])
    response = client.post(f"/en/staff/notices/{notice.pk}/send/", {"version": seen}, follow=True)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.DRAFT and notice.approved_at is None
    assert "text changed after you opened the page" in response.content.decode()


@pytest.mark.django_db
def test_a_refused_edit_keeps_what_was_typed(decided, staff, client):
    notice = decided.notices.get(purpose=Notice.Purpose.DECISION)
    client.force_login(staff["reviewer"])
    response = client.post(f"/en/staff/notices/{notice.pk}/edit/",
                           {"subject": "", "body": "My carefully written new text.", "then": "send"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "My carefully written new text." in text and "Write a subject for the notice." in text
    assert '<input type="text" id="id_subject"' in text  # issue #14 defect 11: the field has its type (site styles)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.DRAFT and "carefully" not in notice.body


@pytest.mark.django_db
@pytest.mark.parametrize("then", ["save", "send"])
def test_an_edit_from_a_page_older_than_a_colleagues_change_saves_and_sends_nothing_and_keeps_both_texts(
        decided, staff, client, then):
    """Two staff open the same draft; one saves a change. The other's "Save changes" or "Save, approve and send"
    from the page opened before overwrote it silently, and sent the older wording."""
    notice = decided.notices.get(purpose=Notice.Purpose.DECISION)
    client.force_login(staff["reviewer"])
    page = client.get(f"/en/staff/notices/{notice.pk}/").content.decode()
    seen = services.text_version(notice)
    assert f'name="version" value="{seen}"' in page.split('id="id_body"')[0].rsplit("<form", 1)[1]
    services.edit_notice(notice, staff["other"], subject=notice.subject,
                         body=notice.body + "\nThe colleague's correction.")

    response = client.post(f"/en/staff/notices/{notice.pk}/edit/", {
        "subject": notice.subject, "body": notice.body + "\nMy change from the old page.", "then": then,
        "version": seen})

    assert response.status_code == 409
    notice.refresh_from_db()
    assert "The colleague's correction." in notice.body and "old page" not in notice.body
    assert notice.status == Notice.Status.DRAFT and notice.approved_at is None
    text = response.content.decode()
    assert "text changed after you opened the page" in text
    # What was typed stays in the box; the colleague's text is shown to compare with.
    assert "My change from the old page." in text.split('id="id_body"')[1]
    assert "The colleague&#x27;s correction." in text.split('id="id_body"')[0]
    # Sending the form again, once read, saves: the page now carries the version it shows.
    assert f'name="version" value="{services.text_version(notice)}"' in text
