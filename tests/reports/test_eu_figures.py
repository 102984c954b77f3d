"""The figures staff enter per period for the EU templates (parts 9 and 10, the qualitative template): validated,
stored, audited, and written into the workbook."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rightsdesk.audit.models import AuditEntry
from rightsdesk.core.errors import DomainError
from rightsdesk.reports import eu_workbook
from rightsdesk.reports.models import PeriodFigures
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.staff_figures import save_figures

pytestmark = pytest.mark.django_db
PERIOD = "2025-H2"


@pytest.fixture
def editor(client, make_staff):
    user = make_staff("legal approver")
    client.force_login(user)
    return user


def test_staff_enter_figures_and_the_workbook_carries_them(client, editor):
    url = reverse("reports:eu_figures", args=[PERIOD])
    assert client.get(url).status_code == 200
    response = client.post(url, {"hr_de": "12", "hr_ga": "0", "amar_DE": "1500000", "q_moderators": "Weekly training.",
                                 "previous_report_published": "2025-08-29"})
    assert response.status_code == 302
    stored = PeriodFigures.objects.get(period=PERIOD)
    assert stored.human_resources == {"de": 12, "ga": 0} and stored.active_recipients == {"DE": 1500000}
    assert AuditEntry.objects.filter(object_type="reports.periodfigures", object_id=str(stored.pk)).exists()
    book = load_workbook(io.BytesIO(eu_workbook.to_xlsx(eu_workbook.sheets(parse_period(PERIOD)))))
    hr = {row[4]: row[5] for row in book["9 Human resources"].iter_rows(min_row=2, values_only=True)}
    assert hr["de"] == 12 and hr["ga"] == 0 and hr["fr"] is None
    amar = {row[3]: row[4] for row in book["10 Active recipients"].iter_rows(min_row=2, values_only=True)}
    assert amar["DE"] == 1500000
    quali = dict(book["Qualitative template"].iter_rows(min_row=2, values_only=True))
    assert quali["Training and support of the people who moderate content"] == "Weekly training."
    identification = {row[3]: row[4] for row in book["1 Identification"].iter_rows(min_row=2, values_only=True)}
    assert identification["Date of the publication of the latest previous report"] == "2025-08-29"


@pytest.mark.parametrize("field,value", [("hr_de", "-1"), ("amar_FR", "12.5"), ("amar_IT", "many")])
def test_a_figure_that_is_not_a_whole_number_of_0_or_more_is_refused_and_nothing_is_stored(client, editor, field,
                                                                                         value):
    response = client.post(reverse("reports:eu_figures", args=[PERIOD]), {field: value, "hr_fr": "3"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved: please correct this" in page and f'href="#id_{field}"' in page
    assert not PeriodFigures.objects.exists()


def test_an_unknown_language_or_member_state_code_is_refused_by_the_service(editor):
    for kwargs, field in [({"human_resources": {"xx": 1}, "active_recipients": {}}, "hr_xx"),
                          ({"human_resources": {}, "active_recipients": {"NO": 5}}, "amar_NO"),
                          ({"human_resources": {"de": -2}, "active_recipients": {}}, "hr_de")]:
        with pytest.raises(DomainError) as raised:
            save_figures(editor, parse_period(PERIOD), qualitative={}, **kwargs)
        assert raised.value.field == field
    assert not PeriodFigures.objects.exists()


def test_only_staff_with_the_permission_may_enter_figures(client, make_staff):
    client.force_login(make_staff("reviewer"))
    response = client.post(reverse("reports:eu_figures", args=[PERIOD]), {"hr_de": "3"})
    assert response.status_code == 403
    assert not PeriodFigures.objects.exists()


def test_the_staff_navigation_leads_editors_to_the_last_half_year_that_has_ended(client, editor):
    from django.utils import timezone

    from rightsdesk.reports.periods import last_complete_half_year

    workspace = client.get(reverse("reports:eu_figures", args=[PERIOD])).content.decode()
    index = reverse("reports:eu_figures_index")
    assert f'href="{index}"' in workspace
    response = client.get(index)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:eu_figures", args=[last_complete_half_year(timezone.now()).slug])


@pytest.mark.parametrize(("language", "maltese", "bulgarian"), [
    ("en", "Maltese (mt)", "Bulgarian (bg)"),
    ("fr", "Maltais (mt)", "Bulgare (bg)"),
    ("ar", "المالطية (mt)", "(bg)"),
])
def test_every_eu_language_is_named_in_the_readers_language(client, editor, language, maltese, bulgarian):
    """Django names no Maltese: the form showed "Maltese (mt)" in every language (found in the pseudo-locale)."""
    from django.utils import translation

    client.force_login(editor)
    with translation.override(language):
        page = client.get(reverse("reports:eu_figures", args=[PERIOD])).content.decode()
    assert maltese in page and bulgarian in page


#: The previous report's date as typed (a browser without a date picker, an Arabic or Persian keyboard) -> the day.
PREVIOUS_REPORT_DAYS = [
    ("2025-08-29", "en", "western digits"),
    ("٢٠٢٥-٠٨-٢٩", "ar", "arabic-indic digits"),
    ("۲۰۲۵-۰۸-۲۹", "fa", "persian digits"),
]


@pytest.mark.parametrize("typed, language, written_in", PREVIOUS_REPORT_DAYS, ids=[r[2] for r in PREVIOUS_REPORT_DAYS])
def test_the_previous_reports_date_is_read_as_the_staff_forms_read_every_typed_day(client, editor, typed, language,
                                                                                   written_in):
    import datetime

    response = client.post(f"/{language}/staff/eu-template-figures/{PERIOD}/", {"previous_report_published": typed})
    assert response.status_code == 302
    assert PeriodFigures.objects.get(period=PERIOD).previous_report_published == datetime.date(2025, 8, 29)


def test_a_previous_report_date_that_is_not_a_day_says_how_to_write_it_beside_the_field_and_keeps_the_text(
        client, editor):
    response = client.post(reverse("reports:eu_figures", args=[PERIOD]),
                           {"previous_report_published": "29/08/2025", "q_moderators": "Weekly training."})
    assert response.status_code == 400
    page = response.content.decode()
    field = page.split('id="id_previous_report_published"', 1)[1].split("</div>", 1)[0]
    assert "2026-07-30" in field  # the example of the staff forms' one date message, beside the field
    assert 'href="#id_previous_report_published"' in page and "Weekly training." in page
    assert not PeriodFigures.objects.exists()


def test_a_previous_report_published_after_today_is_refused_by_the_page_and_the_service(client, editor):
    import datetime

    from django.utils import timezone

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(reverse("reports:eu_figures", args=[PERIOD]),
                           {"previous_report_published": tomorrow.isoformat(), "hr_de": "12"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_previous_report_published"' in page and "after today" in page
    assert not PeriodFigures.objects.exists()
    with pytest.raises(DomainError) as refused:
        save_figures(editor, parse_period(PERIOD), human_resources={}, active_recipients={}, qualitative={},
                     previous_report_published=tomorrow)
    assert refused.value.field == "previous_report_published"
    assert not PeriodFigures.objects.exists()


@pytest.mark.parametrize("language", ["de", "fr", "ru", "en", "ar"])
def test_the_stored_previous_report_date_is_in_the_date_field_in_every_language_so_saving_again_keeps_it(
        client, editor, language):
    import datetime
    import re

    save_figures(editor, parse_period(PERIOD), human_resources={"de": 3}, active_recipients={}, qualitative={},
                 previous_report_published=datetime.date(2025, 8, 29))
    page = client.get(f"/{language}/staff/eu-template-figures/{PERIOD}/").content.decode()
    field = re.search(r'<input type="date" name="previous_report_published"[^>]*>', page).group(0)
    # A date field shows (and sends back) only a YYYY-MM-DD value: "29.08.2025" is an empty field, and the next save
    # of the page erased the stored date.
    assert 'value="2025-08-29"' in field
    client.post(f"/{language}/staff/eu-template-figures/{PERIOD}/",
                {"previous_report_published": re.search(r'value="([^"]*)"', field).group(1), "hr_de": "3"})
    assert PeriodFigures.objects.get(period=PERIOD).previous_report_published == datetime.date(2025, 8, 29)


def _version_on(page: str) -> str:
    import re

    return re.search(r'<input type="hidden" name="version" value="([^"]*)"', page).group(1)


@pytest.mark.parametrize("stored_before", [True, False], ids=["figures stored before", "nothing stored before"])
def test_figures_saved_from_a_page_older_than_a_colleagues_save_are_refused_saying_who_when_and_what(
        client, editor, make_staff, stored_before):
    """Two staff fill in the period's figures in two tabs: the second "Save" silently overwrote the first one's
    figures. It is refused (409) as a notice's edit is (core.versions): who saved, when, nothing saved, what was
    typed kept in the form, the figures the colleague changed shown beside their fields."""
    from django.test import Client

    if stored_before:
        save_figures(editor, parse_period(PERIOD), human_resources={"de": 3}, active_recipients={}, qualitative={})
    url = reverse("reports:eu_figures", args=[PERIOD])
    mine = _version_on(client.get(url).content.decode())
    colleague = Client()
    colleague.force_login(make_staff("legal approver", username="colleague.figures"))
    theirs = _version_on(colleague.get(url).content.decode())
    assert colleague.post(url, {"version": theirs, "hr_de": "12", "amar_FR": "900",
                                "q_moderators": "Their training."}).status_code == 302

    response = client.post(url, {"version": mine, "hr_de": "7", "amar_FR": "900", "q_moderators": "My training."})

    assert response.status_code == 409
    stored = PeriodFigures.objects.get(period=PERIOD)
    assert stored.human_resources == {"de": 12} and stored.qualitative == {"moderators": "Their training."}
    page = response.content.decode()
    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "colleague.figures" in summary and "Nothing was saved" in summary
    # What the colleague changed: linked from the summary, their figure beside the field; not what both typed alike.
    assert 'href="#id_hr_de"' in summary and 'href="#id_q_moderators"' in summary
    assert 'href="#id_amar_FR"' not in summary
    assert 'aria-describedby="id_hr_de-now"' in page.split('name="hr_de"', 1)[1].split(">", 1)[0]
    assert 'id="id_hr_de-now"' in page and "12</bdi>" in page.split('id="id_hr_de-now"', 1)[1].split("</div>", 1)[0]
    assert "Their training." in page.split('id="id_q_moderators-now"', 1)[1].split("</div>", 1)[0]
    # What was typed stays in the form.
    assert 'name="hr_de" value="7"' in page and "My training.</textarea>" in page
    # Sending it again, once compared, saves: the page carries the version it now shows.
    again = _version_on(page)
    assert client.post(url, {"version": again, "hr_de": "7", "q_moderators": "My training."}).status_code == 302
    assert PeriodFigures.objects.get(period=PERIOD).human_resources == {"de": 7}
