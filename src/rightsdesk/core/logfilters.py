"""Logging filters that keep private links out of the logs.

Django writes the path of every 4xx and 5xx response to the ``django.request``
logger; for a tracking or appeal link the path *is* the secret. The filter
rewrites ``/track/<token>`` and ``/appeal/<token>`` to ``/track/[private]``
before any handler (files, consoles, test capture) sees the record.
"""

import logging
import re

PRIVATE_LINK = re.compile(r"/(track|appeal)/[^/\s\"']+")


class MaskPrivateLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = PRIVATE_LINK.sub(r"/\1/[private]", message)
        if masked != message:
            record.msg, record.args = masked, ()
        request = getattr(record, "request", None)
        if request is not None and PRIVATE_LINK.search(getattr(request, "path", "") or ""):
            record.request = None  # handlers that print the request would print the path again
        return True
