"""Intake's part of the demo data: submitting organisations, the declarations notices carry, and requester replies.

Built on the demo cases (order 10), deterministically from the given rng.
No API token is created: tokens are secrets, issue one with ``rightsdesk token create``.
"""

from __future__ import annotations

import random

from rightsdesk.accounts.models import Organisation
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.demo import register

from .models import Declaration, MessageFromRequester

ORGANISATIONS = [
    ("Acme Rights Management", c.RequesterType.COMPANY, "US", False),
    ("Global Photo Agency", c.RequesterType.COMPANY, "GB", False),
    ("Safer Internet Helpline", c.RequesterType.TRUSTED_FLAGGER, "DE", True),
]
REPLIES = [
    "The exact page is the second URL; the first one was a copy.",
    "Attached is the court's stamped order; the case number is on page 1.",
    "I am the photographer; the original is on my portfolio site.",
    "We narrow the request to the single account named in the order.",
]


@register("intake", order=30)
def build_intake(rng: random.Random, write) -> None:
    for name, rtype, country, trusted in ORGANISATIONS:
        Organisation.objects.get_or_create(name=name, defaults={
            "requester_type": rtype, "country": country, "trusted_flagger": trusted,
            "contact_email": f"notices@{name.split()[0].lower()}.example"})
    notices = Case.objects.filter(kind__in=[c.Kind.COPYRIGHT_NOTICE, c.Kind.TRADEMARK_NOTICE,  # not a policy rule: sworn forms
                                            c.Kind.COPYRIGHT_COUNTER_NOTICE, c.Kind.CONTENT_TAKEDOWN]).order_by("pk")
    declarations = 0
    for case in notices:
        if Declaration.objects.filter(case=case).exists():
            continue
        if case.kind == c.Kind.CONTENT_TAKEDOWN:
            statements = ["good_faith"] if rng.random() < 0.9 else []
        elif case.kind == c.Kind.COPYRIGHT_COUNTER_NOTICE:
            statements = ["mistake_statement", "consent_jurisdiction"]
        else:
            statements = ["good_faith", "accuracy_statement"] if rng.random() < 0.85 else ["good_faith"]
        requester = case.requester
        signature = requester.name if requester and case.kind != c.Kind.CONTENT_TAKEDOWN else ""
        Declaration.objects.create(case=case, statements=statements, signature=signature)
        declarations += 1
    replies = 0
    for case in Case.objects.filter(state=c.State.AWAITING_INFORMATION).order_by("pk"):
        if not MessageFromRequester.objects.filter(case=case).exists() and rng.random() < 0.5:
            MessageFromRequester.objects.create(case=case, text=rng.choice(REPLIES))
            replies += 1
    write(f"  intake: {len(ORGANISATIONS)} submitting organisations, {declarations} declarations, {replies} replies")
