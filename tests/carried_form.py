"""A page's form as the browser holds it (what each field shows) and the language switcher's buttons, for the tests
of a change of language that keeps a half-filled form (rightsdesk/core/carry_language.py)."""

from __future__ import annotations

from html.parser import HTMLParser

#: The switcher's buttons' name and the carried form's id (rightsdesk/core/carry_language.py: FIELD, FORM_ID), written
#: out so the tests read the page as a browser does.
FIELD = "carry_language"
FORM_ID = "carried-form"


class _Page(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.fields: dict[str, list[str]] = {}
        self.text_fields: list[str] = []  # every field a person types into
        self.switch_buttons: dict[str, str] = {}  # language -> formaction, of buttons of the form
        self.has_form = False
        self.options: dict[str, list[str]] = {}  # select -> every option's value
        self.boxes: list[str] = []  # every checkbox
        self._inside = False
        self._textarea = None
        self._select = None

    def _add(self, name, value):
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self._inside = self.has_form = True
        elif tag == "button" and a.get("name") == FIELD and a.get("form") == self.form_id:
            self.switch_buttons[a["value"]] = a.get("formaction", "")
        if not self._inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                self.boxes.append(a["name"])
                if "checked" in a:
                    self._add(a["name"], a.get("value", "on"))
            elif kind not in ("file", "submit", "button"):
                self._add(a["name"], a.get("value", ""))
                if kind != "hidden":
                    self.text_fields.append(a["name"])
        elif tag == "textarea":
            self._textarea = a["name"]
            self.text_fields.append(a["name"])
            self._add(self._textarea, "")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select:
            self.options.setdefault(self._select, []).append(a.get("value", ""))
            if "selected" in a:
                self._add(self._select, a.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def carried_form(html: str) -> _Page:
    """The page's form whose words a change of language carries: ``fields`` (name -> values shown: the text typed,
    the options selected, the boxes ticked), ``switch_buttons`` (language -> the address the button posts to)."""
    page = _Page(FORM_ID)
    page.feed(html)
    return page


def typed_into(page: _Page, skip=("website",)) -> dict:
    """What a person fills the whole form with: words (in two scripts) in every text field, an option chosen in every
    list, every box ticked; the hidden fields as the page gave them."""
    data = {name: values[0] for name, values in page.fields.items()}
    for name in page.text_fields:
        if name not in skip:
            data[name] = f"typed into {name} — كُتب في {name}"
    for name, values in page.options.items():
        data[name] = [v for v in values if v][-1]
    for name in page.boxes:
        data[name] = "on"
    return data


def without_newline(values: list[str]) -> list[str]:
    """A textarea's value as the browser reads it: Django writes a newline after the opening tag."""
    return [v[1:] if v.startswith("\n") else v for v in values]


def switched_to_arabic(client, path: str):
    """Half-fill the English page's carried form at ``path``, press the switcher's Arabic button, and check what
    every carried form must do: the page comes back in Arabic (right to left) with every field as typed, checked for
    nothing (no error, no summary), and the language remembered in Django's cookie. Returns what was typed and the
    answer, for each form's own checks (nothing filed, the token still good)."""
    from django.conf import settings

    page = carried_form(client.get("/en" + path).content.decode())
    assert page.has_form and page.switch_buttons["ar"] == "/ar" + path  # the switcher posts the form, to Arabic
    typed = typed_into(page)
    response = client.post("/ar" + path, {**typed, FIELD: "ar"})
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="ar" dir="rtl"' in html
    shown = carried_form(html).fields
    for name, value in typed.items():
        if name != "csrfmiddlewaretoken":  # masked anew on every page
            assert without_newline(shown[name]) == [value], name
    assert "error-summary" not in html and "errorlist" not in html and "aria-invalid" not in html  # not checked
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    return typed, response
