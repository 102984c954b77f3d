"""A message after a save ("Draft saved; …") is shown once: the site frame writes the messages at the top of every
page, and the crisis pages wrote them a second time in their own content."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from rightsdesk.crisis.models import Crisis

from .page_forms import draft_form

pytestmark = pytest.mark.django_db

#: The pages a save may lead back to (in the active language).
PAGES = {
    "the wording page": lambda crisis: reverse("crisis:wording", args=[timezone.localdate().year]),
    "the crisis's page": lambda crisis: reverse("crisis:detail", args=[crisis.pk]),
}


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("shown_on", list(PAGES))
def test_the_message_of_a_saved_draft_is_shown_once(people, make_staff, lang, shown_on):
    crisis = Crisis.objects.create(title="Election", kind="election", countries=["TR"],
                                   starts_on=timezone.localdate(), coordinator=people["safety"])
    browser = Client()
    browser.force_login(make_staff("legal approver", username="wording-editor"))
    with translation.override(lang):
        wording = reverse("crisis:wording", args=[timezone.localdate().year])
        action = reverse("crisis:wording_save", args=["crisis", crisis.pk])
        page = PAGES[shown_on](crisis)
        assert page.startswith(f"/{lang}/")
        assert browser.get(page).status_code == 200
        said = escape(translation.gettext("Draft saved; it is public only once a reviewer approves it."))
    form = draft_form(browser.get(wording).content.decode(), action)
    response = browser.post(action, {**form, "draft": "Wording for the report.", "action": "draft", "next": page},
                            follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == page
    assert html.count(said) == 1, f"shown {html.count(said)} times on {shown_on} in {lang}"


def test_only_the_site_frame_writes_the_messages():
    """One home: rightsdesk/base.html writes the messages above every page's content; a page that writes them again
    shows each twice."""
    from pathlib import Path

    import rightsdesk

    root = Path(rightsdesk.__file__).parent
    writers = sorted(str(p.relative_to(root)) for p in root.rglob("templates/**/*.html")
                     if " in messages %}" in p.read_text(encoding="utf-8"))
    assert writers == ["core/templates/rightsdesk/base.html"]
