"""The US preservation rule (18 U.S.C. § 2703(f)(2)) applies to the new case kind 'preservation_request'.

Until now it ran on requests for user information whose "law invoked" mentioned 2703(f) or preservation. A
preservation request is its own kind now (the mail triage suggests it, the intake form files it), so the rule keys on
the kind alone and the words are dropped: every US preservation request gets its 90 days, whatever the letter's
wording. Clocks already running on user-data requests keep the terms they started under (Clock.take_terms).
The change is written to the rule's history like an administrator's edit."""

from django.db import migrations

KEY = "us-2703f-preservation"
BEFORE = {"kinds": ["user_data_request"], "law_match": "2703(f)|preservation"}
AFTER = {"kinds": ["preservation_request"], "law_match": ""}
REASON = "Preservation requests are their own case kind (issue #16): the rule keys on the kind, not on words."


def _set(apps, values, other):
    ClockRule = apps.get_model("clocks", "ClockRule")
    ClockRuleChange = apps.get_model("clocks", "ClockRuleChange")
    rule = ClockRule.objects.filter(key=KEY).first()
    if rule is None or (rule.kinds, rule.law_match) != (other["kinds"], other["law_match"]):
        return  # absent, or changed by an administrator since: leave it as they set it
    rule.kinds, rule.law_match = values["kinds"], values["law_match"]
    rule.save(update_fields=["kinds", "law_match"])
    ClockRuleChange.objects.create(rule=rule, actor=None, reason=REASON, action="changed",
                                   changes={field: [other[field], values[field]] for field in values})


def forwards(apps, schema_editor):
    _set(apps, AFTER, BEFORE)


def backwards(apps, schema_editor):
    _set(apps, BEFORE, AFTER)


class Migration(migrations.Migration):
    dependencies = [("clocks", "0003_rule_terms_history_and_case_times")]
    operations = [migrations.RunPython(forwards, backwards)]
