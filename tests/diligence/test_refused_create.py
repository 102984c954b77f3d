"""A new assessment the form refuses answers 400 (as every refused form of the register and the workspace), with
nothing created and what was typed kept; it answered 200, as if the page had simply been opened, so a client, a
test or an assistive tool could not tell a refusal from a blank form.
"""

from __future__ import annotations

import pytest

from rightsdesk.diligence.models import Assessment

pytestmark = pytest.mark.django_db

GOOD = {"title": "Reporting form in Arabic", "subject": "Harm reports", "rights_at_stake": ["privacy"],
        "status": "draft", "assessed_on": "2026-03-01", "review_on": "2026-09-01"}

#: (what is wrong, what changes in the form, the field named, a typed word kept in the page)
REFUSED = [
    ("nothing typed", {k: "" for k in GOOD}, "Title", None),
    ("only spaces as title", {"title": "   "}, "Title", "Harm reports"),
    ("title one over 300", {"title": "ع" * 301}, "Title", "Harm reports"),
    ("review before assessment", {"review_on": "2026-01-01"}, "cannot be before", "Reporting form in Arabic"),
    ("a right that does not exist", {"rights_at_stake": ["nonsense"]}, "Rights at stake", "Reporting form in Arabic"),
    ("a date that does not exist", {"assessed_on": "2026-02-30"}, "Assessed on", "Reporting form in Arabic"),
]


@pytest.mark.parametrize(("changes", "named", "kept"), [row[1:] for row in REFUSED], ids=[row[0] for row in REFUSED])
def test_a_refused_new_assessment_answers_400_with_nothing_created(client, make_staff, changes, named, kept):
    client.force_login(make_staff("reviewer"))
    response = client.post("/en/staff/diligence/new/", {**GOOD, **changes})
    page = response.content.decode()
    assert response.status_code == 400 and Assessment.objects.count() == 0
    assert named in page.split('id="error-summary"')[1].split("</div>")[0]
    assert kept is None or kept in page


def test_a_title_of_300_characters_is_taken(client, make_staff):
    client.force_login(make_staff("reviewer"))
    response = client.post("/en/staff/diligence/new/", {**GOOD, "title": "ع" * 300})
    assert response.status_code == 302 and Assessment.objects.get().title == "ع" * 300
