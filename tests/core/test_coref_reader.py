"""Actors across an article read as a reader reads them (suggest/coref.py): a name right after its title, a
nationality before a title, a dictionary's person as the antecedent of "he", "the government" in a later
paragraph, a speaker's own government, a ministry's name, crowds, and "both sides" -- on articles written for
this test."""

from __future__ import annotations

import pytest

from coding_checks import actor, actors_at
from eventcoder.core.suggest import coref

TITLES = (
    "Talks on river dam stall\n"
    "\n"
    "LUSAKA, May 6, 2025 (Wire) - Zambia and Malawi failed on Tuesday to agree on the use of a shared river.\n"
    "\n"
    "Zambian President Hakainde Mwale met Malawian interim Prime Minister Kondwani Gondwe on Monday.\n"
    "\n"
    "Malawian government spokeswoman Tiwonge Banda rejected the Zambian plan. She said Lilongwe wanted a "
    "joint commission to decide.\n"
)

NATIONALITY = (
    "Talks on the Mekong\n"
    "\n"
    "VIENTIANE, May 6, 2025 (Wire) - Laos and Vietnam failed on Tuesday to agree on a new dam.\n"
    "\n"
    "Vietnam welcomed Thai acting Prime Minister Somchai Boonma on Monday.\n"
)

MILEI = (
    "Argentina recalls envoy\n"
    "\n"
    "BUENOS AIRES, Aug 2, 2024 (Wire) - Argentina on Friday recalled its ambassador from Caracas.\n"
    "\n"
    "Venezuela expelled Argentine diplomats and accused Argentine President Javier Milei of meddling.\n"
    "\n"
    "Milei answered by calling Maduro a tyrant, and he urged the Venezuelan army to respect the vote.\n"
)

GOVERNMENT = (
    "Fiji and Tonga sign fisheries pact\n"
    "\n"
    "SUVA, March 3, 2025 (Wire) - Fiji on Monday signed a fisheries pact with Tonga.\n"
    "\n"
    "Critics of the Tongan government said the pact gave away too much.\n"
    "\n"
    "Samoa's fisheries minister Lemalu Tuilagi said the government would study the pact before joining it.\n"
    "\n"
    "Opposition lawmakers in Suva called on the government to publish the full text.\n"
)

TREASURY = (
    "Sanctions on shipping firm\n"
    "\n"
    "OTTAWA, June 9, 2025 (Wire) - Canada on Monday imposed sanctions on a shipping firm.\n"
    "\n"
    "In Washington, U.S. officials accused the firm of moving oil for Iran. The Treasury Department "
    "sanctioned the same firm.\n"
)

CROWD = (
    "Protest over fuel prices\n"
    "\n"
    "ACCRA, Jan 9, 2025 (Wire) - Ghana raised fuel prices on Thursday.\n"
    "\n"
    "Thousands marched to parliament on Friday to demand that the government cut prices.\n"
    "\n"
    "Ghana also promised to deliver thousands of bags of rice to the north.\n"
)

SIDES = (
    "Georgia and Abkhazia trade fire at boundary line\n"
    "\n"
    "TBILISI, Oct 4, 2025 (Wire) - Georgia and Russia accused each other on Saturday of firing across the "
    "boundary line.\n"
    "\n"
    "The European Union said it had helped arrange a truce, but both sides reported new shooting at night.\n"
)


@pytest.fixture(scope="module")
def titles(cameo_coder):
    return cameo_coder.code_text(TITLES)


def test_a_name_right_after_its_title_is_the_titled_person(titles):
    span = actor(titles, TITLES, "Hakainde Mwale")
    assert span.code == "ZMBGOV"
    assert TITLES[span.start:span.end] == "Zambian President Hakainde Mwale"


def test_she_after_a_titled_name_is_that_person(titles):
    assert actor(titles, TITLES, "She said").code == "MWIGOV"


def test_a_nationality_before_a_qualified_title_gives_its_country(cameo_coder):
    coded = cameo_coder.code_text(NATIONALITY)
    span = actor(coded, NATIONALITY, "Prime Minister Somchai")
    assert span.code == "THAGOV"
    assert NATIONALITY[span.start:span.end] == "Thai acting Prime Minister Somchai Boonma"


def test_without_the_switches_the_title_and_name_stay_apart(cameo_coder, monkeypatch):
    monkeypatch.setattr(coref, "TITLE_NAME", False)
    monkeypatch.setattr(coref, "NATIONALITY_TITLE", False)
    coded = cameo_coder.code_text(TITLES)
    assert actor(coded, TITLES, "Hakainde Mwale").code is None
    coded = cameo_coder.code_text(NATIONALITY)
    assert actor(coded, NATIONALITY, "Prime Minister Somchai").code != "THAGOV"


def test_a_dictionary_person_named_in_full_before_is_whom_he_stands_for(cameo_coder, monkeypatch):
    coded = cameo_coder.code_text(MILEI, "2024-08-02")
    assert actor(coded, MILEI, "he urged").code == "ARGGOV"
    monkeypatch.setattr(coref, "NAMED_PERSONS", False)
    coded = cameo_coder.code_text(MILEI, "2024-08-02")
    assert actor(coded, MILEI, "he urged").code != "ARGGOV"


@pytest.fixture(scope="module")
def government(cameo_coder):
    return cameo_coder.code_text(GOVERNMENT)


def test_the_government_in_a_later_paragraph_is_the_home_countrys(government):
    # "the Tongan government" was only a word of "critics of ...": the Suva lawmakers' government is Fiji's
    assert actor(government, GOVERNMENT, "government", "called on the").code == "FJIGOV"


def test_the_government_in_a_speakers_reported_clause_is_the_speakers(government):
    assert actor(government, GOVERNMENT, "government", "said the").code == "WSMGOV"


def test_a_ministry_name_no_dictionary_knows_is_the_paragraphs_government(cameo_coder):
    coded = cameo_coder.code_text(TREASURY)
    assert actor(coded, TREASURY, "Treasury Department").code == "USAGOV"


def test_a_number_of_people_acting_is_a_crowd_of_civilians(cameo_coder):
    coded = cameo_coder.code_text(CROWD)
    assert actor(coded, CROWD, "Thousands marched").code == "GHACVL"
    assert not any((s.code or "").endswith("CVL") for s in actors_at(coded, CROWD, "thousands of bags"))


def test_both_sides_are_the_pair_the_lead_names_together(cameo_coder, monkeypatch):
    coded = cameo_coder.code_text(SIDES)
    span = actor(coded, SIDES, "both sides")
    assert "group" in span.evidence and "GEO" in span.evidence and "RUS" in span.evidence
    assert "IGOEUREEC" not in span.evidence.split("[")[-1]
    monkeypatch.setattr(coref, "LEAD_PAIR", False)
    coded = cameo_coder.code_text(SIDES)
    assert "IGOEUREEC" in actor(coded, SIDES, "both sides").evidence.split("[")[-1]


@pytest.mark.parametrize("switch, text, phrase, after, code", [
    ("INSTITUTION_REACH", GOVERNMENT, "government", "called on the", "FJIGOV"),
    ("SPEAKER_INSTITUTION", GOVERNMENT, "government", "said the", "WSMGOV"),
    ("MINISTRY_NAMES", TREASURY, "Treasury Department", "", "USAGOV"),
    ("CROWD_NUMBERS", CROWD, "Thousands marched", "", "GHACVL"),
])
def test_each_reading_is_its_switchs_doing(cameo_coder, monkeypatch, switch, text, phrase, after, code):
    monkeypatch.setattr(coref, switch, False)
    coded = cameo_coder.code_text(text)
    assert not any(s.code == code for s in actors_at(coded, text, phrase, after))


FOREIGN = (
    "Evacuations begin\n"
    "\n"
    "NIAMEY, Aug 1, 2025 (Wire) - Niger's junta closed the airport on Tuesday.\n"
    "\n"
    "Foreign governments rushed to evacuate their citizens, and the foreign ministry said it would help them.\n"
)


def test_foreign_governments_are_no_ones_country_but_the_foreign_ministry_is_home(cameo_coder, monkeypatch):
    coded = cameo_coder.code_text(FOREIGN)
    assert not any((s.code or "").startswith("NER") for s in actors_at(coded, FOREIGN, "governments rushed"))
    assert actor(coded, FOREIGN, "foreign ministry").code == "NERGOV"
    monkeypatch.setattr(coref, "FOREIGN_PLURALS", False)
    coded = cameo_coder.code_text(FOREIGN)
    assert actor(coded, FOREIGN, "governments rushed").code == "NERGOV"


SHE = (
    "Visa row between neighbours\n"
    "\n"
    "LAGOS, Feb 3, 2025 (Wire) - Nigeria and Ghana traded words on Monday over new visa rules.\n"
    "\n"
    "Ghanaian Foreign Minister Ama Boateng said she would travel to Abuja this week. Nigerian Interior "
    "Minister Tunde Bello rejected the visit. She said Accra would not give up.\n"
    "\n"
    "Nigerian police spokesman Musa Ibrahim said officers had arrested two traders. The governor praised "
    "the police, but she criticised Ibrahim, saying he had spoken too soon.\n"
)


def test_she_is_the_woman_the_text_showed_not_the_last_subject(cameo_coder, monkeypatch):
    coded = cameo_coder.code_text(SHE)
    assert actor(coded, SHE, "She said Accra").code == "GHAGOV"
    monkeypatch.setattr(coref, "GENDER", False)
    coded = cameo_coder.code_text(SHE)
    assert actor(coded, SHE, "She said Accra").code == "NGAGOV"


def test_a_spokesman_is_no_antecedent_of_she(cameo_coder):
    coded = cameo_coder.code_text(SHE)
    assert not any("Ibrahim" in (s.evidence or "") for s in actors_at(coded, SHE, "she criticised"))
