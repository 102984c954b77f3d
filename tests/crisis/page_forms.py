"""The fields of a page's forms, as a browser would send them, for tests that load a form and send it later."""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    """The fields of every form of a page, by the form's action: {action: [{name: value}, ...]}."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: dict[str, list[dict]] = {}
        self._form: dict | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {}
            self.forms.setdefault(a.get("action", ""), []).append(self._form)
        elif self._form is not None and tag == "input" and a.get("name"):
            self._form[a["name"]] = a.get("value", "")
        elif self._form is not None and tag == "textarea":
            self._textarea = a["name"]
            self._form[self._textarea] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None


def forms_to(html: str, action: str) -> list[dict]:
    """The fields of each form of ``html`` that posts to ``action``."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms.get(action, [])


def form_with(html: str, action: str, field: str) -> dict:
    """The fields of the one form posting to ``action`` that has ``field``."""
    forms = [f for f in forms_to(html, action) if field in f]
    assert len(forms) == 1, f"one form with {field} for {action}"
    return forms[0]


def draft_form(html: str, action: str) -> dict:
    """The public wording's draft form (the one with the ``draft`` box) that posts to ``action``."""
    return form_with(html, action, "draft")
