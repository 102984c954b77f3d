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
    """A message of about ``size`` bytes (one big attachment)."""
    message = EmailMessage()
    message["From"] = "Big Sender <big@example.net>"
    message["To"] = "legal@demo.invalid"
    message["Subject"] = "Video evidence"
    message["Date"] = "Tue, 01 Dec 2026 12:00:00 +0000"
    message["Message-ID"] = f"<large-{size}@example.net>"
    message.set_content("The video is attached.\n")
    message.add_attachment(b"\x00\x01" * (size // 2 * 3 // 4), maintype="video", subtype="mp4", filename="video.mp4")
    return message.as_bytes(policy=policy.SMTP)
