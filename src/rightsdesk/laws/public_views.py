"""The public analytics of the laws invoked (issue #19 §2): read only the reviewed public record
(``public_figures``) and withhold small numbers with the report's rule (``reports.disclosure``).

A public module (.importlinter ``public-side``).
"""

from __future__ import annotations

from django.urls import reverse

from .analytics_views import respond
from .public_figures import record_facts


def public_analytics(request, fmt: str = "html"):
    base = reverse("laws:public")
    return respond(request, record_facts(), exact=False, template="laws/public_analytics.html",
                   base_name=base, fmt=fmt)
