"""The staff pages: who may see and do what, the queues' filters, the audit of private data, two languages."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from rightsdesk.audit.models import AuditEntry
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case

pytestmark = pytest.mark.django_db


def case_url(case, lang="en", action=""):
    return f"/{lang}/staff/cases/{case.reference}/" + (f"{action}/" if action else "")


def test_signed_out_visitors_are_sent_to_the_staff_sign_in(client, make_case):
    for url in ("/en/staff/", case_url(make_case())):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/en/staff/login/")


def test_accounts_that_are_not_staff_get_403(client, django_user_model, make_case):
    client.force_login(django_user_model.objects.create_user("visitor", password="x" * 12))
    assert client.get("/en/staff/").status_code == 403
    assert client.get(case_url(make_case())).status_code == 403


def test_staff_without_the_view_permission_get_403_naming_the_permission_in_words(client, make_staff, make_case):
    client.force_login(make_staff())
    response = client.get("/en/staff/")
    assert response.status_code == 403 and "“Can view case”" in response.content.decode()
    assert b"cases.view_case" not in response.content


@pytest.mark.parametrize("role,action,data", [
    ("auditor", "claim", {}),
    ("auditor", "checklist", {"answer-narrow_reading": "yes"}),
    ("intake", "decide-item", {"action": "no_action", "ground": "g", "reason": "r"}),
    ("reviewer", "approve", {}),
    ("auditor", "notes", {"body": "Hello"}),
    ("administrator", "step", {"transition": "withdraw"}),
])
def test_an_action_by_a_role_without_the_permission_gets_403_and_changes_nothing(client, make_staff, make_case,
                                                                                role, action, data):
    case = make_case(state=c.State.UNDER_REVIEW)
    if action == "decide-item":
        data = {**data, "item": case.items.first().pk}
    history = case.history.count()
    client.force_login(make_staff(role))
    response = client.post(case_url(case, action=action), data)
    assert response.status_code == 403
    stored = Case.objects.get(pk=case.pk)
    assert stored.history.count() == history and stored.assigned_to is None and stored.state == c.State.UNDER_REVIEW


def test_refused_steps_are_explained_on_the_case_page(client, reviewer, data_request):
    client.force_login(reviewer)
    response = client.post(case_url(data_request, action="conclude"), {"summary": "Refused: typed by hand."})
    assert response.status_code == 400  # the page again, with the refusal next to the form and the text kept
    assert b"checklist is not complete" in response.content and b"Refused: typed by hand." in response.content
    assert Case.objects.get(pk=data_request.pk).state == c.State.UNDER_REVIEW


def test_the_case_page_shows_private_data_only_with_the_permission_and_audits_each_look(client, make_staff, data_request):
    from rightsdesk.review import services

    services.add_note(data_request, make_staff("reviewer"), "Erika called about the officer Jane Roe.")
    auditor = make_staff("auditor")
    client.force_login(auditor)
    page = client.get(case_url(data_request)).content.decode()
    assert "Erika Mustermann" not in page and "erika@example.org" not in page and "Provide IP addresses" not in page
    assert "Jane Roe" not in page and "Alpha" not in page
    assert not AuditEntry.objects.filter(actor=auditor).exists()

    reviewer = make_staff("reviewer")
    client.force_login(reviewer)
    page = client.get(case_url(data_request)).content.decode()
    assert "Erika Mustermann" in page and "erika@example.org" in page and "Provide IP addresses" in page
    entry = AuditEntry.objects.get(actor=reviewer, action="view_private", case=data_request)
    assert "Jane Roe" in page
    assert {"description", "party.name", "party.email", "item.account_name", "note.body"} <= set(entry.fields)
    client.get(case_url(data_request))
    assert AuditEntry.objects.filter(actor=reviewer, action="view_private").count() == 2


def test_the_queue_filters_searches_sorts_and_counts(client, reviewer, make_case):
    now = timezone.now()
    overdue = make_case(c.Kind.CONTENT_TAKEDOWN, subject="Defamation of a mayor", language="ar",
                        received_at=now - timedelta(days=30))
    copyright_ = make_case(c.Kind.COPYRIGHT_NOTICE, subject="Concert photograph", received_at=now)
    closed = make_case(c.Kind.COPYRIGHT_NOTICE, subject="Old photograph", state=c.State.CLOSED)
    client.force_login(reviewer)

    def refs(query):
        html = client.get("/en/staff/?" + query).content.decode()
        return {case.reference for case in (overdue, copyright_, closed) if case.reference in html.split("<table", 1)[-1]}

    assert refs("view=open") == {overdue.reference, copyright_.reference}
    assert refs("view=all") == {overdue.reference, copyright_.reference, closed.reference}
    assert refs("kind=copyright_notice") == {copyright_.reference}
    assert refs("language=ar") == {overdue.reference}
    # The search reads the neutral title (kind, site, day); what the requester typed is private and encrypted.
    assert refs("q=mayor") == set()
    assert refs("q=copyright") == {copyright_.reference}
    assert refs(f"q={copyright_.reference.lower()}") == {copyright_.reference}
    assert refs("view=overdue") == {overdue.reference}
    assert refs("view=unassigned&state=closed") == {closed.reference}
    html = client.get("/en/staff/?view=open&sort=-received").content.decode()
    assert html.index(copyright_.reference) < html.index(overdue.reference)
    html = client.get("/en/staff/?view=open&sort=received").content.decode()
    assert html.index(overdue.reference) < html.index(copyright_.reference)
    assert 'class="badge danger">Overdue' in client.get("/en/staff/").content.decode()


def test_my_cases_lists_what_i_claimed(client, reviewer, make_case):
    from rightsdesk.review import services

    mine, other = make_case(subject="Mine"), make_case(subject="Not mine")
    services.claim(mine, reviewer)
    client.force_login(reviewer)
    response = client.get("/en/staff/mine/", follow=True)
    html = response.content.decode()
    assert mine.reference in html and other.reference not in html


def test_the_queue_is_paginated(client, reviewer, make_case):
    for n in range(27):
        make_case(subject=f"Case {n}")
    client.force_login(reviewer)
    first = client.get("/en/staff/").content.decode()
    second = client.get("/en/staff/?page=2").content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second and 'rel="next"' in first


def test_a_takeover_without_reason_is_refused_on_the_page(client, reviewer, make_staff, make_case):
    from rightsdesk.review import services

    case = services.claim(make_case(), reviewer)
    other = make_staff("reviewer")
    client.force_login(other)
    page = client.post(case_url(case, action="claim"), {}, follow=True).content.decode()
    assert "already claimed by rita" in page
    client.post(case_url(case, action="claim"), {"reason": "Urgent, Rita is away."})
    assert Case.objects.get(pk=case.pk).assigned_to == other


def test_a_message_asking_for_clarification_waits_for_the_requester(client, reviewer, make_case, mailoutbox,
                                                                    django_capture_on_commit_callbacks):
    case = make_case(state=c.State.UNDER_REVIEW)
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(case_url(case, action="messages"), {"purpose": "narrow", "body": "Which paragraph exactly?"})
    case.refresh_from_db()
    assert case.state == c.State.AWAITING_INFORMATION
    assert mailoutbox[0].to == ["erika@example.org"] and "Which paragraph exactly?" in mailoutbox[0].body
    assert case.messages_to_requester.get().emailed


def test_notes_stay_out_of_the_history_text(client, reviewer, make_case):
    case = make_case()
    client.force_login(reviewer)
    client.post(case_url(case, action="notes"), {"body": "Requester is Erika, see earlier case."})
    assert case.staff_notes.get().body.startswith("Requester is Erika")
    assert "Erika" not in str(list(case.history.values_list("changes", "reason")))


@pytest.mark.parametrize("lang,expected", [("en", "Due-diligence checklist"), ("ar", "قائمة العناية الواجبة")])
def test_the_screens_are_in_english_and_arabic(client, reviewer, data_request, lang, expected):
    client.force_login(reviewer)
    page = client.get(case_url(data_request, lang=lang)).content.decode()
    assert expected in page
    assert ('dir="rtl"' in page) is (lang == "ar")
    home = client.get(f"/{lang}/staff/").content.decode()
    assert ("قوائم الانتظار" in home) is (lang == "ar")
    assert ("حالة واحدة" in home) is (lang == "ar")  # Arabic has six plural forms


def test_attachments_download_only_with_the_permission_and_is_audited(client, make_staff, make_case, settings, tmp_path):
    from rightsdesk.intake import attachments

    settings.MEDIA_ROOT = tmp_path
    case = make_case()
    body = b"%PDF-1.4 court order"
    attachment = attachments.store(case, attachments.check_file("order.pdf", body), uploaded_by="requester")
    assert body not in (tmp_path / attachment.file.name).read_bytes(), "stored encrypted"
    url = case_url(case, action=f"attachments/{attachment.pk}")

    client.force_login(make_staff("auditor"))
    assert client.get(url).status_code == 403
    reviewer = make_staff("reviewer")
    client.force_login(reviewer)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == body
    assert "attachment" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(actor=reviewer, action="download", case=case).exists()


def test_the_case_page_shows_the_panels_other_apps_register(client, reviewer, make_case, monkeypatch):
    from django.utils.safestring import mark_safe

    from rightsdesk.review import views

    seen = []

    def panels(request, case):
        seen.append((request.user, case))
        return [{"title": "Notices owed", "html": mark_safe("<p id='panel-body'>Two notices to send.</p>")}]

    monkeypatch.setattr(views, "case_panels", panels)
    case = make_case()
    client.force_login(reviewer)
    page = client.get(case_url(case)).content.decode()
    assert "Notices owed" in page and "<p id='panel-body'>Two notices to send.</p>" in page
    assert seen == [(reviewer, case)]


@pytest.mark.parametrize("action", ["claim", "release", "reassign", "step", "checklist", "decide-item", "refuse-all",
                                    "conclude", "approve", "return", "notes", "messages", "emergency"])
@pytest.mark.parametrize("data", [{}, {"item": "x", "action": "nuke", "countries": "??", "fields": ["<script>"],
                                       "assignee": "abc", "transition": "teleport", "purpose": "spam",
                                       "threat_type": "x", "origin": "y", "outcome": "z", "answer-legal_basis": "maybe"}])
def test_bad_input_on_any_action_is_explained_never_a_server_error(client, make_staff, data_request, action, data):
    client.force_login(make_staff("reviewer", "legal approver"))
    response = client.post(case_url(data_request, action=action), data)
    assert response.status_code in (302, 400, 404, 409), response.status_code
    if response.status_code == 302:
        page = client.get(response["Location"]).content.decode()
        assert 'class="message' in page
    elif response.status_code in (400, 409):  # the page again, the refusal next to the form that was sent
        assert "data-error-summary" in response.content.decode()
    opened = client.get(case_url(data_request, action=action))  # the address as a page: to the case page
    assert opened.status_code == 302 and opened["Location"].startswith(case_url(data_request))


def test_unknown_cases_are_404(client, reviewer):
    client.force_login(reviewer)
    assert client.get("/en/staff/cases/RD-0000-NOPE/").status_code == 404
    assert client.get("/en/staff/?page=999&sort=bogus&view=bogus&kind=bogus").status_code == 200


def test_the_queue_and_case_pages_use_a_bounded_number_of_queries(client, reviewer, make_case,
                                                                  django_assert_max_num_queries):
    from rightsdesk.review import services

    cases = [make_case(subject=f"Case {n}") for n in range(30)]
    for case in cases[:10]:
        services.claim(case, reviewer)
    client.force_login(reviewer)
    client.get("/en/staff/")  # warm the session and the nav registry
    with django_assert_max_num_queries(20):
        assert client.get("/en/staff/").status_code == 200
    with django_assert_max_num_queries(60):
        assert client.get(case_url(cases[0])).status_code == 200


def test_a_checklist_answer_whose_author_is_unknown_says_so_instead_of_leaving_a_blank_name(client, make_case,
                                                                                            make_staff):
    """Seen in the Chinese screen check: "由  于 2026-11-14 09:48 回答" (demo answers, or a removed account)."""
    from rightsdesk.review.models import ChecklistAnswer
    case = make_case(c.Kind.USER_DATA_REQUEST, state=c.State.UNDER_REVIEW)
    ChecklistAnswer.objects.create(case=case, question="legal_basis", answer="yes", note="Checked.",
                                   answered_at=timezone.now())
    client.force_login(make_staff("reviewer"))
    for lang, blank in (("en", "Answered by ,"), ("zh-hans", "由  于")):
        html = client.get(case_url(case, lang)).content.decode()
        assert blank not in html, lang
    assert "Answered by <bdi>—</bdi>," in client.get(case_url(case)).content.decode()


def test_a_confirmation_is_shown_once_next_to_its_form_and_never_as_python_text_elsewhere(client, make_case, make_staff):
    """Issue #14 defect 6: after a claim the items section printed "('work', [Message(level=25, …)])" (the template's
    ``flash.items`` fell back to the dict's ``items()`` when no confirmation belonged to the items)."""
    case = make_case(state=c.State.TRIAGE)
    client.force_login(make_staff("reviewer"))
    html = client.get(case_url(case)).content.decode()
    response = client.post(case_url(case, action="claim"), {"seen": ""}, follow=True)
    html = response.content.decode()
    assert html.count(f"You are working on {case.reference}.") == 1
    assert "Message(level" not in html and "at-work" not in html


@pytest.mark.parametrize("typed, shown_as", [
    ("law invoked", '<bdi>17 U.S.C. 512(c)</bdi>'),
    ("order or process", '<bdi>Az. 12 O 345/26</bdi>'),
    ("requester's organisation", '<bdi>Global Photo Agency</bdi>'),
    ("party's name", '<bdi>Lee Morgan</bdi>'),
    ("official's title", '<bdi>Senior Counsel</bdi>'),
    ("phone", '<bdi dir="ltr">+1 555 0100</bdi>'),
    ("e-mail", '<bdi dir="ltr">lee@photo-agency.example</bdi>'),
])
def test_the_case_page_isolates_what_was_typed_so_an_arabic_page_keeps_its_order(client, reviewer, make_case,
                                                                                 typed, shown_as):
    """In a right-to-left page "17 U.S.C. 512(c)" showed as "U.S.C. 512(c) 17": text someone typed takes its own
    direction inside <bdi>, a phone number and an address left to right."""
    client.force_login(reviewer)
    case = make_case(c.Kind.COPYRIGHT_NOTICE, law_invoked="17 U.S.C. 512(c)",
                     legal_basis_reference="Az. 12 O 345/26", requester_organisation="Global Photo Agency",
                     parties=[{"role": c.PartyRole.REQUESTER, "name": "Lee Morgan", "official_title": "Senior Counsel",
                               "email": "lee@photo-agency.example", "phone": "+1 555 0100"}])
    html = unescape(client.get(case_url(case, "ar")).content.decode())

    assert shown_as in html, typed


@pytest.mark.parametrize("lang, staff_words, requester_words", [
    ("en", "the requester's name, a way to contact the requester (e-mail, phone or postal address), and the "
           "requester's signature", "your signature"),
    # Arabic joins a list with its own "and" (core.lists), not with the code's semicolons.
    ("ar", "اسم مقدّم الطلب ووسيلة للتواصل مع مقدّم الطلب (بريد إلكتروني أو هاتف أو عنوان بريدي) وتوقيع مقدّم الطلب",
     "توقيعك"),
])
def test_the_case_page_says_what_the_requester_did_not_give_of_the_requester_not_to_the_reader(
        client, reviewer, make_case, lang, staff_words, requester_words):
    """The receipt asks the requester for "your signature"; the staff member reading the case page gave none."""
    client.force_login(reviewer)
    case = make_case(incomplete=True, missing_fields=["name", "contact", "signature"])
    html = unescape(client.get(case_url(case, lang)).content.decode())

    assert staff_words in html and requester_words not in html


@pytest.mark.parametrize("lang, words", [
    ("en", "the official's title and the accounts concerned"),
    ("ar", "صفة المسؤول والحسابات المعنية"),
])
def test_the_case_page_names_what_is_missing_in_words_not_codes(client, reviewer, make_case, lang, words):
    """The codes in ``missing_fields`` are said as the receipt and the tracking page say them (intake.kinds)."""
    client.force_login(reviewer)
    case = make_case(incomplete=True, missing_fields=["official_title", "accounts"])
    html = unescape(client.get(case_url(case, lang)).content.decode())

    assert words in html and "official_title" not in html


@pytest.mark.parametrize("lang, words", [
    ("en", "Account registration date and IP addresses of recent edits"),
    ("ar", "تاريخ تسجيل الحساب وعناوين IP للتعديلات الأخيرة"),
])
def test_the_case_page_names_the_data_disclosed_in_words_not_codes(client, reviewer, make_case, lang, words):
    """A disclosure names fields from review.vocab; the page said "registration_date, ip_addresses"."""
    client.force_login(reviewer)
    case = make_case(c.Kind.USER_DATA_REQUEST)
    case.items.update(action=c.Action.DISCLOSE, disclosed_fields=["registration_date", "ip_addresses"])
    html = unescape(client.get(case_url(case, lang)).content.decode())

    assert words in html and "ip_addresses" not in html


@pytest.mark.parametrize("language, shown", [
    ("en", "content data and non-content data"),
    ("ar", "بيانات المحتوى وبيانات غير المحتوى"),  # Arabic's "and", not a Latin comma
])
def test_the_data_a_request_asks_for_is_a_list_in_the_readers_language(client, reviewer, data_request, language, shown):
    from rightsdesk.cases.models import Case

    Case.objects.filter(pk=data_request.pk).update(content_data_requested=True, non_content_data_requested=True)
    client.force_login(reviewer)
    page = client.get(f"/{language}/staff/cases/{data_request.reference}/").content.decode()
    assert f"<dd>{shown}</dd>" in page


@pytest.mark.parametrize("posted_item", ["987654", "12x", "", "99999999999999999999999", "²"])
def test_a_decision_on_an_item_not_on_the_case_is_refused_on_the_page_with_what_was_typed_kept(
        client, reviewer, make_case, posted_item):
    """An item removed meanwhile, or a mistyped id in the form's post, answered a bare 404 page and lost the reason
    typed. The case page comes back (400) saying the item is not on the case, its link leading to the items as they
    are now, and the ground and reason typed given back to copy; nothing is saved."""
    case = make_case(state=c.State.UNDER_REVIEW)
    client.force_login(reviewer)
    response = client.post(case_url(case, action="decide-item"), {
        "item": posted_item, "action": "no_action", "ground": "Ground typed by the reviewer",
        "reason": "The reason typed for the people affected."})
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "This item is not on the case" in page and 'href="#items"' in page
    assert "Ground typed by the reviewer" in page and "The reason typed for the people affected." in page
    assert not case.items.exclude(action="").exists()


@pytest.mark.parametrize("lang", ["ar", "es", "fr", "ru"])
def test_a_steps_confirmation_is_in_the_readers_language_not_the_workflows_english(client, make_case, make_staff, lang):
    """"تم: Accept the case into triage and acknowledge it." was the Arabic confirmation of a step: the workflow's
    description of the step, which is English for maintainers. The confirmation names the step as the timeline does."""
    from django.utils import translation

    from rightsdesk.cases.workflow import TRANSITIONS
    from rightsdesk.review.services import history_mark
    from rightsdesk.review.timeline import step_label

    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.RECEIVED)
    client.force_login(make_staff("reviewer"))
    answer = client.post(case_url(case, lang, "step"), {"transition": "triage", "reason": "", "seen": history_mark(case)})
    page = client.get(answer["Location"]).content.decode()
    assert str(TRANSITIONS["triage"].description).rstrip(".") not in page
    with translation.override(lang):
        label = step_label("triage")
        said = translation.gettext("Done: %(step)s.") % {"step": label}
    assert label != "Accepted into triage" and said in page
