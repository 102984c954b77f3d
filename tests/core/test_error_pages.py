"""Error pages are in the site frame, translated, with a way back; the 403 says in words what is missing."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_shown_in_the_site_frame_in_the_visitors_language(client):
    response = client.get("/fr/nothing-here/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'class="site-header"' in html and 'href="/fr/"' in html
    assert "<h1>Page not found</h1>" not in html  # in French


def test_a_mistyped_tracking_link_gets_help_to_find_the_request(client):
    response = client.get("/ar/track/not-a-real-token/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'dir="rtl"' in html and 'id="tracking-help"' in html and "هل تبحث عن طلبك؟" in html


def test_a_staff_member_without_the_permission_is_told_its_name_not_its_code(client, make_staff, verified_login):
    verified_login(client, make_staff())  # a staff account without any role
    response = client.get("/en/staff/redaction/")
    html = response.content.decode()
    assert response.status_code == 403
    assert 'class="site-header"' in html and "You may not see this page" in html
    assert "transparency.review_publicrecord" not in html and "transparency." not in html and "“Can " in html


#: A staff page refused in Arabic -> the permission it needs, named in Arabic (the model's translated name).
REFUSED_IN_ARABIC = [
    ("/ar/staff/redaction/", "مراجعة التنقيح"),  # transparency.change_redactionreview
    ("/ar/staff/eu-template-figures/2025-H2/", "أرقام مُدخلة لفترة إبلاغ"),  # reports.change_periodfigures
]


@pytest.mark.parametrize("path, named", REFUSED_IN_ARABIC, ids=["redaction queue", "EU template figures"])
def test_a_refusal_in_arabic_names_the_permission_in_arabic_and_isolates_the_username(
        client, make_staff, verified_login, path, named):
    user = make_staff(username="sam.lee")  # a staff account without any role
    verified_login(client, user)
    response = client.get(path)
    assert response.status_code == 403
    # the workspace's "not permitted" callout, or the site's 403 page's reason
    refusal = re.search(r'class="callout (?:danger|warn)"[^>]*>(.*?)</(?:div|p)>', response.content.decode(), re.S).group(1)
    assert named in refusal and "Can " not in refusal
    assert not re.search(r"\b(add|change|delete|view)\b", refusal)
    assert "\u2066sam.lee\u2069" in refusal  # a Latin username inside an Arabic sentence keeps its own order


def test_the_favicon_is_linked_and_favicon_ico_redirects_to_it(client):
    html = client.get("/en/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


@pytest.mark.parametrize("path", ["/en/staff/", "/en/staff/diligence/", "/en/staff/notices/"],
                         ids=["the queue", "the due-diligence register", "the notices"])
def test_every_staff_refusal_is_the_one_not_permitted_page_naming_the_permission_in_words(
        client, make_staff, verified_login, path):
    verified_login(client, make_staff())  # a staff account without any role
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 403
    assert 'class="callout danger"' in html and "Back to the queues" in html
    assert not re.search(r"\b(cases|diligence|notices|review)\.[a-z_]+\b", html.split("<main", 1)[-1])


def test_a_bad_request_is_shown_in_the_site_frame_with_a_way_back(client):
    response = client.get("/en/", HTTP_HOST="not-our-site.example")  # a request Django refuses as malformed
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="site-header"' in html and "way-back" in html
    assert "<h1>Bad Request (400)</h1>" not in html


#: Under the API, an address no operation has and a method an operation does not take -> the API's JSON error.
API_MISSES = [
    ("get", "/api/v1/no-such-operation/", 404, "not_found", "/api/v1/docs"),
    ("get", "/api/v1/", 404, "not_found", "/api/v1/openapi.json"),
    ("delete", "/api/v1/cases/batch", 405, "method_not_allowed", "takes POST"),
]


@pytest.mark.parametrize("method, path, status, code, says", API_MISSES)
def test_an_address_or_a_method_the_api_does_not_have_is_answered_in_the_apis_json(client, method, path, status,
                                                                                    code, says):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    [error] = response.json()["detail"]
    assert error["code"] == code and says in error["message"]
    if status == 405:
        assert response["Allow"] == "POST"


def test_outside_the_api_a_missing_page_is_still_the_sites_page(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def _too_many_fields(settings) -> dict:
    return {"description": "My text", **{f"item-{n}": "on" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}}


def _too_much_text(settings) -> dict:
    return {"description": "My text. " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 9 + 1)}


#: A post Django refuses before any form sees it (its DATA_UPLOAD_MAX_* limits): (who sends it, where, what it holds,
#: the page's heading, what the page says). Files past DATA_UPLOAD_MAX_NUMBER_FILES: tests/intake/test_forms.py.
REFUSED_POSTS = [
    ("a contributor", "/fr/request/grievance/", _too_many_fields, "Trop de champs à la fois",
     "où ce que vous avez saisi se trouve encore"),
    ("staff", "/es/staff/legal-support/counsel/", _too_many_fields, "Demasiados campos a la vez",
     "donde sigue lo que escribió"),
    ("a contributor", "/en/request/grievance/", _too_much_text, "Too much text at once",
     "where what you typed is still there, shorten the longest text"),
    ("staff", "/ru/staff/legal-support/counsel/", _too_much_text, "Слишком много текста за один раз",
     "то, что вы ввели, там сохранилось, — сократите самый длинный текст"),
]


@pytest.mark.parametrize("who, path, holding, heading, says", REFUSED_POSTS)
def test_a_post_too_large_to_receive_gets_a_page_in_the_persons_language_saying_where_the_text_is(
        client, settings, make_staff, verified_login, who, path, holding, heading, says):
    """Before, Django's refusal got the page "the request could not be understood … reload the page and try again":
    reloading loses what was typed, which is still on the previous page of the browser."""
    if who == "staff":
        verified_login(client, make_staff("legal support"))
    response = client.post(path, holding(settings))
    page = response.content.decode()
    assert response.status_code == 400 and 'class="site-header"' in page
    assert f"<h1>{heading}</h1>" in page and says in page.replace("\u2019", "'")


#: A post too large to receive, by frame: (who sends it, where, the page's language direction, its heading, the frame
#: it is drawn in). Staff mid-work keep the workspace's frame (its navigation, sign-out, footer); a public form keeps
#: the public site's, whoever sends it.
REFUSED_POST_FRAMES = [
    ("staff", "/en/staff/legal-support/counsel/", "ltr", "Too many fields at once", "staff"),
    ("staff", "/ar/staff/legal-support/counsel/", "rtl", "حقول كثيرة جدًا في مرة واحدة", "staff"),
    ("a contributor", "/en/request/grievance/", "ltr", "Too many fields at once", "public"),
    ("staff", "/fr/request/grievance/", "ltr", "Trop de champs à la fois", "public"),  # a public form, sent by staff
]


def frame_of(page: str) -> str:
    """Which frame a page is drawn in: the staff workspace's (body class "staff", the sidebar of the workspace's
    pages) or the public site's (body class "public", the public navigation)."""
    if '<body class="staff">' in page and '<aside class="sidebar">' in page and "Public notice log" not in page:
        return "staff"
    if '<body class="public">' in page and '<aside class="sidebar">' not in page:
        return "public"
    return "neither"


@pytest.mark.parametrize("who, path, direction, heading, frame", REFUSED_POST_FRAMES,
                         ids=[f"{who} at {path}" for who, path, *_rest in REFUSED_POST_FRAMES])
def test_a_post_too_large_to_receive_is_drawn_in_the_frame_of_where_it_was_sent(
        client, settings, make_staff, verified_login, who, path, direction, heading, frame):
    """Before, the staff's page was drawn in the public site's frame (its header and navigation): confusing to a
    staff member mid-work, who lost the workspace's navigation."""
    if who == "staff":
        verified_login(client, make_staff("legal support"))
    response = client.post(path, _too_many_fields(settings))
    page = response.content.decode()
    assert response.status_code == 400 and f"<h1>{heading}</h1>" in page
    assert frame_of(page) == frame
    assert f'dir="{direction}"' in page
    if frame == "staff":
        assert 'href="/' + path.split("/")[1] + '/staff/legal-support/"' in page  # the sidebar's items, for the role
