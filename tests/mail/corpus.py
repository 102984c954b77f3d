"""The .eml corpus of tests/data/mail and what the mail tests build on it.

Files whose Message-IDs or subjects point at a case carry ``{{REFERENCE}}`` and ``{{MESSAGE_ID}}``: a test fills
them in with a case it made (the references are random).
"""

from __future__ import annotations

from email.message import EmailMessage
from email import policy
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "data" / "mail"
INBOXES = [
    ("legal", "legal@demo.invalid", ""),
    ("dmca", "dmca@demo.invalid", "copyright_notice"),
    ("privacy", "privacy@demo.invalid", "content_takedown"),
    ("emergency", "emergency@demo.invalid", "emergency_disclosure"),
]


def eml(name: str, **fill: str) -> bytes:
    data = (CORPUS / name).read_bytes()
    for key, value in fill.items():
        data = data.replace(b"{{" + key.upper().encode() + b"}}", value.encode())
    return data


def make_inboxes():
    from rightsdesk.mail.models import Inbox

    return {name: Inbox.objects.get_or_create(name=name, defaults={"address": address, "default_kind": kind})[0]
            for name, address, kind in INBOXES}


def many_attachments(count: int = 200) -> bytes:
    """A message with ``count`` small PDF attachments (built here rather than kept as a large file)."""
    message = EmailMessage()
    message["From"] = "Scanner <scanner@office.example>"
    message["To"] = "legal@demo.invalid"
    message["Subject"] = f"Scanned exhibits ({count} files)"
    message["Date"] = "Tue, 01 Dec 2026 12:00:00 +0000"
    message["Message-ID"] = f"<many-{count}@office.example>"
    message.set_content("The exhibits of the court order, one file per page.\n")
    for number in range(count):
        message.add_attachment(b"%PDF-1.4\n% exhibit " + str(number).encode() + b"\n%%EOF\n", maintype="application",
                               subtype="pdf", filename=f"exhibit-{number:03d}.pdf")
    return message.as_bytes(policy=policy.SMTP)


def large_message(size: int) -> bytes:
    """A message of at least ``size`` bytes (a long attachment, as base64 lines, built without encoding it)."""
    head = (b"From: Big Sender <big@example.net>\r\nTo: legal@demo.invalid\r\nSubject: Video evidence\r\n"
            b"Date: Tue, 01 Dec 2026 12:00:00 +0000\r\nMessage-ID: <large-%d@example.net>\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\n"
            b"The video is attached.\r\n--B\r\nContent-Type: video/mp4\r\nContent-Transfer-Encoding: base64\r\n"
            b"Content-Disposition: attachment; filename=video.mp4\r\n\r\n") % size
    line = b"AAAA" * 19 + b"\r\n"
    return head + line * (size // len(line) + 1) + b"--B--\r\n"
