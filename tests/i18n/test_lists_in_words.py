"""A list shown to people is joined by the reader's language (core.lists), not by a comma written in a template.

"Germany, France" on an Arabic page should read "ألمانيا وفرنسا". Templates join such lists with ``|and_list`` or
``|or_list``; ``|join:", "`` is left only for codes read left to right (project domains, ISO codes in a
``dir="ltr"`` cell), which no language writes differently.
"""

import re
from pathlib import Path

import rightsdesk

TEMPLATES = Path(rightsdesk.__file__).parent
JOIN = re.compile(r'\{\{\s*([\w.]+)\|join:"(?:, |; )"')


def _joins_for_people():
    for path in sorted(TEMPLATES.rglob("templates/**/*.html")):
        text = path.read_text()
        for match in JOIN.finditer(text):
            variable = match.group(1)
            before = text[max(0, match.start() - 40):match.start()]
            if variable.endswith("projects") or 'dir="ltr"' in before:
                continue
            line = text.count("\n", 0, match.start()) + 1
            yield f"{path.relative_to(TEMPLATES)}:{line}: {match.group(0)}"


def test_no_template_joins_a_list_for_people_with_a_comma_or_semicolon():
    found = list(_joins_for_people())
    assert not found, ("Join these with |and_list or |or_list ({% load lists %}), so each language joins them its "
                       "own way:\n" + "\n".join(found))
