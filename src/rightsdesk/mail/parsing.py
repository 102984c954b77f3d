"""Reading a received e-mail: pure functions over the bytes, no database.

:func:`parse` never raises, whatever it is given (broken MIME, headers that do not parse, charsets Python does not
know, a message cut in the middle): what went wrong is returned in ``Parsed.problems`` (short codes, listed in
:data:`PROBLEMS`), so the message is kept and shown to a person instead of crashing the worker.

It finds

- the headers that matter (sender, date, subject, Message-ID, In-Reply-To/References);
- the text of the message (the plain part, or the HTML part turned into text when there is no plain one),
  decoded from its declared charset (GB2312 read as GB18030, its superset, as mail clients do);
- the attached files, with executables and archives that would unpack to far more than they weigh refused
  (listed, not kept);
- a forwarded message, attached (``message/rfc822``) or inline ("---------- Forwarded message ---------",
  "Begin forwarded message:", "-----Original Message-----"), whose sender is the real requester;
- machine mail that must never open a case: automatic replies (RFC 3834 ``Auto-Submitted``, Outlook's
  ``X-Auto-Response-Suppress``), delivery failure reports (``multipart/report``, ``MAILER-DAEMON``) and
  mailing-list or bulk mail (``Precedence``, ``List-Id``).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html.parser import HTMLParser

from django.utils.translation import gettext_lazy as _

from . import authresults

#: Problem codes a parsed message may carry, in words for staff (the inbox shows them; the services add "oversize"
#: and the like). The one list: the inbox pages import it.
PROBLEMS = {
    "oversize": _("larger than the largest message kept"),
    "too_many_attachments": _("more attachments than are kept"),
    "executable_attachment": _("an executable attachment (listed, not kept)"),
    "archive_bomb": _("an archive that unpacks to far more than it weighs (listed, not kept)"),
    "broken_mime": _("the MIME structure is damaged"),
    "malformed_header": _("a header could not be read"),
    "undecodable_charset": _("text in an unknown or wrong character set (shown with replacement characters)"),
    "no_sender": _("no readable sender address"),
    "no_message_id": _("no Message-ID header"),
    "reply_not_filed": _("a reply its case did not accept (filed by a person)"),
    "sender_not_verified": _("our mail server did not verify the sender's address (SPF, DKIM, DMARC): it may be "
                             "forged"),
}
#: Problems that do not need a person's attention by themselves (an unverified sender is common: many senders'
#: domains publish no DMARC; it only keeps a reply from being filed by itself as the requester's).
HARMLESS_PROBLEMS = frozenset({"no_message_id", "sender_not_verified"})

#: Names Python does not know, or knows as a smaller set than mail clients mean by them.
CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cn-gb": "gb18030", "euc-cn": "gb18030",
    "ks_c_5601-1987": "cp949", "ks_c_5601": "cp949", "windows-874": "cp874", "iso-8859-8-i": "iso-8859-8",
    "iso-8859-6-i": "iso-8859-6", "x-mac-roman": "mac_roman", "unicode-1-1-utf-7": "utf-7", "utf8": "utf-8",
    "x-user-defined": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "iso-8859-1": "cp1252",
    "latin1": "cp1252", "latin-1": "cp1252",
}

EXECUTABLE_EXTENSIONS = frozenset({
    "exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "msix", "appx", "js", "jse", "vbs", "vbe", "wsf", "wsh",
    "ps1", "psm1", "jar", "hta", "cpl", "dll", "lnk", "reg", "sh", "app", "apk", "iso", "img", "vhd", "vhdx",
    "scf", "inf", "gadget", "application", "msc", "ws", "dmg", "pkg", "run", "elf", "bin", "xll",
})
EXECUTABLE_TYPES = frozenset({
    "application/x-msdownload", "application/x-msdos-program", "application/x-dosexec", "application/x-executable",
    "application/x-sh", "application/x-shellscript", "application/vnd.microsoft.portable-executable",
    "application/x-ms-installer", "application/x-msi", "application/java-archive", "application/hta",
    "application/x-elf", "application/x-mach-binary",
})
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")

#: An archive may unpack to at most this many times its size, and never to more than ARCHIVE_MAX_UNPACKED bytes.
ARCHIVE_MAX_RATIO = 100
ARCHIVE_MAX_UNPACKED = 500 * 2**20
ARCHIVE_MAX_DEPTH = 3


@dataclass
class Part:
    """One attached file as found in the message; ``refused`` says why its bytes must not be kept."""

    filename: str
    content_type: str
    data: bytes
    refused: str = ""

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass
class Forwarded:
    """The message inside a forward: its sender is the real requester."""

    email: str = ""
    name: str = ""
    subject: str = ""
    sent_at: datetime | None = None
    how: str = ""  # "attached" (message/rfc822) or "inline"


@dataclass
class Parsed:
    message_id: str = ""
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    sender_email: str = ""
    sender_name: str = ""
    to: list[str] = field(default_factory=list)
    subject: str = ""
    sent_at: datetime | None = None
    body_text: str = ""
    attachments: list[Part] = field(default_factory=list)
    forwarded: Forwarded | None = None
    #: Whether our mail server verified the From address (authresults.sender_verified); None: not configured.
    sender_verified: bool | None = None
    #: "auto_reply", "bounce", "mailing_list" or "" (see :func:`machine_mail`).
    ignore_reason: str = ""
    problems: list[str] = field(default_factory=list)

    def problem(self, code: str) -> None:
        if code not in self.problems:
            self.problems.append(code)

    @property
    def requester_email(self) -> str:
        return (self.forwarded.email if self.forwarded and self.forwarded.email else self.sender_email)

    @property
    def requester_name(self) -> str:
        return self.forwarded.name if self.forwarded and self.forwarded.email else self.sender_name

    @property
    def body_hash(self) -> str:
        """Same sender, same text and the same files: the same message sent again (a short "see the attached
        order" with a different order attached is a different message)."""
        files = sorted(hashlib.sha256(part.data).hexdigest() for part in self.attachments)
        return body_hash(self.requester_email, self.body_text, files)


# --- Headers --------------------------------------------------------------------------------------------------------

def load(raw: bytes) -> EmailMessage:
    """The message object (the standard library's parser never raises on bad input; it records defects)."""
    return BytesParser(policy=policy.default).parsebytes(raw)


def header(msg: Message, name: str, problems: list[str] | None = None) -> str:
    """A header's decoded value as text, or "" — never an exception, whatever the header holds."""
    try:
        value = msg.get(name)
    except Exception:  # a header the structured parser chokes on: read it raw
        if problems is not None and "malformed_header" not in problems:
            problems.append("malformed_header")
        value = _raw_header(msg, name)
    if value is None:
        return ""
    try:
        text = str(value)
    except Exception:
        if problems is not None and "malformed_header" not in problems:
            problems.append("malformed_header")
        text = _raw_header(msg, name) or ""
    if getattr(value, "defects", None) and problems is not None and "malformed_header" not in problems:
        problems.append("malformed_header")
    return " ".join(text.split())


def _raw_header(msg: Message, name: str) -> str:
    for key, value in getattr(msg, "_headers", []):
        if key.lower() == name.lower():
            return value if isinstance(value, str) else str(value)
    return ""


def _address(msg: Message, name: str, problems: list[str]) -> tuple[str, str]:
    """(name, e-mail) of an address header; the e-mail lower-cased when it looks like one, else ""."""
    try:
        value = msg.get(name)
        addresses = getattr(value, "addresses", None)
        if addresses:
            first: Address = addresses[0]
            email = (first.addr_spec or "").strip()
            if "@" in email and " " not in email:
                return (first.display_name or "").strip(), email.lower()
    except Exception:
        pass
    text = header(msg, name, problems)
    if not text:
        return "", ""
    display, email = parseaddr(text)
    if "@" not in email:
        if "malformed_header" not in problems:
            problems.append("malformed_header")
        return display.strip(), ""
    return display.strip(), email.strip().lower()


_MSGID = re.compile(r"<[^<>\s\x00-\x1f\x7f]+>")


def message_ids(text: str) -> list[str]:
    """The Message-IDs in an In-Reply-To or References value, with their angle brackets."""
    return _MSGID.findall(text or "")


def _date(msg: Message, problems: list[str]) -> datetime | None:
    try:
        value = msg.get("Date")
        moment = getattr(value, "datetime", None)
    except Exception:
        moment = None
    if moment is None:
        text = _raw_header(msg, "Date")
        if not text:
            return None
        try:
            moment = parsedate_to_datetime(text)
        except Exception:
            if "malformed_header" not in problems:
                problems.append("malformed_header")
            return None
    if moment is not None and moment.tzinfo is None:
        from datetime import timezone as tz
        moment = moment.replace(tzinfo=tz.utc)  # RFC 5322 "-0000": the zone is unknown; take UTC
    return moment


# --- Text -----------------------------------------------------------------------------------------------------------

def decode_text(data: bytes, charset: str | None, problems: list[str]) -> str:
    """Bytes of a text part as text; an unknown charset or wrong bytes give replacement characters and a problem."""
    name = (charset or "utf-8").strip().strip('"').lower()
    codec = CHARSET_ALIASES.get(name, name)
    if codec == "cp1252" and not data.isascii():
        # "us-ascii" or "iso-8859-1" on bytes that are valid UTF-8: a client that labelled UTF-8 wrongly
        # (valid UTF-8 is rarely anything else). Otherwise Windows-1252, the superset of Latin-1 mail means.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(codec)
    except LookupError:
        pass
    except UnicodeDecodeError:
        # A charset that lies (Latin-1 declared, UTF-8 sent) is common: try UTF-8 before giving up.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if "undecodable_charset" not in problems:
            problems.append("undecodable_charset")
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if "undecodable_charset" not in problems:
            problems.append("undecodable_charset")
        return data.decode("utf-8", errors="replace")


def _part_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if data is None:
        payload = part.get_payload()
        if isinstance(payload, str):
            return payload.encode("utf-8", errors="replace")
        return b""
    return data


def _part_text(part: Message, problems: list[str]) -> str:
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    return decode_text(_part_bytes(part), charset, problems)


class _HTMLText(HTMLParser):
    BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol",
             "section", "article", "header", "footer", "pre", "hr", "dd", "dt"}
    SKIP = {"script", "style", "head", "title", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.out.append("\n")
            if tag == "li":
                self.out.append("- ")
        elif tag in ("td", "th"):
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(data)


def html_to_text(html: str) -> str:
    """Readable text of an HTML mail body (no markup, no scripts or styles, one blank line between blocks)."""
    converter = _HTMLText()
    try:
        converter.feed(html)
        converter.close()
    except Exception:
        return re.sub(r"<[^>]+>", " ", html)
    text = "".join(converter.out).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def normalise(text: str) -> str:
    return " ".join((text or "").split())


def body_hash(sender: str, body: str, files: list[str] | tuple = ()) -> str:
    """The digest that finds the same text (and files) from the same sender sent again under another Message-ID."""
    return hashlib.sha256(f"{(sender or '').lower()}\n{normalise(body)}\n{' '.join(files)}".encode()).hexdigest()


# --- Attachments ----------------------------------------------------------------------------------------------------

def is_executable(filename: str, content_type: str, data: bytes) -> bool:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return (extension in EXECUTABLE_EXTENSIONS or content_type.lower() in EXECUTABLE_TYPES
            or data[:4].startswith(_EXECUTABLE_MAGIC))


def archive_problem(data: bytes, depth: int = 0, *, ratio: int = ARCHIVE_MAX_RATIO,
                    limit: int = ARCHIVE_MAX_UNPACKED) -> str:
    """"archive_bomb" when a zip would unpack to more than it should (or nests too deep), "executable" when it holds
    a program, else ""."""
    if not data.startswith(b"PK\x03\x04"):
        return ""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            unpacked = sum(max(0, m.file_size) for m in members)
            if unpacked > limit or unpacked > ratio * max(len(data), 1):
                return "archive_bomb"
            for member in members:
                name = member.filename.rsplit("/", 1)[-1]
                if is_executable(name, "", b""):
                    return "executable"
                if name.lower().endswith(".zip"):
                    if depth >= ARCHIVE_MAX_DEPTH:
                        return "archive_bomb"
                    inner = archive.read(member) if member.file_size <= limit else b""
                    found = archive_problem(inner, depth + 1, ratio=ratio, limit=limit)
                    if found:
                        return found
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError):
        return ""  # not a readable zip: kept as a file for a person, like any other
    return ""


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    name = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable()).strip()[:200]


def _content_type(part: Message) -> str:
    try:
        value = part.get_content_type()
    except Exception:
        return "application/octet-stream"
    return "".join(ch for ch in value if ch.isprintable())[:255] or "application/octet-stream"


# --- Machine mail ---------------------------------------------------------------------------------------------------

_DAEMONS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.I)


def machine_mail(msg: Message, sender_email: str) -> str:
    """Why this message is machine mail that must never open a case or change one: "bounce", "auto_reply",
    "mailing_list", or "" for a message a person wrote."""
    content_type = _content_type(msg)
    report_type = ""
    try:
        report_type = (msg.get_param("report-type") or "").lower() if content_type == "multipart/report" else ""
    except Exception:
        pass
    if content_type == "multipart/report" and report_type in ("delivery-status", ""):
        return "bounce"
    if _DAEMONS.match(sender_email or ""):
        return "bounce"
    if msg.is_multipart():
        try:
            if any(_content_type(p) in ("message/delivery-status", "message/global-delivery-status")
                   for p in msg.walk()):
                return "bounce"
        except Exception:
            pass
    if content_type == "multipart/report" and report_type in ("disposition-notification",):
        return "auto_reply"  # a read receipt
    auto = header(msg, "Auto-Submitted").lower()
    if auto and not auto.startswith("no"):
        return "auto_reply"
    suppress = header(msg, "X-Auto-Response-Suppress").lower()
    if suppress and any(word in suppress for word in ("all", "oof", "autoreply", "dr", "rn", "nrn")):
        return "auto_reply"
    if header(msg, "X-Autoreply") or header(msg, "X-Autorespond") or header(msg, "X-Autoreply-From"):
        return "auto_reply"
    precedence = header(msg, "Precedence").lower()
    if precedence == "auto_reply":
        return "auto_reply"
    if precedence in ("bulk", "junk", "list"):
        return "mailing_list"
    if header(msg, "List-Id") or header(msg, "List-Unsubscribe"):
        return "mailing_list"
    return ""


# --- Forwards -------------------------------------------------------------------------------------------------------

_INLINE_FORWARD = re.compile(
    r"^[ \t>]*(?:-{2,}\s*(?:Forwarded message|Mensaje reenviado|Message transféré|Message transfere|"
    r"Weitergeleitete Nachricht|Пересылаемое сообщение|转发的邮件|الرسالة المُعاد توجيهها|Doorgestuurd bericht)\s*-{2,}"
    r"|Begin forwarded message:|Début du message réexpédié\s*:|Anfang der weitergeleiteten Nachricht:"
    r"|-{3,}\s*Original Message\s*-{3,}|-{3,}\s*Mensaje original\s*-{3,}|-{3,}\s*Message d'origine\s*-{3,})\s*$",
    re.I | re.M,
)
_FORWARD_FIELD = re.compile(
    r"^[ \t>*]*(From|De|Von|Van|Da|От|发件人|من|Date|Sent|Envoyé|Enviado|Gesendet|Fecha|Subject|Objet|Asunto|Betreff"
    r"|Тема|主题|الموضوع|To|À|Para|An)\s*:\s*\**\s*(.*)$", re.I)
_FROM_WORDS = {"from", "de", "von", "van", "da", "от", "发件人", "من"}
_SUBJECT_WORDS = {"subject", "objet", "asunto", "betreff", "тема", "主题", "الموضوع"}
_DATE_WORDS = {"date", "sent", "envoyé", "enviado", "gesendet", "fecha"}
_REPLY_PREFIX = re.compile(r"^\s*(re|aw|sv|antw|rif|ответ|回复|رد)\s*:", re.I)


def inline_forward(text: str, subject: str = "") -> Forwarded | None:
    """The sender of a forward pasted into the text, or None.

    "-----Original Message-----" is also how Outlook quotes in a reply, so it counts as a forward only when the
    subject is not a reply's ("Re:").
    """
    for found in _INLINE_FORWARD.finditer(text or ""):
        if "original" in found.group(0).lower() or "origin" in found.group(0).lower():
            if _REPLY_PREFIX.match(subject or ""):
                continue
        forwarded = Forwarded(how="inline")
        for line in text[found.end():].lstrip("\n").splitlines()[:12]:
            match = _FORWARD_FIELD.match(line)
            if not match:
                if not line.strip():
                    if forwarded.email:
                        break
                    continue
                continue
            word, value = match.group(1).lower(), match.group(2).strip().strip("*").strip()
            if word in _FROM_WORDS and not forwarded.email:
                name, email = parseaddr(value.replace("[mailto:", "<").replace("]", ">"))
                if "@" not in email:
                    bracket = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value)
                    email = bracket.group(0) if bracket else ""
                    name = value.split("<")[0].strip().strip('"') if email else ""
                forwarded.email = email.lower()
                forwarded.name = (name or "").strip().strip('"')
            elif word in _SUBJECT_WORDS and not forwarded.subject:
                forwarded.subject = value
            elif word in _DATE_WORDS and forwarded.sent_at is None:
                try:
                    forwarded.sent_at = parsedate_to_datetime(value)
                except Exception:
                    forwarded.sent_at = None
        if forwarded.email:
            return forwarded
    return None


# --- The whole message ----------------------------------------------------------------------------------------------

def _is_body_part(part: Message, disposition: str) -> bool:
    return _content_type(part) in ("text/plain", "text/html") and disposition != "attachment" and not _filename(part)


def _collect(msg: Message, parsed: Parsed, plain: list[str], html: list[str], depth: int = 0) -> None:
    """Walk the MIME tree: text parts to the body, files to the attachments, attached messages to the forward."""
    if depth > 20:
        parsed.problem("broken_mime")
        return
    if getattr(msg, "defects", None):
        parsed.problem("broken_mime")
    content_type = _content_type(msg)
    if content_type == "message/rfc822":
        inner = msg.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if isinstance(inner, Message):
            _attached_message(inner, parsed, plain, html, depth)
            return
    if content_type.startswith("multipart/") and not msg.is_multipart():
        # The boundary never appears: the parts cannot be told apart, so the whole is read as text.
        parsed.problem("broken_mime")
        plain.append(_part_text(msg, parsed.problems))
        return
    if msg.is_multipart():
        payload = msg.get_payload()
        if not isinstance(payload, list):
            parsed.problem("broken_mime")
            return
        if content_type == "multipart/alternative":
            # One of the alternatives: the plain text if there is one, else the richest.
            kinds = {_content_type(p): p for p in payload}
            chosen = kinds.get("text/plain") or next((p for p in payload if p.is_multipart()), None) \
                or kinds.get("text/html") or (payload[-1] if payload else None)
            if chosen is not None:
                _collect(chosen, parsed, plain, html, depth + 1)
            for other in payload:
                if other is not chosen and other.is_multipart():
                    # an alternative with related images etc.: keep its files only
                    _collect(other, parsed, [], [], depth + 1)
            return
        for sub in payload:
            _collect(sub, parsed, plain, html, depth + 1)
        return
    try:
        disposition = (msg.get_content_disposition() or "").lower()
    except Exception:
        disposition = ""
    if content_type in ("message/delivery-status", "message/global-delivery-status", "text/rfc822-headers"):
        return
    if _is_body_part(msg, disposition):
        text = _part_text(msg, parsed.problems)
        (plain if content_type == "text/plain" else html).append(text)
        return
    data = _part_bytes(msg)
    # A part sent without a file name keeps none: the page names it in the reader's language ("Unnamed attachment"),
    # where "attachment", stored here, was English on every page.
    name = _filename(msg)
    parsed.attachments.append(Part(filename=name, content_type=content_type, data=data))


def _attached_message(inner: Message, parsed: Parsed, plain: list[str], html: list[str], depth: int) -> None:
    problems: list[str] = parsed.problems
    name, email = _address(inner, "From", problems)
    if parsed.forwarded is None and email:
        parsed.forwarded = Forwarded(email=email, name=name, subject=header(inner, "Subject", problems),
                                     sent_at=_date(inner, problems), how="attached")
    inner_plain: list[str] = []
    inner_html: list[str] = []
    _collect(inner, parsed, inner_plain, inner_html, depth + 1)
    text = "\n\n".join(t for t in inner_plain if t.strip()) or "\n\n".join(html_to_text(h) for h in inner_html)
    lines = ["---------- Forwarded message ----------"]
    if email:
        lines.append(f"From: {name} <{email}>" if name else f"From: {email}")
    for label in ("Date", "Subject", "To"):
        value = header(inner, label, problems)
        if value:
            lines.append(f"{label}: {value}")
    plain.append("\n".join(lines) + "\n\n" + text)


def parse(raw: bytes, *, archive_ratio: int = ARCHIVE_MAX_RATIO, archive_limit: int = ARCHIVE_MAX_UNPACKED,
          authserv_id: str = "") -> Parsed:
    """Everything rightsdesk needs from one message; never raises (see the module's docstring). ``authserv_id``:
    the name our mail server writes its ``Authentication-Results`` under (authresults)."""
    parsed = Parsed()
    try:
        msg = load(raw)
    except Exception:  # pragma: no cover - the parser is documented not to raise
        parsed.problem("broken_mime")
        parsed.body_text = raw.decode("utf-8", errors="replace")
        return parsed
    problems = parsed.problems
    try:
        parsed.sender_name, parsed.sender_email = _address(msg, "From", problems)
        try:
            results = [str(v) for v in msg.get_all("Authentication-Results") or []]
        except Exception:
            results = []
        # Only the From address can be verified: a sender taken from Sender, Reply-To or Return-Path is not.
        parsed.sender_verified = authresults.sender_verified(results, parsed.sender_email, authserv_id)
        if parsed.sender_verified is False:
            parsed.problem("sender_not_verified")
        for fallback in ("Sender", "Reply-To", "Return-Path"):
            if parsed.sender_email:
                break
            name, email = _address(msg, fallback, [])
            if email:
                parsed.sender_email, parsed.sender_name = email, parsed.sender_name or name
        if not parsed.sender_email:
            parsed.problem("no_sender")
        parsed.subject = header(msg, "Subject", problems)
        ids = message_ids(header(msg, "Message-ID", problems))
        parsed.message_id = ids[0] if ids else ""
        if not parsed.message_id:
            parsed.problem("no_message_id")
        parsed.in_reply_to = message_ids(header(msg, "In-Reply-To", problems))
        parsed.references = message_ids(header(msg, "References", problems))
        parsed.sent_at = _date(msg, problems)
        try:
            parsed.to = [a.lower() for _, a in getaddresses([header(msg, "To"), header(msg, "Cc")]) if "@" in a]
        except Exception:
            parsed.to = []
        plain: list[str] = []
        html: list[str] = []
        _collect(msg, parsed, plain, html)
        body = "\n\n".join(t.strip("\n") for t in plain if t.strip())
        if not body and html:
            body = "\n\n".join(html_to_text(h) for h in html)
        parsed.body_text = body.replace("\r\n", "\n").strip()
        if parsed.forwarded is None:
            parsed.forwarded = inline_forward(parsed.body_text, parsed.subject)
        if parsed.forwarded is not None and parsed.forwarded.email == parsed.sender_email:
            parsed.forwarded = None  # forwarding one's own message: no one else to name
        parsed.ignore_reason = machine_mail(msg, parsed.sender_email)
        if parsed.ignore_reason == "bounce":
            parsed.forwarded = None  # the returned message inside a bounce is ours, not a forward
    except Exception:  # the last guard: whatever was read so far is kept
        parsed.problem("broken_mime")
        if not parsed.body_text:
            parsed.body_text = raw.decode("utf-8", errors="replace")[:100_000]
    for part in parsed.attachments:
        if is_executable(part.filename, part.content_type, part.data):
            part.refused = "executable"
        else:
            found = archive_problem(part.data, ratio=archive_ratio, limit=archive_limit)
            if found:
                part.refused = found
    if any(p.refused == "executable" for p in parsed.attachments):
        parsed.problem("executable_attachment")
    if any(p.refused == "archive_bomb" for p in parsed.attachments):
        parsed.problem("archive_bomb")
    return parsed


def parse_headers(raw: bytes, *, authserv_id: str = "") -> Parsed:
    """The headers only, for a message too large to read whole: the stub kept in its place."""
    end = raw.find(b"\r\n\r\n")
    end = raw.find(b"\n\n") if end < 0 else end
    head = raw[: end if end >= 0 else min(len(raw), 256 * 1024)][: 256 * 1024]
    parsed = parse(head + b"\r\n\r\n", authserv_id=authserv_id)
    parsed.problems[:] = [p for p in parsed.problems
                          if p in ("malformed_header", "no_sender", "no_message_id", "sender_not_verified")]
    parsed.body_text = ""
    parsed.attachments = []
    parsed.forwarded = None
    return parsed


def header_block(raw: bytes) -> bytes:
    """The header section of a raw message (kept for an oversize message instead of the whole)."""
    for separator in (b"\r\n\r\n", b"\n\n"):
        end = raw.find(separator)
        if end >= 0:
            return raw[: min(end, 256 * 1024)] + separator
    return raw[: 256 * 1024]
