"""Every address a staff form posts to, opened as a page, answers in words: never the browser's bare "HTTP ERROR 405".

A refused form's page stands at the address the form was sent to; changing the language there (the switcher sends
the browser to that address under the new prefix), reloading, or opening a copied link asks it for a page. The table
is every POST-only pattern of the staff workspace, read from the URL configuration (a new form is in it without
anyone adding it), with the world fixture's objects filled in as the access table does.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from rightsdesk.core.form_address import only_posts

from . import access_table as t
from .test_authorization import build_url

pytestmark = pytest.mark.django_db

SAID = "That address is where a form is sent, not a page, so nothing was done: here is the page the form is on."


def post_only_patterns() -> list[tuple[str, URLPattern, str]]:
    """(name, pattern, route) of every URL pattern that answers only a POST, read from the URL configuration, so a
    new form is in the tables below without anyone adding it."""
    found = []

    def walk(resolver, prefix, namespace):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                walk(p, prefix + str(p.pattern), ":".join(x for x in (namespace, p.namespace) if x))
            elif isinstance(p, URLPattern) and only_posts(p.callback):
                found.append((f"{namespace}:{p.name}", p, prefix + str(p.pattern)))

    with translation.override("en"):
        walk(get_resolver(), "", "")
    return found


def staff_form_addresses() -> list[tuple[str, str]]:
    """(name, route) of every pattern of the staff workspace (under /<language>/staff/) that answers only a POST."""
    return [(name, route) for name, _p, route in post_only_patterns() if route.split("/")[1:2] == ["staff"]]


FORM_ADDRESSES = staff_form_addresses()


def test_the_table_holds_the_forms_of_every_part_of_the_workspace():
    """The table is read from the URL configuration: the forms named in the complaint are in it."""
    names = {name for name, _route in FORM_ADDRESSES}
    assert {"review:note", "review:bulk", "review:save_filter", "mail:file", "clocks:extend", "preservation:release",
            "laws:confirm", "accountactions:sign", "legalsupport:decide", "crisis:end", "diligence:add_risk",
            "notices:send", "accounts:logout"} <= names


def test_every_staff_form_address_opened_as_a_page_leads_in_words_to_the_page_the_form_is_on(world, django_user_model):
    """Signed in with every permission (each address is asked as a page, not refused for a missing one), in Arabic:
    the language the address is opened in is the page's."""
    user = django_user_model.objects.create_superuser("everything", "everything@staff.invalid", "pw")
    problems = []
    for name, route in FORM_ADDRESSES:
        client = Client()
        client.force_login(user)
        url = build_url({"key": name, "route": route, "kwargs": t.PATTERNS[name].kwargs}, world).replace("/en/",
                                                                                                        "/ar/", 1)
        opened = client.get(url)
        if opened.status_code != 302:
            problems.append(f"{name} {url}: {opened.status_code}")
            continue
        page = client.get(opened["Location"].split("#")[0], follow=True)
        with translation.override("ar"):
            said = translation.gettext(SAID)
        if page.status_code != 200 or said not in page.content.decode():
            problems.append(f"{name} {url} -> {opened['Location']}: {page.status_code}, the words not shown")
    assert not problems, "\n".join(problems)


# --- The public side: the same rule for every form a requester sends -------------------------------------------------


def public_form_addresses() -> list[tuple[str, URLPattern, str]]:
    """(name, pattern, route) of every pattern outside the staff workspace, the admin and the API that answers only a
    POST."""
    return [(name, p, route) for name, p, route in post_only_patterns()
            if route.split("/")[1:2] != ["staff"] and not route.startswith(("admin/", "api/"))]


PUBLIC_FORM_ADDRESSES = public_form_addresses()


def test_the_public_table_holds_the_tracking_pages_forms():
    assert {"intake:track_add", "intake:track_withdraw"} <= {name for name, _p, _r in PUBLIC_FORM_ADDRESSES}


@pytest.fixture
def public_arguments(make_case):
    """A value for each URL argument a public form's address takes: a new argument fails the test, naming it."""
    from rightsdesk.cases.services import issue_tracking_token

    case = make_case()
    return {"token": issue_tracking_token(case)}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_public_form_address_opened_as_a_page_leads_in_words_to_the_page_the_form_is_on(client, language,
                                                                                               public_arguments):
    """A requester who reloads after a refused form, changes language there, or opens a copied link is led, in the
    page's language, to the page the form is on (for the tracking page's forms: the tracking page), never a bare 405;
    nothing is done, and the answer is not kept by any cache (its address holds the private link)."""
    problems = []
    for name, pattern, _route in PUBLIC_FORM_ADDRESSES:
        missing = set(pattern.pattern.converters) - set(public_arguments)
        assert not missing, f"{name}: give the test a value for {missing}"
        with translation.override(language):
            url = reverse(name, kwargs={k: public_arguments[k] for k in pattern.pattern.converters})
            said = translation.gettext(SAID)
        opened = client.get(url)
        if opened.status_code != 302:
            problems.append(f"{name} {url}: {opened.status_code}")
            continue
        page_url = opened["Location"]
        page = client.get(page_url)
        if page.status_code != 200 or said not in page.content.decode() or not page_url.startswith(f"/{language}/"):
            problems.append(f"{name} {url} -> {page_url}: {page.status_code}, the words not shown")
        if not opened.get("Cache-Control", "").startswith("no-store"):
            problems.append(f"{name}: the answer may be cached")
        if client.head(url).status_code != 302:
            problems.append(f"{name}: HEAD not led to the page")
    assert not problems, "\n".join(problems)


def test_a_tracking_form_address_opened_as_a_page_leads_to_its_own_tracking_page(client, public_arguments):
    token = public_arguments["token"]
    for action in ("add", "withdraw"):
        # At the page's main content, where the words are said (core.form_address.SAID_AT).
        assert client.get(f"/en/track/{token}/{action}/")["Location"] == f"/en/track/{token}/#main"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_admins_sign_out_opened_as_a_page_leads_in_words_to_the_admins_index(django_user_model, language):
    """Django's admin signs out only by a POST: /admin/logout/ opened as a page (a bookmark, a typed address) answered
    a bare 405. It leads to the admin's index, signed in still, with the words in the reader's language."""
    user = django_user_model.objects.create_superuser("administrator", "administrator@staff.invalid", "pw")
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    opened = client.get("/admin/logout/")
    assert opened.status_code == 302 and opened["Location"] == "/admin/#main"  # core.form_address.SAID_AT
    page = client.get(opened["Location"])
    with translation.override(language):
        said = translation.gettext(SAID)
    assert page.status_code == 200 and said in page.content.decode()
    assert client.get("/admin/").status_code == 200  # nothing was done: still signed in
