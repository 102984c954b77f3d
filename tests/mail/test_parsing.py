"""Reading received e-mail (rightsdesk.mail.parsing): what each message of the corpus is, as a table.

Pure functions, no database: every file of tests/data/mail is parsed, and nothing in the corpus makes the parser
raise.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from rightsdesk.mail import parsing, quoting, triage

from .corpus import CORPUS, eml, many_attachments

# file -> (machine mail reason, problems, original sender of a forward, kept attachments, refused attachments,
#          words the text must contain)
CORPUS_TABLE = {
    "forwarded_court_order_attached.eml": ("", [], "clerk@nysd.uscourts.gov", ["Order_1-26-cv-04417.pdf"], [],
                                           "Please find attached the Court's order"),
    "forwarded_inline_gmail.eml": ("", [], "notices@millergrant-law.example", [], [], "We act for Example Person"),
    "forwarded_inline_apple.eml": ("", [], "rights@studio-lumiere.example", [], [], "used without licence"),
    "forwarded_outlook_original_message.eml": ("", [], "anna.berg@police.example.gov", [], [], "2703(f)"),
    "multipart_alternative.eml": ("", [], "", [], [], "Article 17 GDPR"),
    "html_only.eml": ("", [], "", [], [], "uses our registered trademark ACME®"),
    "arabic_utf8.eml": ("", [], "", [], [], "نطلب إزالة المحتوى التشهيري"),
    "chinese_gb2312.eml": ("", [], "", [], [], "根据法院的调取证据通知书"),
    "russian_koi8r.eml": ("", [], "", [], [], "Прошу удалить клевету"),
    "russian_utf8.eml": ("", [], "", [], [], "опубликован мой домашний адрес"),
    "windows1256.eml": ("", [], "", [], [], "أمر قضائي صادر عن المحكمة"),
    "french_erasure.eml": ("", [], "", [], [], "droit à l'effacement"),
    "auto_reply.eml": ("auto_reply", [], "", [], [], "I am away"),
    "out_of_office.eml": ("auto_reply", [], "", [], [], "out of the office"),
    "list_bulk.eml": ("mailing_list", [], "", [], [], "court order roundup"),
    "bounce_dsn.eml": ("bounce", [], "", [], [], "could not be delivered"),
    "reply_in_reply_to.eml": ("", [], "", [], [], "I took the photo in 2019"),
    "reply_subject_reference.eml": ("", [], "", ["licence.pdf"], [], "licence I mentioned"),
    "dmca_notice.eml": ("", [], "", [], [], "under penalty of perjury"),
    "dmca_notice_resent.eml": ("", [], "", [], [], "under penalty of perjury"),
    "subpoena.eml": ("", [], "", ["Subpoena_2026-0117.pdf"], [], "grand jury subpoena"),
    "emergency_request.eml": ("", [], "", [], [], "credible threat"),
    "malformed_headers.eml": ("", ["malformed_header", "no_sender"], "", [], [], "remove my photo"),
    "executable_attachment.eml": ("", ["executable_attachment"], "", ["cover_letter.pdf"], ["court_order.pdf.exe"],
                                  "court order attached"),
    "no_message_id.eml": ("", ["no_message_id"], "", ["fax.pdf"], [], "A fax was received"),
    "unknown_charset.eml": ("", ["undecodable_charset"], "", [], [], "Please remove the page"),
    "zip_bomb.eml": ("", ["archive_bomb"], "", [], ["evidence.zip"], "evidence is in the attached archive"),
    "broken_mime.eml": ("", ["broken_mime"], "", [], [], "keeps posting my address"),
}


def test_the_corpus_has_twenty_or_more_real_looking_messages_and_the_table_covers_each():
    files = sorted(p.name for p in CORPUS.glob("*.eml"))
    assert len(files) >= 20
    assert sorted(CORPUS_TABLE) == files
    readme = (CORPUS / "README.md").read_text()
    assert all(name in readme for name in files), "each file is described in tests/data/mail/README.md"


@pytest.mark.parametrize("name", sorted(CORPUS_TABLE))
def test_each_message_of_the_corpus_is_read_as_the_table_says(name):
    reason, problems, original, kept, refused, words = CORPUS_TABLE[name]
    parsed = parsing.parse(eml(name))
    assert parsed.ignore_reason == reason
    assert sorted(p for p in parsed.problems if p in problems) == sorted(problems), parsed.problems
    assert [p for p in parsed.problems if p not in problems and p not in ("malformed_header", "broken_mime")] == []
    assert (parsed.forwarded.email if parsed.forwarded else "") == original
    assert [p.filename for p in parsed.attachments if not p.refused] == kept
    assert [p.filename for p in parsed.attachments if p.refused] == refused
    assert words in parsed.body_text


def test_a_forward_names_the_original_sender_and_keeps_the_forwarder_apart():
    parsed = parsing.parse(eml("forwarded_court_order_attached.eml"))
    assert parsed.sender_email == "sam.colleague@demo.invalid"
    assert (parsed.requester_email, parsed.requester_name) == ("clerk@nysd.uscourts.gov", "Clerk of Court, S.D.N.Y.")
    assert parsed.forwarded.how == "attached" and parsed.forwarded.sent_at.isoformat() == "2026-11-30T15:12:09-05:00"
    assert parsed.attachments[0].data.startswith(b"%PDF-")


def test_an_outlook_original_message_block_in_a_reply_is_quoting_not_a_forward():
    text = "Thanks.\n\n-----Original Message-----\nFrom: Legal <legal@rightsdesk.invalid>\nSubject: x\n\nOld text\n"
    assert parsing.inline_forward(text, "RE: your request") is None
    assert parsing.inline_forward(text, "FW: your request").email == "legal@rightsdesk.invalid"


@pytest.mark.parametrize("headers, reason", [
    ({"Auto-Submitted": "auto-replied"}, "auto_reply"),
    ({"Auto-Submitted": "auto-generated"}, "auto_reply"),
    ({"Auto-Submitted": "no"}, ""),
    ({"X-Auto-Response-Suppress": "OOF"}, "auto_reply"),
    ({"Precedence": "bulk"}, "mailing_list"),
    ({"Precedence": "junk"}, "mailing_list"),
    ({"Precedence": "list"}, "mailing_list"),
    ({"List-Id": "<announce.example.org>"}, "mailing_list"),
    ({"From": "MAILER-DAEMON@mx.example.org"}, "bounce"),
    ({"From": "postmaster@example.org"}, "bounce"),
    ({}, ""),
])
def test_machine_mail_is_recognised_by_its_headers(headers, reason):
    lines = {"From": "Someone <someone@example.org>", "To": "legal@demo.invalid", "Subject": "Hello",
             "Message-ID": "<x@example.org>", **headers}
    raw = "".join(f"{k}: {v}\r\n" for k, v in lines.items()).encode() + b"\r\nText.\r\n"
    assert parsing.parse(raw).ignore_reason == reason


@pytest.mark.parametrize("raw", [
    b"",
    b"\x00\xff\xfe garbage with no headers at all",
    b"From: \r\nSubject: =?x-nonexistent?B?////?=\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n--\r\n",
    b"Content-Type: text/plain; charset=\"\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!",
    b"Content-Type: message/rfc822\r\n\r\nContent-Type: message/rfc822\r\n\r\nFrom: loop",
    b"Date: 99 Foo 99999 99:99:99 +9999\r\nFrom: <@>\r\nMessage-ID: <<<>>>\r\n\r\nx",
])
def test_broken_input_never_raises_it_returns_problems(raw):
    parsed = parsing.parse(raw)
    assert isinstance(parsed.problems, list)


def test_gb2312_is_read_as_gb18030_so_characters_outside_gb2312_survive():
    # Mail clients label GBK/GB18030 text "gb2312"; reading it strictly as GB2312 would garble such characters.
    text = "镕基"  # 镕 is in GBK, not in GB2312
    assert parsing.decode_text(text.encode("gb18030"), "gb2312", problems := []) == text and problems == []


def test_a_lying_latin1_label_on_utf8_text_is_read_as_utf8():
    problems: list[str] = []
    assert parsing.decode_text("Zoë".encode(), "us-ascii", problems) == "Zoë" and problems == []


def test_html_becomes_text_without_scripts_or_styles():
    text = parsing.html_to_text("<style>p{}</style><script>evil()</script><p>One&nbsp;two</p><br><li>three</li>")
    assert text == "One two\n\n- three"


def test_an_archive_that_unpacks_to_far_more_than_it_weighs_is_refused_and_a_normal_one_kept():
    small = io.BytesIO()
    with zipfile.ZipFile(small, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("letter.txt", "A normal letter. " * 20)
    assert parsing.archive_problem(small.getvalue()) == ""
    with_program = io.BytesIO()
    with zipfile.ZipFile(with_program, "w") as archive:
        archive.writestr("invoice.exe", b"MZ" + b"\0" * 100)
    assert parsing.archive_problem(with_program.getvalue()) == "executable"
    assert parsing.archive_problem(eml("zip_bomb.eml")[:0] + _bomb()) == "archive_bomb"


def _bomb() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\0" * (5 * 2**20))
    return data.getvalue()


def test_two_hundred_attachments_are_all_listed_by_the_parser():
    parsed = parsing.parse(many_attachments(200))
    assert len(parsed.attachments) == 200 and parsed.problems == []


@pytest.mark.parametrize("text, folded", [
    ("Here it is.\n\nOn Tue, 1 Dec 2026 at 10:00, Legal <legal@x.org> wrote:\n> Which page?\n", "Here it is."),
    ("Voici la page.\n\nLe mar. 1 déc. 2026 à 10:00, Legal <legal@x.org> a écrit :\n> Quelle page ?\n",
     "Voici la page."),
    ("Answer first.\n> quoted line\nmore answer\n", "Answer first.\nmore answer"),
    ("No quote at all.", "No quote at all."),
])
def test_quoted_text_of_a_reply_is_folded_and_the_new_text_kept(text, folded):
    assert quoting.fold(text) == folded


@pytest.mark.parametrize("subject, body, inbox_kind, kind", [
    ("DMCA Takedown Notice", "", "", "copyright_notice"),
    ("Grand jury subpoena", "", "", "user_data_request"),
    ("Records", "A court order directing production", "", "user_data_request"),
    ("Request", "imminent threat to life, emergency disclosure", "", "emergency_disclosure"),
    ("Counter-notice", "under 512(g)", "", "copyright_counter_notice"),
    ("Demande", "article 17 du RGPD", "", "content_takedown"),
    ("调取证据通知书", "根据法院的通知", "", "user_data_request"),
    ("Hello", "Just a question.", "copyright_notice", "copyright_notice"),
    ("Hello", "Just a question.", "", ""),
])
def test_the_suggested_kind_comes_from_keywords_else_from_the_inbox(subject, body, inbox_kind, kind):
    class Inbox:
        default_kind = inbox_kind

    assert triage.suggest_kind(Inbox(), subject, body) == kind


@pytest.mark.parametrize("email, org, expected", [
    ("clerk@nysd.uscourts.gov", "", "court"),
    ("subpoenas@da.example.gov", "", "government"),
    ("anna.berg@police.example.gov", "", "law_enforcement"),
    ("registry@courts.example.gov.eg", "", "court"),
    ("x@ministere.gouv.fr", "", "government"),
    ("officer@army.mil", "", "government"),
    ("notices@millergrant-law.example", "", "law_firm"),
    ("someone@firm.example", "Miller & Grant LLP", "law_firm"),
    ("dmca@photo-agency.example", "", "company"),
    ("court@bjhdfy.example.cn", "", "court"),
    ("registry@bjhdfy.example.cn", "海淀区人民法院", "court"),
    ("jane@gmail.com", "", "individual"),
    ("jane.roe@example.org", "", "individual"),
])
def test_the_requester_type_suggested_from_the_address_and_organisation(email, org, expected):
    assert triage.requester_type_for(email, org) == expected


def test_control_characters_never_reach_the_plain_columns():
    # PostgreSQL text cannot hold NUL; Message-ID and content type are stored unencrypted.
    raw = (b"From: a@example.org\r\nMessage-ID: <a\x00b@example.org>\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: application/x\x00y\r\n"
           b"Content-Disposition: attachment; filename=x.bin\r\n\r\ndata\r\n--B--\r\n")
    parsed = parsing.parse(raw)
    assert "\x00" not in parsed.message_id
    assert all("\x00" not in part.content_type for part in parsed.attachments)
