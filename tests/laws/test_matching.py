"""The matcher (laws/matching.py): free text -> the registered instruments and the authority it names."""

from __future__ import annotations

import pytest

from rightsdesk.laws.matching import match_authority, match_instruments

pytestmark = pytest.mark.django_db

INSTRUMENTS = [
    ("17 U.S.C. 512(c)", ["us-dmca-512c"]),
    ("17 U.S.C. § 512(c)(3)", ["us-dmca-512c"]),
    ("Notice under § 512", ["us-dmca-512"]),
    ("17 U.S.C. 512", ["us-dmca-512"]),
    ("DMCA takedown notice", ["us-dmca-512c"]),
    ("17 USC §512(g) counter notification", ["us-dmca-512g"]),
    ("Art. 17 GDPR", ["eu-gdpr-17"]),
    ("GDPR Art. 17", ["eu-gdpr-17"]),
    ("Article 15 of the GDPR (access request)", ["eu-gdpr-15"]),
    ("right to be forgotten", ["eu-gdpr-17"]),
    ("GDPR", ["eu-gdpr"]),
    ("Art. 9 DSA order", ["eu-dsa-9"]),
    ("Article 16 of the Digital Services Act", ["eu-dsa-16"]),
    ("Regulation (EU) 2021/784 (TCO)", ["eu-tco"]),
    ("NetzDG complaint", ["de-netzdg"]),
    ("IT Rules 2021 and Section 69A of the IT Act", ["in-it-rules-2021", "in-it-act-69a"]),
    ("5651 sayılı Kanun, madde 8/A", ["tr-5651"]),
    ("Federal Law 149-FZ", ["ru-149-fz"]),
    ("Lei 12.965/2014 (Marco Civil da Internet)", ["br-marco-civil-19"]),
    ("PECA 2016 s. 37", ["pk-peca-37"]),
    ("Permenkominfo 5/2020", ["id-mr5-2020"]),
    ("Defamation Act 2013", ["uk-defamation-2013"]),
    ("Lanham Act", ["us-lanham-43"]),
    # Nothing registered: no guess.
    ("Defamation law", []),
    ("Code of Criminal Procedure", []),
    ("", []),
    # Whole words only: "DSA" inside another word is not the DSA.
    ("DSAX internal rule", []),
]


@pytest.mark.parametrize("text, keys", INSTRUMENTS)
def test_the_matcher_suggests_the_instruments_a_text_names_and_only_the_most_precise(text, keys):
    assert [m.key for m in match_instruments(text)] == keys


AUTHORITIES = [
    (["Roskomnadzor"], [], "ru-roskomnadzor"),
    (["Роскомнадзор"], [], "ru-roskomnadzor"),
    (["Bilgi Teknolojileri ve İletişim Kurumu (BTK)"], [], "tr-btk"),
    (["Ministry of Electronics and IT"], ["IN"], "in-meity"),
    (["Pakistan Telecommunication Authority"], [], "pk-pta"),
    (["Kementerian Komunikasi dan Informatika"], [], "id-kominfo"),
    (["Landgericht Hamburg, 324 O 1/26"], ["DE"], "de-courts"),
    (["Federal Bureau of Investigation"], ["US"], "us-fbi"),
    (["A private person"], ["DE"], None),
]


@pytest.mark.parametrize("texts, countries, key", AUTHORITIES)
def test_the_matcher_suggests_the_authority_named_by_the_requester(texts, countries, key):
    found = match_authority(texts, countries)
    assert (found.key if found else None) == key


def test_a_staff_pattern_that_is_not_a_valid_regular_expression_is_skipped_not_fatal(law):
    broken = law("de-netzdg")
    broken.patterns = ["(unclosed"]
    broken.save()
    assert [m.key for m in match_instruments("NetzDG")] == ["de-netzdg"]


def test_every_seed_entry_cites_its_source(db):
    from rightsdesk.laws.seeding import seed_data

    data = seed_data()
    for entry in data["instruments"] + data["authorities"]:
        assert entry["source_url"].startswith("http"), entry["key"]
