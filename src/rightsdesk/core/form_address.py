"""The address a form posts to, opened as a page, leads to the page the form is on: never a bare 405.

A refused form's page stands at the address the form was sent to. Changing the language there (the switcher sends
the browser to the same address under the new prefix), reloading it, or opening a copied link asks that address for
a page; the view answers only a POST, and Django's answer is an empty 405 (Chromium: "HTTP ERROR 405", nothing else).

One rule for every form, staff and public: nothing is done; the visitor is led to the page the form is on
(:func:`page_of`) and told why in words (not for HEAD, which shows nothing). Applied to every GET or HEAD a view
answers 405: in the staff workspace and the admin by ``accounts.middleware.StaffSecurityMiddleware`` (someone signed
out is led there through the sign-in page; the admin's sign-out, /admin/logout/, a POST only since Django 5, leads to
the admin's index), everywhere else but the API by ``core.middleware.FormAddressMiddleware`` (the tracking page's
"add" and "withdraw": the tracking page).
"""

from __future__ import annotations

import inspect

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.html import format_html
from django.utils.translation import gettext as _

#: The attribute a view's declared page is kept in (``form_of``); ``functools.wraps`` of later decorators carries it.
FORM_PAGE = "rightsdesk_form_page"


def form_of(page):
    """Declare the page a POST-only view's form is on, where the address above it does not say it (the case page,
    at the form's place): ``page(**the view's URL arguments)`` gives its address."""

    def decorator(view):
        setattr(view, FORM_PAGE, page)
        return view

    return decorator


def only_posts(view) -> bool:
    """Whether ``view`` answers nothing but a POST: it is wrapped in Django's ``require_POST`` (or
    ``require_http_methods`` without GET), or is a class's view without ``get`` among its methods."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return "get" not in view_class.http_method_names
    while view is not None:
        try:
            methods = inspect.getclosurevars(view).nonlocals.get("request_method_list")
        except TypeError:  # not a plain function (a class's view): it says nothing
            methods = None
        if methods is not None:
            return "GET" not in methods
        view = getattr(view, "__wrapped__", None)
    return False


def page_of(request, top: str) -> str:
    """The page the form posting to ``request``'s address is on: what its view declares (``form_of``), else the
    nearest address above it that is a page (…/notices/7/send/ → …/notices/7/, /track/<token>/add/ →
    /track/<token>/), else ``top`` (the staff workspace's home, the site's)."""
    match = request.resolver_match
    declared = getattr(match.func, FORM_PAGE, None) if match else None
    if declared is not None:
        return declared(**match.kwargs)
    script = request.path.removesuffix(request.path_info)
    path = request.path_info
    while True:
        path = path.rstrip("/").rpartition("/")[0] + "/"
        if path.count("/") < 3:  # the language's own address, or above it: the part of the site's home
            return top
        try:
            found = resolve(path)
        except Resolver404:
            continue
        if not only_posts(found.func):
            return script + path


#: Where a page led to from a form's address lands: the top of its main content, where the words are said (a page
#: at the form's place had them above the view, under the header, on a phone).
SAID_AT = "main"


def lead_to_page(request, top: str) -> str:
    """The page to lead ``request``, a GET or HEAD of a form's address, to: the page the form is on (``top``: as for
    :func:`page_of`); for a GET, at its main content, where the reason is said in words, which lead on to the form's
    place on the page when it has one."""
    page = page_of(request, top)
    if request.method != "GET":
        return page
    # At the top of the page: a page that places its messages by the form (the case page's "at-<anchor>") shows
    # them only where that form is shown, and the form may not be (the emergency record, the laws panel).
    address, _hash, place = page.partition("#")
    said = _("That address is where a form is sent, not a page, so nothing was done: here is the page the form is on.")
    messages.info(request, format_html('<a href="#{}">{}</a>', place, said) if place else said)
    return f"{address}#{SAID_AT}"


def led_to_page(request, top: str):
    """The answer to such a request: a redirect to :func:`lead_to_page`'s page."""
    return redirect(lead_to_page(request, top))
