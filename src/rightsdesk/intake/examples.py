"""The request forms' examples: the generic ones (an address of a page, an e-mail address, a case number, a site) of
``core.examples``, and intake's own, the reference of a decision one appeals ("It looks like %(reference)s"), the case
rules' example (``cases.policy.reference_example``: the site's prefix), filled and isolated the same way.
"""

from __future__ import annotations

from django.utils.functional import lazy

from rightsdesk.cases.policy import reference_example
from rightsdesk.core import examples as generic
from rightsdesk.core.bidi import ltr_text


def examples() -> dict[str, str]:
    """Every example the request forms show by the name of its placeholder, as written (not isolated)."""
    return {"reference": reference_example(), **generic.examples()}


def fill_examples(message) -> str:
    """``message`` with its placeholders filled with the examples and the reference, isolated in a right-to-left
    language."""
    return generic.fill_examples(message, reference=ltr_text(reference_example()))


#: ``with_examples(gettext_lazy("It looks like %(reference)s …"))``: filled when it is read, in the reader's language.
with_examples = lazy(fill_examples, str)
