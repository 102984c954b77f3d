"""Attachments: the type is proved by the file's first bytes, and sizes are limited."""

from __future__ import annotations

import pytest

from rightsdesk.core.errors import DomainError
from rightsdesk.intake.attachments import check_file, sniff

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20
EML = b"From: a@example.org\r\nTo: legal@example.org\r\nSubject: Notice\r\n\r\nBody"


@pytest.mark.parametrize("name, data, content_type", [
    ("order.pdf", PDF, "application/pdf"),
    ("screenshot.PNG", PNG, "image/png"),
    ("photo.jpeg", JPEG, "image/jpeg"),
    ("photo.jpg", JPEG, "image/jpeg"),
    ("notes.txt", "Grüße, ünïcode text".encode(), "text/plain"),
    ("forwarded.eml", EML, "message/rfc822"),
])
def test_allowed_files_are_accepted_by_their_contents(name, data, content_type):
    assert check_file(name, data).content_type == content_type


def test_a_file_whose_name_lies_about_its_contents_is_refused():
    with pytest.raises(DomainError) as exc:
        check_file("order.pdf", b"MZ\x90\x00\x03 executable")
    assert exc.value.code == "file_contents"
    with pytest.raises(DomainError):
        check_file("image.png", PDF)


def test_a_type_outside_the_allow_list_is_refused_even_if_harmless():
    with pytest.raises(DomainError) as exc:
        check_file("page.html", b"<html></html>")
    assert exc.value.code == "file_type"


def test_binary_data_is_not_accepted_as_text():
    assert sniff(b"\x00\x01\x02binary") is None
    with pytest.raises(DomainError):
        check_file("notes.txt", b"\x00\x01\x02binary")


def test_a_file_over_the_size_limit_is_refused_with_the_limit_in_the_message(settings):
    settings.RIGHTSDESK_INTAKE = {"MAX_ATTACHMENT_BYTES": 1024}
    with pytest.raises(DomainError) as exc:
        check_file("big.pdf", PDF + b"x" * 2000)
    assert exc.value.code == "file_too_large" and "at most" in exc.value.message


def test_path_tricks_in_file_names_are_removed():
    assert check_file("../../etc/passwd.txt", b"hello").name == "passwd.txt"
