"""The redaction queue and editor tell the truth and stay short (issue #14, minor defects)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided_takedown(make_case):
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.CLOSED, subject="Takedown of a paragraph",
                     description="Erika Mustermann asks to remove the paragraph about her.",
                     decision_summary="Refused: the paragraph is sourced and in the public interest.")
    Case.objects.filter(pk=case.pk).update(outcome=c.Outcome.REJECTED, decided_at=case.received_at,
                                           closed_at=case.received_at)
    return case


def test_the_queue_does_not_say_not_proposed_and_the_editor_previews_only_changed_fields(
        client, make_staff, verified_login, decided_takedown):
    verified_login(client, make_staff("legal approver"))

    queue = client.get(reverse("transparency:redaction-queue")).content.decode()
    assert decided_takedown.reference in queue
    assert "Not proposed yet" not in queue and "Awaiting review" in queue

    page = client.get(reverse("transparency:redaction-edit", args=[decided_takedown.reference])).content.decode()
    # The request names a person: its preview shows; the title and the reasons hide nothing and are folded away.
    assert page.count("Will be published as:") == 1
    assert page.count('<details class="redaction-field unchanged">') >= 2
    assert "nothing hidden: published as written" in page
    assert '<input type="text" id="id_phrase"' in page
