"""Demo impact assessments: the kind a legal team of a knowledge platform keeps."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from rightsdesk.demo import demo_login, register

from . import services
from .models import Assessment, Mitigation, Right

ASSESSMENTS = [
    ("Responding to user-data requests from high-risk jurisdictions", "Requests for user information",
     [Right.PRIVACY, Right.LIFE_SECURITY, Right.EXPRESSION],
     [("Disclosure could expose volunteers to persecution for their edits.", Right.LIFE_SECURITY, 4, 2,
       ["Require a court order reviewed by two people", "Notify users unless lawfully barred"])]),
    ("Geo-restriction of content on court order", "Country restrictions", [Right.EXPRESSION, Right.INFORMATION],
     [("Restrictions spread beyond the ordering country.", Right.INFORMATION, 3, 2, ["Restrict per country only, publish a 451 page"])]),
    ("Retention of IP addresses in edit logs", "Data retention", [Right.PRIVACY],
     [("Long retention increases what can be demanded.", Right.PRIVACY, 3, 3, ["Purge IPs after 90 days"])]),
    ("Launching the harassment reporting form", "Harm reports", [Right.LIFE_SECURITY, Right.NON_DISCRIMINATION, Right.CHILD],
     [("Reports used to silence minority editors.", Right.NON_DISCRIMINATION, 2, 3, ["Human review of every report"]),
      ("Reporters' identity leaks to the reported user.", Right.PRIVACY, 3, 1, ["Never show reporter identity"])]),
    ("Entering a new language market", "Market entry", [Right.EXPRESSION, Right.CULTURE, Right.EDUCATION], []),
]


@register("diligence", order=40)
def build_diligence(rng: random.Random, write) -> None:
    today = timezone.localdate()
    statuses = list(Assessment.Status.values)
    # Written as staff write them (diligence.services), so the register has its history in the audit trail.
    approver = demo_login("approver")
    for title, subject, rights, risks in ASSESSMENTS:
        assessed = today - timedelta(days=rng.randint(30, 400))
        a = services.create_assessment(approver, {
            "title": title, "subject": subject, "rights_at_stake": list(rights), "status": rng.choice(statuses[:3]),
            "assessed_on": assessed, "review_on": assessed + timedelta(days=rng.choice([180, 365, 540])),
            "summary": "Demo assessment."})
        for description, right, severity, likelihood, mitigations in risks:
            r = services.add_risk(a, approver, {"description": description, "right": right, "severity": severity,
                                                "likelihood": likelihood})
            for m in mitigations:
                services.add_mitigation(r, approver, {
                    "description": m, "due_on": today + timedelta(days=rng.randint(-30, 120)),
                    "status": rng.choice(list(Mitigation.Status.values)[:3])})
    write(f"  diligence: {Assessment.objects.count()} impact assessments")
