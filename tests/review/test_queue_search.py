"""The queue's search finds a case by each word of its reference or of its title as the reader sees it, however the
word is typed (review.queues.search_q): the title is composed in the reader's language when shown, so an Arabic
reader finds an appeal by طعن as an English one by "appeal". What a person typed (an appeal's grounds, the
request) is private and never searched. The same on SQLite and PostgreSQL (./run test runs this file on both)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rightsdesk.cases import choices as c

pytestmark = pytest.mark.django_db

GROUNDS = "المقالة دقيقة وموثقة بمصادر"


@pytest.fixture
def cases(make_case):
    takedown = make_case(c.Kind.CONTENT_TAKEDOWN)
    appeal = make_case(c.Kind.APPEAL, appeal_of=takedown, description=GROUNDS)
    data = make_case(c.Kind.USER_DATA_REQUEST)
    return {"takedown": takedown, "appeal": appeal, "data": data}


#: (reader's language, the words typed, the cases found by name; "takedown" is the case the appeal appeals)
WORDS = [
    ("ar", "طعن", {"appeal"}),                      # "Appeal of" in Arabic, as the title shows it
    ("ar", "طَعْن", {"appeal"}),                    # typed with its short vowels
    ("ar", "طعـــن", {"appeal"}),                   # stretched with tatweel
    ("ar", "مستخدم", {"data"}),                     # a word of the kind's label: "طلب معلومات عن مستخدم"
    ("ar", "طعن فی", {"appeal"}),                   # every word must be there; Persian yeh typed for في
    ("ar", "طعن مستخدم", set()),
    ("fa", "كاربر", {"data"}),                      # Persian "کاربر" typed on an Arabic keyboard (kaf)
    ("fa", "درخواست اطلاعات", {"data"}),
    ("fr", "decision", {"appeal"}),                 # "Recours contre une décision" without its accent
    ("fr", "RECOURS", {"appeal"}),
    ("en", "appeal", {"appeal"}),
    ("en", "user information", {"data"}),
    ("ar", "request", {"data"}),                    # the stored (English) title still finds in any language
    ("ar", "دقيقة", set()),                         # a word of the appeal's grounds: private, never searched
    ("ar", "{takedown}", {"takedown", "appeal"}),   # a reference, and the appeal of the case it names
    ("ar", "{data_lower}", {"data"}),
]


@pytest.mark.parametrize("language,typed,found", WORDS)
def test_the_queue_finds_a_case_by_each_word_of_its_title_as_the_reader_sees_it(
        client, reviewer, cases, language, typed, found):
    typed = typed.format(takedown=cases["takedown"].reference, data_lower=cases["data"].reference.lower())
    client.force_login(reviewer)
    html = client.get(f"/{language}/staff/", {"view": "all", "q": typed}).content.decode()
    table = html.split("<table", 1)[-1] if "<table" in html else ""
    assert {name for name, case in cases.items() if f'href="{case_url(case, language)}"' in table} == found


def case_url(case, language):
    return reverse("review:case", kwargs={"reference": case.reference}).replace("/en/", f"/{language}/")
