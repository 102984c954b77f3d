"""The register's forms (an assessment, a risk, a mitigation) refuse in the staff forms' words, in the reader's
language: a field left empty is named ("This is needed: Review date."), a day not written year-month-day is told the
form to write with an example (core.dates.typed_date's message), and a day typed in Arabic or Persian digits is the
same day (core.dates.iso_day). Before, they answered Django's "This field is required." and "Enter a valid date.",
which say neither which field nor how to write a day, and took "2026-7-30" and "20260730" as days while the other
staff forms refuse them with the example."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext

from rightsdesk.diligence.forms import AssessmentForm, MitigationForm, RiskForm
from rightsdesk.diligence.models import Assessment, Mitigation, Risk

pytestmark = pytest.mark.django_db

ASSESSMENT = {"title": "Reporting form in Arabic", "subject": "Harm reports", "rights_at_stake": ["privacy"],
              "status": "draft", "assessed_on": "2026-03-01", "review_on": "2026-09-01"}
RISK = {"description": "Reporters identified by their writing", "right": "privacy", "severity": "3",
        "likelihood": "2"}
MITIGATION = {"description": "Strip metadata from uploads", "owner": "", "due_on": "2026-06-30", "status": "planned"}

FORMS = {"assessment": (AssessmentForm, ASSESSMENT), "risk": (RiskForm, RISK), "mitigation": (MitigationForm, MITIGATION)}

NEEDED, BAD_DAY = "needed", "bad day"

#: (form, field, what is typed, what the person is told)
REFUSED = [
    ("assessment", "title", "", NEEDED),
    ("assessment", "subject", "", NEEDED),
    ("assessment", "rights_at_stake", [], NEEDED),
    ("assessment", "review_on", "", NEEDED),
    ("assessment", "assessed_on", "30/07/2026", BAD_DAY),
    ("assessment", "review_on", "2026-7-30", BAD_DAY),
    ("assessment", "review_on", "20260730", BAD_DAY),
    ("assessment", "review_on", "2026-02-30", BAD_DAY),
    ("risk", "description", "", NEEDED),
    ("risk", "right", "", NEEDED),
    ("risk", "severity", "", NEEDED),
    ("mitigation", "description", "", NEEDED),
    ("mitigation", "due_on", "", NEEDED),
    ("mitigation", "due_on", "2026-W27-1", BAD_DAY),
]


def post(client, form: str, language: str, data: dict):
    if form == "assessment":
        return client.post(f"/{language}/staff/diligence/new/", data)
    assessment = Assessment.objects.create(**{**ASSESSMENT, "rights_at_stake": ["privacy"]})
    if form == "risk":
        return client.post(f"/{language}/staff/diligence/{assessment.pk}/risks/", data)
    risk = Risk.objects.create(assessment=assessment, **RISK)
    return client.post(f"/{language}/staff/diligence/{assessment.pk}/risks/{risk.pk}/mitigations/", data)


def told(form: str, field: str, kind: str, language: str) -> tuple[str, list[str]]:
    """What the person is told in ``language``, and Django's generic words that must not be what they read."""
    with translation.override(language):
        if kind == NEEDED:
            label = str(FORMS[form][0]().fields[field].label)
            said = gettext("This is needed: %(label)s.") % {"label": label}
        else:
            said = gettext("Type the date as year-month-day, e.g. 2026-07-30.")
        return said, [gettext("This field is required."), gettext("Enter a valid date.")]


@pytest.mark.parametrize("language", ["en", "ar", "de"])
@pytest.mark.parametrize(("form", "field", "typed", "kind"), REFUSED,
                         ids=[f"{r[0]}-{r[1]}-{r[3]}-{r[2] or 'empty'}" for r in REFUSED])
def test_a_refused_field_of_the_register_says_what_to_fix(client, make_staff, language, form, field, typed, kind):
    client.force_login(make_staff("reviewer"))
    response = post(client, form, language, {**FORMS[form][1], field: typed})
    page = response.content.decode()
    said, generic = told(form, field, kind, language)
    assert response.status_code == 400
    assert said in page
    assert not [words for words in generic if words in page]


#: A day typed by hand on an Arabic or Persian keyboard is the same day (core.dates.iso_day).
DIGITS = [("Arabic-Indic", "٢٠٢٦-٠٦-٣٠"), ("Persian", "۲۰۲۶-۰۶-۳۰"), ("Western", "2026-06-30")]


@pytest.mark.parametrize(("script", "typed"), DIGITS, ids=[d[0] for d in DIGITS])
def test_a_day_typed_in_any_script_s_digits_is_the_day(client, make_staff, script, typed):
    client.force_login(make_staff("reviewer"))
    response = post(client, "mitigation", "ar", {**MITIGATION, "due_on": typed})
    assert response.status_code == 302
    assert Mitigation.objects.get().due_on == date(2026, 6, 30)
