"""The examples a message shows a person (an address of a page, an e-mail address, a case number, a project's site),
each written once, here, and filled into its message by code, in every app (the request forms, the staff's pages and
the errors of the services).

A message says "like %(email)s" rather than holding the example itself: a translator cannot change, translate or
reorder the example (it must stay what a person types), and in Arabic, Persian and Urdu it is isolated left to right
(LRI … PDI, :func:`core.bidi.ltr_text`), so its dots, dashes and slashes keep their order among the right-to-left
words. Plain text: it reads the same in a field's help, an error on the page and a message of the API. The example of
a case's reference is the case rules' (``cases.policy.reference_example``, filled by ``intake.examples``); this module
imports nothing of rightsdesk but ``core.bidi``.
"""

from __future__ import annotations

from django.utils.functional import lazy

from rightsdesk.core.bidi import ltr_text

#: The address of a page a person points us to (the form of a wiki's article).
URL_EXAMPLE = "https://en.wikipedia.org/wiki/Example"
#: An e-mail address (example.org is reserved for examples, RFC 2606).
EMAIL_EXAMPLE = "name@example.org"
#: A project's site (a project named on a form: legal support's, an item's, a crisis's, an account action's).
SITE_EXAMPLE = "ar.wikipedia.org"
#: The number of a court's or an authority's case, as an official might write it in a request's title.
CASE_NUMBER_EXAMPLE = "24-1234"


def examples() -> dict[str, str]:
    """Every example by the name of its placeholder, as written (not isolated)."""
    return {"url": URL_EXAMPLE, "email": EMAIL_EXAMPLE, "case_number": CASE_NUMBER_EXAMPLE, "site": SITE_EXAMPLE}


def isolated_examples() -> dict[str, str]:
    """Every example by the name of its placeholder, isolated left to right in a right-to-left language (what a
    template fills in: ``{% blocktranslate with site=examples.site %}…{{ site }}…{% endblocktranslate %}``)."""
    return {name: ltr_text(value) for name, value in examples().items()}


def fill_examples(message, **values) -> str:
    """``message`` (in the reader's language) with its placeholders filled with the examples, isolated in a
    right-to-left language, and with ``values`` (its other placeholders, as given: the caller isolates them)."""
    return str(message) % {**isolated_examples(), **values}


#: ``with_examples(gettext_lazy("Enter a valid e-mail address, like %(email)s."))``: the message in the reader's
#: language, its placeholders filled with the examples (isolated in a right-to-left language), when it is read, not
#: when imported.
with_examples = lazy(fill_examples, str)
