"""One English word, two meanings: each meaning carries its own context, so each language says the one meant.

Django merges every app's catalogue (and its own) into one per language, and for a message without a context the
first catalogue that has it wins. So the mail desk's "File" button (to file a message) read "Fichier", "ملف",
"文件" (a computer file) from the cases app's "File" (a source of cases); a crisis's "Change" button read
"Modification" from Django's admin; the report's count of preservation requests "Released" read "Возвращено в
очередь" (returned to the queue), the review queue's meaning. The table gives each sense its context and says what
readers saw before.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, context, message, now, before", [
    ("fr", "file a message", "File", "Classer", "Fichier"),            # mail desk: file the e-mail into its case
    ("ar", "file a message", "File", "ضمّ", "ملف"),
    ("zh-hans", "file a message", "File", "归入", "文件"),
    ("fr", "edit", "Change", "Modifier", "Modification"),              # crisis page: edit the crisis
    ("zh-hans", "crisis", "Running", "进行中", "计时中"),               # a crisis under way, not a clock that runs
    ("ru", "preservation requests", "Released", "Снято", "Возвращено в очередь"),  # the report's preservation counts
    ("fr", "preservation requests", "Released", "Levées", "Libéré"),
    ("fr", "close a case", "Close", "Clore", "Fermer"),                # close a case, not a window
    ("zh-hans", "close a case", "Close", "结案", "关闭"),
    ("ar", "record of changes", "History", "السجل", "تاريخ"),         # a request's history, not "date"
    ("zh-hans", "notice delivery", "sent", "已发送", "发送时间"),        # a notice was sent, not "time sent"
    ("ar", "date", "Received", "تاريخ الاستلام", "مستلَم"),            # the date label, not the state "received"
    ("zh-hans", "date", "Received", "收到时间", "已收到"),
    ("ar", "date", "Sent", "تاريخ الإرسال", "أُرسل"),                 # the date label, and a notice's state "sent"
    ("zh-hans", "date", "Sent", "发送时间", "已发送"),
])
def test_each_sense_of_a_word_is_said_as_its_translators_wrote_it(language, context, message, now, before):
    with translation.override(language):
        assert pgettext(context, message) == now
        assert translation.gettext(message) == before  # the word without its context: the other sense


def _page(client, name, args, language):
    with translation.override(language):
        url = reverse(name, args=args)
    return client.get(url).content.decode()


@pytest.mark.parametrize("language, button", [("en", ">File</button>"), ("fr", ">Classer</button>"),
                                              ("ar", ">ضمّ</button>")])
def test_the_mail_desks_file_button_says_file_the_message(client, signed_in, settings, tmp_path, language, button):
    from rightsdesk.mail import services
    from tests.mail.corpus import eml, make_inboxes

    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_inboxes()
    message = services.receive_message("legal", eml("forwarded_court_order_attached.eml")).message
    signed_in("reviewer")
    assert button in _page(client, "mail:message", [message.pk], language)


def test_the_crisis_page_offers_to_edit_the_crisis(client, signed_in):
    from django.utils import timezone

    from rightsdesk.crisis import services

    safety = signed_in("trust and safety")
    crisis = services.declare({"title": "Election", "kind": "election", "countries": ["TR"], "projects": [],
                               "starts_on": timezone.localdate(), "ends_on": None, "coordinator": safety,
                               "description": "Notes."}, safety)
    html = _page(client, "crisis:detail", [crisis.pk], "fr")
    assert ">Modifier</a>" in html and "Modification" not in html


def test_the_case_page_labels_the_date_received_as_a_date(client, signed_in, make_case):
    case = make_case()
    signed_in("reviewer")
    html = _page(client, "review:case", [case.reference], "ar")
    assert "<dt>تاريخ الاستلام</dt>" in html


def test_a_legal_support_request_shows_its_history_not_a_date(client, signed_in, settings, tmp_path):
    from rightsdesk.legalsupport import services

    settings.MEDIA_ROOT = str(tmp_path / "media")
    request, _token = services.submit({
        "requester_name": "A. Editor", "requester_email": "editor@example.org", "contributor_account": "Editor",
        "country": "TR", "project": "tr.wikipedia.org", "threat_kind": "government", "adversary": "A ministry",
        "description": "Sued over my edits."}, [], language="en")
    signed_in("legal support")
    html = _page(client, "legalsupport:staff_detail", [request.reference], "ar")
    assert '<h2 id="events-title">السجل</h2>' in html
