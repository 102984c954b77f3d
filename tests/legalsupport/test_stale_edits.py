"""Two members of the legal-support team with the same request open: the later save, sent from a page older than the
colleague's save of the same form, is refused (409) and changes nothing, instead of silently undoing it.

The budget and the message to the contributor were saved whatever the page had shown: a colleague's record of the
money spent went back to the old figure, and the message the contributor reads was replaced without anyone knowing.
Each form now carries the version of what it showed (``services.form_version``, ``core.versions``); refused, the
page shows the request as it is saved now and keeps what was typed in the form, with the version of now, so
sending it again (once put together) saves.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from rightsdesk.legalsupport import services
from rightsdesk.legalsupport.models import LegalSupportRequest

from .test_workflow import supported

pytestmark = pytest.mark.django_db

#: (the form, what the colleague saved meanwhile, what the later editor typed, what is stored in the end, what the
#: refused page shows as saved now)
STALE = [
    ("budget", lambda r, who: services.set_budget(r, who, committed="5000", spent="4200"),
     {"committed": "5000", "spent": "1000", "overspend_reason": ""},
     lambda r: (r.budget_committed, r.budget_spent) == (Decimal("5000.00"), Decimal("4200.00")), "4200.00"),
    ("message", lambda r, who: services.tell_requester(r, who, message="Your hearing is on 3 March."),
     {"message": "Your lawyer will call you on Monday."},
     lambda r: r.message_to_requester == "Your hearing is on 3 March.", "Your hearing is on 3 March."),
]


def _form(page: str, step: str, reference: str) -> str:
    action = reverse(f"legalsupport:{step}", args=[reference])
    return re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', page, re.S).group(0)


def _version(form: str) -> dict:
    """What a browser sends of the hidden version field the form carries (nothing, if it carries none)."""
    found = re.search(r'name="version" value="([^"]*)"', form) or re.search(r'value="([^"]*)" name="version"', form)
    return {"version": found.group(1)} if found else {}


@pytest.mark.parametrize(("step", "meanwhile", "typed", "stored", "shown_now"), STALE, ids=[s[0] for s in STALE])
def test_a_save_from_a_page_older_than_a_colleagues_save_is_refused_and_keeps_what_was_typed(
        filed, legal_staff, make_staff, verified_login, step, meanwhile, typed, stored, shown_now):
    r, _ = filed
    r = supported(r, legal_staff)
    client = Client()
    verified_login(client, legal_staff)
    page = client.get(reverse("legalsupport:staff_detail", args=[r.reference])).content.decode()
    seen = _version(_form(page, step, r.reference))
    meanwhile(LegalSupportRequest.objects.get(pk=r.pk), make_staff("legal support"))

    response = client.post(reverse(f"legalsupport:{step}", args=[r.reference]), {**typed, **seen})

    assert response.status_code == 409
    assert stored(LegalSupportRequest.objects.get(pk=r.pk)), "the colleague's save was undone"
    page = response.content.decode()
    assert 'id="error-summary"' in page and "Someone else saved" in page
    assert shown_now in page  # the request as it is saved now
    form = _form(page, step, r.reference)
    assert all(value in form for value in typed.values())  # what was typed is still in the form
    # Sent again from the refused page (put together), the form saves.
    again = client.post(reverse(f"legalsupport:{step}", args=[r.reference]), {**typed, **_version(form)})
    assert again.status_code == 302


@pytest.mark.parametrize("step", [s[0] for s in STALE])
def test_a_save_from_an_up_to_date_page_saves(filed, legal_staff, verified_login, step):
    r, _ = filed
    r = supported(r, legal_staff)
    client = Client()
    verified_login(client, legal_staff)
    page = client.get(reverse("legalsupport:staff_detail", args=[r.reference])).content.decode()
    typed = next(t for s, _m, t, _st, _sh in STALE if s == step)
    response = client.post(reverse(f"legalsupport:{step}", args=[r.reference]),
                           {**typed, **_version(_form(page, step, r.reference))})
    assert response.status_code == 302


#: The eligibility checklist, saved by a colleague meanwhile: (what they saved, what the later editor typed, what the
#: refused page shows as saved now). The checklist decides whether support can be granted at all.
STALE_CHECKLIST = [
    ({"good_faith": False, "threat_related": True, "country_risk": "high", "notes": "Edits were paid advocacy."},
     {"good_faith": "yes", "threat_related": "yes", "country_risk": "high", "notes": "Edits sourced."},
     "Edits were paid advocacy."),
    ({"good_faith": True, "threat_related": True, "country_risk": "elevated", "notes": ""},
     {"good_faith": "yes", "threat_related": "yes", "country_risk": "low", "notes": "Lawsuit threatened."},
     "Elevated"),
]


@pytest.mark.parametrize(("meanwhile", "typed", "shown_now"), STALE_CHECKLIST, ids=["notes", "country risk"])
def test_a_checklist_saved_from_a_page_older_than_a_colleagues_save_is_refused_and_keeps_what_was_typed(
        filed, legal_staff, make_staff, verified_login, meanwhile, typed, shown_now):
    r, _ = filed
    client = Client()
    verified_login(client, legal_staff)
    page = client.get(reverse("legalsupport:staff_detail", args=[r.reference])).content.decode()
    seen = _version(_form(page, "eligibility", r.reference))
    services.record_eligibility(LegalSupportRequest.objects.get(pk=r.pk), make_staff("legal support"), **meanwhile)
    saved = LegalSupportRequest.objects.get(pk=r.pk)

    response = client.post(reverse("legalsupport:eligibility", args=[r.reference]), {**typed, **seen})

    assert response.status_code == 409
    now = LegalSupportRequest.objects.get(pk=r.pk)
    assert (now.good_faith, now.country_risk, now.eligibility_notes) == (
        saved.good_faith, saved.country_risk, saved.eligibility_notes), "the colleague's checklist was overwritten"
    page = response.content.decode()
    assert 'id="error-summary"' in page and "Someone else saved" in page
    assert shown_now in page.split('id="eligibility"')[1].split("<form")[0]  # the checklist as saved now
    form = _form(page, "eligibility", r.reference)
    assert typed["notes"] in form  # what was typed is still in the form
    again = client.post(reverse("legalsupport:eligibility", args=[r.reference]), {**typed, **_version(form)})
    assert again.status_code == 302


def test_the_request_page_names_each_element_once(filed, legal_staff, verified_login):
    """The budget and message forms (and the checklist, before the decision) each carry a hidden version: not elements
    sharing one id (a page with duplicate ids is invalid HTML, and a label or an error link may lead to the wrong
    one)."""
    from collections import Counter

    r, _ = filed
    r = supported(r, legal_staff)
    client = Client()
    verified_login(client, legal_staff)
    page = client.get(reverse("legalsupport:staff_detail", args=[r.reference])).content.decode()
    assert page.count('name="version"') >= 2
    repeated = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', page)).items() if n > 1]
    assert not repeated, repeated
