"""A refused form is answered by one error summary on every page: it says nothing was saved, lists what to fix with
each problem a link to its field, and takes the focus so keyboard and screen-reader users start there.

The summary was written out in some twenty templates and had drifted: five headings ("Nothing was saved. Please
correct the fields marked below.", "Please correct the fields marked below.", …), some with links to the fields and
some without, three ways of taking the focus and some none. Its one home is ``rightsdesk/_error_summary.html``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django import forms
from django.template import Context, Template

from rightsdesk.core.errors import DomainError

SOURCE = Path(__file__).resolve().parents[2] / "src" / "rightsdesk"
HOME = SOURCE / "core" / "templates" / "rightsdesk" / "_error_summary.html"


def test_no_template_but_the_one_home_writes_an_error_summary():
    """A box of errors (role="alert") anywhere else is a copy that will drift again."""
    copies = []
    for template in SOURCE.glob("*/templates/**/*.html"):
        if template == HOME:
            continue
        for box in re.findall(r"<div[^>]*>", template.read_text(encoding="utf-8")):
            if "error-summary" in box and 'role="alert"' in box:
                copies.append(str(template.relative_to(SOURCE)))
    assert copies == []


class _Form(forms.Form):
    title = forms.CharField(label="Name")
    date = forms.DateField(label="Date")

    def clean(self):
        raise forms.ValidationError("The two do not go together.")


def render(**context) -> str:
    return Template('{% include "rightsdesk/_error_summary.html" %}').render(Context(context))


def _links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="#([^"]*)">([^<]*)</a>', html)


@pytest.mark.parametrize("context, links, plain", [
    # A Django form: each field's error links to its input and names the field; the form's own error is listed.
    (lambda: {"form": _Form({"date": "tomorrow"})},
     [("id_title", "Name: This field is required."), ("id_date", "Date: Enter a valid date.")],
     ["The two do not go together."]),
    # A refusal of the rules that names a field, on a page whose ids have their own prefix.
    (lambda: {"error": DomainError("Give the crisis a name.", field="title"), "anchor": "c-"},
     [("c-title", "Give the crisis a name.")], []),
    # A refusal that names no field: listed, not linked.
    (lambda: {"error": DomainError("This crisis has ended.")}, [], ["This crisis has ended."]),
    # A refusal linked to the part of the page whose form failed.
    (lambda: {"error": "Type the reference of the case.", "target": "file"},
     [("file", "Type the reference of the case.")], []),
    # {field: message}, from a page that checks its fields itself.
    (lambda: {"errors": {"date": "Year-month-day, e.g. 2026-12-24."}},
     [("id_date", "Year-month-day, e.g. 2026-12-24.")], []),
])
def test_the_summary_lists_every_problem_each_one_linked_to_its_field(context, links, plain):
    html = render(**context())
    assert "Nothing was saved: please correct this" in html
    assert _links(html) == links
    for message in plain:
        assert f"<li>{message}</li>" in html


def test_the_summary_takes_the_focus_and_is_announced():
    html = render(error=DomainError("x"))
    box = re.search(r"<div[^>]*>", html).group(0)
    for attribute in ('role="alert"', 'tabindex="-1"', "autofocus", "data-error-summary", 'id="error-summary"',
                      'aria-labelledby="error-summary-title"'):
        assert attribute in box
    assert '<h2 id="error-summary-title">' in html
    assert '<h3 id="error-summary-title">' in render(error=DomainError("x"), level=3)


def test_on_a_one_line_search_form_the_field_in_error_keeps_the_focus():
    """The report's date range: the field to correct has the focus (its own autofocus), the summary does not take it."""
    box = re.search(r"<div[^>]*>", render(error=DomainError("x"), focus="field")).group(0)
    assert 'role="alert"' in box and "autofocus" not in box and "data-error-summary" not in box


def test_a_page_with_nothing_refused_shows_no_summary():
    assert render(form=_Form()).strip() == "" and render().strip() == ""


def test_other_words_where_the_form_does_not_save():
    html = render(error=DomainError("x"), heading="Please correct the search", lead="Nothing was sent yet.")
    assert "Please correct the search" in html and "<p>Nothing was sent yet.</p>" in html
    assert "Nothing was saved" not in html


@pytest.mark.parametrize("roles, url, posted, field_id", [
    (["administrator"], "/en/staff/clocks/rules/new/", {}, "id_name"),
    (["administrator"], "/en/staff/clocks/closures/", {"date": "24.12.2026"}, "id_date"),
    (["reviewer"], "/en/staff/laws/instruments/new/", {"key": ""}, "id_key"),
    (["reviewer"], "/en/staff/diligence/new/", {"title": ""}, "id_title"),
    (["legal approver", "reviewer"], "/en/staff/crises/new/", {}, "c-title"),
])
def test_a_refused_staff_form_answers_with_the_one_summary_linked_to_the_field(client, make_staff, roles, url,
                                                                               posted, field_id):
    client.force_login(make_staff(*roles))
    html = client.post(url, posted).content.decode()
    summary = html[html.index('id="error-summary"'):]
    summary = summary[:summary.index("</div>")]
    assert "Nothing was saved: please correct this" in summary
    assert f'<a href="#{field_id}">' in summary
    assert f'id="{field_id}"' in html
