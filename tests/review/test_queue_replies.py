"""Canned replies and reason templates: offered per kind and language, inserted with or without JavaScript."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from rightsdesk.cases import choices as c
from rightsdesk.review import replies
from rightsdesk.review.models import ReplyTemplate

pytestmark = pytest.mark.django_db


def test_a_case_is_offered_the_templates_of_its_kind_in_its_language_first(make_case):
    case = make_case(c.Kind.CONTENT_TAKEDOWN, language="de")
    german = ReplyTemplate.objects.create(title="Bitte präzisieren", kind=c.Kind.CONTENT_TAKEDOWN, language="de",
                                          body="Bitte nennen Sie die genaue Stelle.")
    neutral = ReplyTemplate.objects.create(title="Any kind", body="Please say which page.")
    ReplyTemplate.objects.create(title="Other kind", kind=c.Kind.USER_DATA_REQUEST, body="Send the court order.")
    ReplyTemplate.objects.create(title="Retired", body="Old text.", active=False)
    ReplyTemplate.objects.create(title="A reason", use=ReplyTemplate.Use.REASON, body="The content is lawful.")

    assert replies.templates_for(case, ReplyTemplate.Use.MESSAGE) == [german, neutral]
    assert replies.chosen(case, ReplyTemplate.Use.MESSAGE, str(german.pk)) == german.body
    assert replies.chosen(case, ReplyTemplate.Use.REASON, str(german.pk)) == ""  # a message is not a reason
    assert replies.chosen(case, ReplyTemplate.Use.MESSAGE, "x") == ""


def test_without_javascript_use_template_fills_the_message_box(client, make_case, make_staff, verified_login):
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW)
    template = ReplyTemplate.objects.create(title="Ask for the URL", body="Please send the exact address of the page.")
    verified_login(client, make_staff("reviewer"))
    url = reverse("review:case", args=[case.reference])

    page = client.get(url).content.decode()
    assert 'name="reply_message"' in page and f'value="{template.pk}"' in page and "Use template" in page

    page = html.unescape(client.get(url, {"reply_message": template.pk}).content.decode())
    assert 'name="body" rows="4" dir="auto">Please send the exact address of the page.</textarea>' in page


def test_in_arabic_a_canned_replys_language_code_is_kept_left_to_right_in_its_choice(client, make_case, make_staff,
                                                                                     verified_login):
    """A canned reply's choice names its language by its code, "Please clarify (es)": in an Arabic page the code and
    the title (in its own script) are isolated in the option's plain text (LRI … PDI, FSI … PDI)."""
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW, language="es")
    template = ReplyTemplate.objects.create(title="Por favor, precise", kind=c.Kind.CONTENT_TAKEDOWN, language="es",
                                            body="Indique la página exacta.")
    verified_login(client, make_staff("reviewer"))
    page = client.get(reverse("review:case", args=[case.reference]).replace("/en/", "/ar/")).content.decode()
    choices = page.split('name="reply_message"')[1].split("</select>")[0]
    option = re.search(rf'<option value="{template.pk}"[^>]*>(.*?)</option>', choices).group(1)
    assert option == "\u2068Por favor, precise\u2069 (\u2066es\u2069)", option
