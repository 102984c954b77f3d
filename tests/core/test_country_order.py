"""Every list of countries a person chooses from is in the reader's alphabetical order (core.countries.in_readers_order).

Each row names two countries that a reader of that language expects in that order, where the English order (or a
sort on the names' Latin letters, or on their code points) puts them the other way round: German "Uruguay" before
"USA - Sonstige Kleine Inseln", French "Île de Man" before "Île Jan Mayen", Turkish "Sudan" before "Şili" (Ş comes
after S), Persian "ونزوئلا" before "هند" (و comes before ه), Chinese 德国 (dé) before 中国 (zhōng) in pinyin.
"""

import html
import re

import pytest
from django.utils import translation

from rightsdesk.cases import choices as c
from rightsdesk.intake.forms import RequestForm
from rightsdesk.intake.kinds import SPECS
from rightsdesk.legalsupport.forms import CounselForm, LegalSupportForm

#: (language, the country that comes first, the country that comes after it)
IN_ORDER = [
    ("ar", "DE", "FR"),  # ألمانيا before فرنسا
    ("ar", "ES", "AU"),  # أسبانيا before أستراليا (ب before ت)
    ("fa", "VE", "IN"),  # ونزوئلا before هند
    ("ru", "DE", "FR"),  # Германия before Франция
    ("ru", "AZ", "AL"),  # Азербайджан before Албания
    ("zh-hans", "DE", "CN"),  # 德国 before 中国
    ("zh-hans", "AL", "AF"),  # 阿尔巴尼亚 (ā'ěr) before 阿富汗 (āfù)
    ("tr", "SD", "CL"),  # Sudan before Şili
    ("tr", "HR", "IN"),  # Hırvatistan before Hindistan (ı before i)
    ("de", "UY", "UM"),  # Uruguay before USA - Sonstige Kleine Inseln
    ("fr", "IM", "SJ"),  # Île de Man before Île Jan Mayen
]

#: Every country list a form builds, as (code, name) pairs in the active language.
FORM_LISTS = {
    "public request form (intake)": lambda: RequestForm(spec=SPECS[c.Kind.CONTENT_TAKEDOWN]).fields["country"].choices,
    "appeal form (intake)": lambda: RequestForm(spec=SPECS[c.Kind.APPEAL]).fields["country"].choices,
    "authority's country (intake)":
        lambda: RequestForm(spec=SPECS[c.Kind.USER_DATA_REQUEST]).fields["authority_country"].choices,
    "legal-support form": lambda: LegalSupportForm().fields["country"].choices,
    "counsel form (staff)": lambda: CounselForm().fields["country"].choices,
}


def positions(pairs) -> dict[str, int]:
    return {code: i for i, (code, _name) in enumerate(pairs) if code}


@pytest.mark.parametrize(("language", "first", "then"), IN_ORDER)
def test_the_countries_are_in_the_readers_alphabetical_order(language, first, then):
    from rightsdesk.core.countries import in_readers_order

    at = positions(in_readers_order(language))
    assert at[first] < at[then]


@pytest.mark.parametrize("form", FORM_LISTS)
@pytest.mark.parametrize(("language", "first", "then"), IN_ORDER)
def test_every_forms_country_list_is_in_the_readers_alphabetical_order(form, language, first, then):
    with translation.override(language):
        at = positions(FORM_LISTS[form]())
    assert at[first] < at[then], f"{form} in {language}: {then} comes before {first}"


@pytest.mark.parametrize("form", FORM_LISTS)
def test_a_countrys_name_is_shown_without_the_space_its_translation_begins_with(form):
    """django-countries' Chinese name of Svalbard and Jan Mayen begins with a space, which sorted it first."""
    with translation.override("zh-hans"):
        names = [str(name) for code, name in FORM_LISTS[form]() if code]
    assert names and all(name == name.strip() for name in names)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "first", "then"), [row for row in IN_ORDER if row[0] in ("ar", "ru", "fr")])
def test_the_preservation_panels_country_list_is_in_the_readers_alphabetical_order(
        client, verified_login, make_staff, make_case, language, first, then):
    verified_login(client, make_staff("legal approver", "reviewer"))
    case = make_case(c.Kind.PRESERVATION_REQUEST, country="US", requester_type=c.RequesterType.LAW_ENFORCEMENT,
                     parties=[], items=[])
    page = html.unescape(client.get(f"/{language}/staff/cases/{case.reference}/").content.decode())
    select = re.search(r'<select id="pr-authority_country".*?</select>', page, re.S).group(0)
    codes = re.findall(r'<option value="([A-Z]{2})"', select)
    assert codes.index(first) < codes.index(then)
