"""The statutory deadlines rightsdesk ships with, each citing its legal source (documented in docs/review.md).

The data is written out here, not imported, so that this migration always ships the same rules; staff with
the administrator role change them afterwards in the admin. Where no case kind or ground fits, a rule is keyed
on the "law or rule invoked" field (law_match): the EU removal orders, the US preservation requests.
"""

from django.db import migrations

RULES = [
    {
        "key": "us-512g-counter-notice", "name": "Copyright counter-notice: restore the material",
        "kinds": ["copyright_counter_notice"], "jurisdiction": "US", "clock_type": "business_days",
        "duration": 14, "minimum": 10, "start_event": "counter_notice_received", "on_expiry": "step",
        "step": "Counter-notice period over: restore the items unless a lawsuit by the claimant was recorded on "
                "the case.",
        "source": "17 U.S.C. § 512(g)(2)(C)",
    },
    {
        "key": "eu-gdpr-art12-3", "name": "Data-subject request: answer within one month",
        "kinds": ["content_takedown"], "jurisdiction": "EU", "ground": "right_to_erasure",
        "law_match": "GDPR|2016/679|DSGVO|RGPD", "clock_type": "months", "duration": 1, "extension": 2,
        "max_extensions": 1, "start_event": "received", "on_expiry": "escalate",
        "step": "Answer the data subject, or extend by two months telling them why.",
        "source": "Regulation (EU) 2016/679 (GDPR), Art. 12(3)",
    },
    {
        "key": "eu-tco-art3-3", "name": "Terrorist content removal order: remove within one hour",
        "kinds": ["content_takedown"], "jurisdiction": "EU", "law_match": "2021/784|terrorist content|TCO",
        "clock_type": "hours", "duration": 1, "start_event": "received", "on_expiry": "escalate",
        "step": "Remove the content or disable access to it in every member state, and tell the authority.",
        "source": "Regulation (EU) 2021/784 (TCO), Art. 3(3)",
    },
    {
        "key": "de-netzdg-3-2-2", "name": "NetzDG complaint: manifestly unlawful content within 24 hours",
        "kinds": ["content_takedown"], "jurisdiction": "DE", "ground": "hate_speech", "law_match": "NetzDG",
        "clock_type": "hours", "duration": 24, "start_event": "received", "on_expiry": "escalate",
        "step": "If the content is manifestly unlawful, remove or block it now.",
        "source": "Netzwerkdurchsetzungsgesetz (NetzDG) § 3(2) Nr. 2",
    },
    {
        "key": "de-netzdg-3-2-3", "name": "NetzDG complaint: unlawful content within 7 days",
        "kinds": ["content_takedown"], "jurisdiction": "DE", "ground": "hate_speech", "law_match": "NetzDG",
        "clock_type": "hours", "duration": 168, "start_event": "received", "on_expiry": "escalate",
        "step": "Decide the complaint: remove or block unlawful content.",
        "source": "Netzwerkdurchsetzungsgesetz (NetzDG) § 3(2) Nr. 3",
    },
    {
        "key": "us-2703f-preservation", "name": "Preservation request: keep the records 90 days",
        "kinds": ["user_data_request"], "jurisdiction": "US", "law_match": "2703(f)|preservation",
        "clock_type": "hours", "duration": 2160, "extension": 2160, "max_extensions": 1,
        "start_event": "received", "on_expiry": "step",
        "step": "Preservation period over: release the preserved records unless the authority renewed the "
                "request (once, for 90 more days).",
        "source": "18 U.S.C. § 2703(f)(2)",
    },
]


def add_rules(apps, schema_editor):
    ClockRule = apps.get_model("clocks", "ClockRule")
    for rule in RULES:
        ClockRule.objects.update_or_create(key=rule["key"], defaults={k: v for k, v in rule.items() if k != "key"})


def remove_rules(apps, schema_editor):
    apps.get_model("clocks", "ClockRule").objects.filter(key__in=[r["key"] for r in RULES], clocks=None).delete()


class Migration(migrations.Migration):
    dependencies = [("clocks", "0001_initial")]
    operations = [migrations.RunPython(add_rules, remove_rules)]
