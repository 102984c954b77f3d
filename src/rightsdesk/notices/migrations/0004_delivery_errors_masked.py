"""Delivery errors kept before the log mask took every address shape are masked now (``notifier.describe_error``).

Until a6c7ddcd (7 December 2026) a notice's delivery error was kept with what the redactor's prose detector left: a
relay's ``someone@localhost``, an address literal (``erika@[192.0.2.1]``), ``erika%40example.org``, the local part a
bounce address encodes (``erika=example.org@bounce.example.net``), and the tracking or appeal link a content filter
quotes. The error is shown to every staff member who may view notices, unaudited. Each kept error is masked here by
the rule ``describe_error`` masks with today (``core.logfilters.masked``): masking a masked text changes nothing
(``[address]`` has no address in it), so only rows that change are written, in batches.

``Notice.last_error`` is a plain text column (not encrypted: it is written masked, to be shown to all who view
notices), so it is read and written as it is. Backwards: nothing to undo (what was masked is not kept anywhere).

The rule is copied below as it was when the migration was written (7 December 2026), not imported
(tests/test_architecture.py); tests/notices/test_error_masking_migration.py checks the copy against the app's rule.
"""

import ipaddress
import re

from django.db import migrations

# --- Frozen copies (7 December 2026) -------------------------------------------------------------------------------

#: core.logfilters.PRIVATE_LINK
PRIVATE_LINK = re.compile(r"/(track|appeal)/((?:recover/)?)[^/\s\"']+")
#: core.logfilters.WITHHELD
WITHHELD = "[withheld: the log mask failed on this text]"
#: privacy.redaction.address_pattern(in_prose=False): whatever has the shape of an address outside prose.
_ANY_ADDRESS_RE = re.compile(
    r"(?<![^\s<>()\[\]{}\",;:@])'?((?:[^\s<>()\[\]{}\",;:@%]|%(?!40))++(?:(?:@|%40)"
    r"(?:[\w-]{1,63}(?:(?:\.|%2[Ee])[\w-]{1,63})+|\[(?:IPv6:)?[0-9A-Fa-f:.]{2,45}\]|[\w-]{1,63}|\[[^\]\s]*\]+)"
    r"|(?<==)\[address\]))"
)
#: privacy.redaction._OBFUSCATED_EMAIL_RE
_OBFUSCATED_EMAIL_RE = re.compile(
    r"(?<![\w.+'-])'?([\w.+'-]{1,64}\s?[(\[{]\s?at\s?[)\]}]\s?[\w-]{1,63}(?:\s?(?:\.|[(\[{]\s?dot\s?[)\]}])\s?[\w-]{1,63})+)",
    re.IGNORECASE,
)
#: privacy.redaction._IPV4_RE and _IPV6_CANDIDATE_RE
_IPV4_RE = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:/\d{1,2})?(?![\d.]*\d)")
_IPV6_CANDIDATE_RE = re.compile(r"(?<![0-9A-Za-z])(?=[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:)[0-9A-Fa-f:.]{2,45}(?:%\w+)?(?:/\d{1,3})?(?![\w:])")


def _ips(text: str) -> list[tuple[int, int]]:
    """privacy.redaction._detect_ips: (start, end) of each IPv4 and IPv6 address."""
    out = [m.span() for m in _IPV4_RE.finditer(text)]
    for m in _IPV6_CANDIDATE_RE.finditer(text):
        raw = m.group(0).split("%")[0].split("/")[0].rstrip(".")
        start, end = m.start(), m.end() - (len(m.group(0)) - len(m.group(0).rstrip(".")))
        if raw.startswith(":") and not raw.startswith("::"):
            raw, start = raw[1:], start + 1
        for candidate in (raw, raw[:-1]) if raw.endswith(":") else (raw,):
            if candidate.count(":") < 2:
                continue
            try:
                ipaddress.IPv6Address(candidate)
            except ValueError:
                continue
            out.append((start, end))
            break
    return out


def mask_addresses(text: str) -> str:
    """privacy.redaction.mask_addresses(text, in_prose=False): each address, overlapping ones merged, as [address]."""
    spans = [m.span(1) for regex in (_ANY_ADDRESS_RE, _OBFUSCATED_EMAIL_RE) for m in regex.finditer(text)]
    merged: list[list[int]] = []
    for start, end in sorted(((s, e) for s, e in spans + _ips(text) if e > s), key=lambda span: (span[0], -span[1])):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + "[address]" + text[end:]
    return text


def masked(text: str) -> str:
    """core.logfilters.masked: private links, then every address; withheld if masking fails."""
    try:
        return mask_addresses(PRIVATE_LINK.sub(r"/\1/\2[private]", text))
    except Exception:
        return WITHHELD


# -------------------------------------------------------------------------------------------------------------------

BATCH = 500


def forwards(apps, schema_editor):
    Notice = apps.get_model("notices", "Notice")
    notices = Notice.objects.using(schema_editor.connection.alias).exclude(last_error="")
    batch = []
    for notice in notices.only("pk", "last_error").order_by("pk").iterator(2000):
        clean = masked(notice.last_error)[:1000]  # describe_error keeps at most 1,000 characters
        if clean != notice.last_error:
            notice.last_error = clean
            batch.append(notice)
        if len(batch) >= BATCH:
            Notice.objects.using(schema_editor.connection.alias).bulk_update(batch, ["last_error"])
            batch = []
    if batch:
        Notice.objects.using(schema_editor.connection.alias).bulk_update(batch, ["last_error"])


class Migration(migrations.Migration):
    dependencies = [("notices", "0003_notice_appeal_token_sealed")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
