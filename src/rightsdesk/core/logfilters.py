"""Logging filters that keep private links out of the logs.

Django writes the path of every 4xx and 5xx response to the ``django.request``
logger; for a tracking or appeal link the path *is* the secret. The filter
rewrites ``/track/<token>``, ``/track/recover/<code>`` (the link to new tracking
links) and ``/appeal/<token>`` to ``/track/[private]``, ``/track/recover/[private]``
and so on before any handler (files, consoles, test capture) sees the record.
``tests/security/test_private_logs.py`` checks that every URL that takes a token
or a code is masked, so a new one cannot be forgotten here.
"""

import logging
import re

PRIVATE_LINK = re.compile(r"/(track|appeal)/((?:recover/)?)[^/\s\"']+")


class MaskPrivateLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = PRIVATE_LINK.sub(r"/\1/\2[private]", message)
        if masked != message:
            record.msg, record.args = masked, ()
        request = getattr(record, "request", None)
        if request is not None and PRIVATE_LINK.search(getattr(request, "path", "") or ""):
            record.request = None  # handlers that print the request would print the path again
        return True
