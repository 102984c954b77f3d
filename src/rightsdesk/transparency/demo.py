"""Demo data for the public records: the demo's decided cases that need one, published.

Content and copyright cases are listed in the notice log; other kinds with a
removed or restricted item (harm reports) get an unlisted record, which backs
their placeholders and DSA statements.

Each is published with the redaction the redactor proposed, approved as is
(actor "demo"). About one in eight is left in the staff redaction queue so
the editor has work to show. Deterministic: only the given rng decides.
"""

from __future__ import annotations

from rightsdesk.demo import register


@register("public notice log", order=60)
def build_public_log(rng, write) -> None:
    from rightsdesk.core.errors import DomainError

    from . import publishing

    cases = list(publishing.redaction_queue().order_by("decided_at", "reference"))
    published = 0
    for case in sorted(cases, key=lambda c: (c.decided_at, c.received_at, c.subject, c.pk)):
        if rng.random() < 0.125:
            continue  # left for the redaction queue
        try:
            publishing.publish_as_system(case, "demo")
        except DomainError:  # e.g. a legal hold bars notice of the case
            continue
        published += 1
    write(f"  public records: {published} published, {len(cases) - published} waiting for redaction review")
