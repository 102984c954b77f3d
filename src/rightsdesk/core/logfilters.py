"""The logging filter that keeps private data out of the logs: the one place the logs are masked.

Django writes the path of every 4xx and 5xx response to the ``django.request``
logger (and a refused CSRF check to ``django.security.csrf``); for a tracking or
appeal link the path *is* the secret. Exceptions quote what they were given:
an SMTP refusal names the recipient's address, a network error a visitor's IP
address, and a traceback carries that text into the log. So the filter masks,
in the message and in the traceback of every record, ``/track/<token>``,
``/track/recover/<code>`` (the link to new tracking links) and
``/appeal/<token>`` (``/track/[private]`` and so on), and every e-mail and IP
address (``[address]``): whatever has the shape of one, by the redactor's one rule of
what an address is (``privacy.redaction.address_pattern``, outside prose: a relay's
``someone@localhost`` too), before any handler (files, consoles, test capture) sees
the record. A notice's delivery error is
kept and shown to staff through the same rule (``notices.notifier.describe_error``).

It is installed on the console handler, the only handler the settings give any
logger (Django's default handlers are taken off the ``django`` logger), so a
record of any logger, ours, Django's or a library's, passes through it.
``tests/security/test_private_logs.py`` checks that every URL that takes a
token or a code is masked, so a new one cannot be forgotten here, and that no
handler a record can reach goes without this filter.
"""

import logging
import re

PRIVATE_LINK = re.compile(r"/(track|appeal)/((?:recover/)?)[^/\s\"']+")

#: What is written instead of a text the mask could not read: the mask fails closed, and logging goes on.
WITHHELD = "[withheld: the log mask failed on this text]"


def masked(text: str) -> str:
    """``text`` with its private links, e-mail and IP addresses masked (for a log line or a kept traceback).

    If masking fails (a bug in a detector), the text is withheld rather than written unmasked, and no exception
    leaves: a logging filter that raises would break the code that was only logging (``logging`` does not catch a
    filter's exception)."""
    try:
        from rightsdesk.privacy.redaction import mask_addresses  # not at import: the settings load this module

        return mask_addresses(PRIVATE_LINK.sub(r"/\1/\2[private]", text), in_prose=False)
    except Exception:
        return WITHHELD


class MaskPrivateData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = masked(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:  # the formatters print exc_text when it is set, not the exception again
            record.exc_text = masked(record.exc_text)
        if record.stack_info:
            record.stack_info = masked(record.stack_info)
        request = getattr(record, "request", None)
        if request is not None and PRIVATE_LINK.search(getattr(request, "path", "") or ""):
            record.request = None  # handlers that print the request would print the path again
        return True
