"""Changing the language of a page whose form is half filled keeps what was typed, with or without JavaScript.

On a page with such a form (a request form, legal support's, an appeal: the form carries the id :data:`FORM_ID`
and the view puts :func:`switcher` in the page's context) the language switcher is a list of submit buttons of that
form (``rightsdesk/_language_switcher.html``): each posts the form's fields, ``formnovalidate``, to the same page
under the other language's prefix, with :data:`FIELD` naming the language. The page's view sees the post
(:func:`asked`), and shows the form again in the new language holding what was typed: not checked
(:func:`unchecked`: no error message for a form the person did not mean to send), nothing filed, the one-time form
token (``core.form_once``) neither claimed nor changed. The answer remembers the language as the switcher's own
view does (:func:`answered`: Django's language cookie), so the next pages stay in it. Files are not carried (no page
can fill a file field): the form says so at its file field (``intake.forms.say_files_not_carried``).

The words go to our server and straight back into the page; nothing is stored, logged or kept in the browser.
"""

from __future__ import annotations

from django.conf import settings
from django.forms.utils import ErrorDict
from django.utils.translation import get_language

#: The name (and value: the language's code) of the switcher's buttons on a page whose form is carried.
FIELD = "carry_language"
#: The id of the form whose words a change of language carries: one such form per page.
FORM_ID = "carried-form"


def asked(request) -> bool:
    """True for a post made by the language switcher of a page whose form is carried (the button of one of our
    languages), not by the form's own button: the view shows the form again and does nothing else."""
    if request.method != "POST":
        return False
    return request.POST.get(FIELD, "") in {code for code, _name in settings.LANGUAGES}


def unchecked(form):
    """The bound form shown again as it was typed, without checking it: no error, no error summary."""
    form._errors = ErrorDict()  # Django's own mark of a form already checked, here with nothing wrong
    return form


def switcher(shown: bool = True) -> dict:
    """The page's context for the language switcher: the id of the form a change of language carries (none when
    the page shows no such form, and the switcher is the plain one)."""
    return {"carry_form": FORM_ID if shown else ""}


def answered(request, response):
    """The page's answer; to the switcher's post (:func:`asked`), the page in the new language, which is remembered
    as the switcher's own view (Django's set_language) remembers it: the next pages, and the site's address without
    a language, stay in it."""
    if not asked(request):
        return response
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, get_language(), max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response
