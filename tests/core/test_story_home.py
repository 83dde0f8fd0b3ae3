"""The home country of roles with no country (suggest/coref.py), and military units as actors
(EventCoder.news.agents.txt), on articles written for this test."""

from __future__ import annotations

import pytest

from coding_checks import actor
from coding_checks import sentence_events as events

# the dateline's country acts in the lead, the other country is named more often
HOME = (
    "Uruguay rejects Brazil's account of river clash\n"
    "\n"
    "MONTEVIDEO, May 4, 2025 (Wire) - Uruguay on Sunday rejected Brazil's account of a clash on the river "
    "border and accused Brasilia of stirring tension.\n"
    "\n"
    "Brazil said on Saturday that Brazilian sailors had fired warning shots at a Uruguayan patrol after it "
    "entered Brazilian waters. Brazilian President Lucas Prado accused Uruguay of provoking Brazil. Brazil "
    "also asked Brazilian ports to stay alert.\n"
    "\n"
    "Foreign Minister Elena Sosa criticised the Brazilian navy.\n"
    "\n"
    "Police arrested two Brazilian smugglers near the border.\n"
    "\n"
    "Brazilian sailors attacked an army post.\n"
)

# the same story with no lead by the dateline's country: the country named most is the home
NO_LEAD = HOME.replace("Uruguay on Sunday rejected Brazil's account of a clash on the river border and "
                       "accused Brasilia of stirring tension.",
                       "Brazil on Sunday blamed a clash on the river border on smugglers.")

SAME_SENTENCE = (
    "Chile and Bolivia trade words over water\n"
    "\n"
    "LA PAZ, June 2, 2025 (Wire) - Bolivia on Monday asked Chile to share the Silala river.\n"
    "\n"
    "Chile's embassy in La Paz rejected the request, and foreign ministry spokesman Tomas Rojas urged "
    "Bolivia to stop its campaign.\n"
    "\n"
    "Chile said the river was an international watercourse.\n"
)

UNITS = (
    "Armed men attack patrols in disputed valley\n"
    "\n"
    "YEREVAN, July 3, 2025 (Wire) - Armenian troops fired on Azerbaijani positions on Thursday, and gunmen "
    "ambushed a police patrol near the border.\n"
    "\n"
    "Azerbaijan said its forces attacked an Armenian outpost in response.\n"
)


@pytest.fixture(scope="module")
def home(cameo_coder):
    return cameo_coder.code_text(HOME)


def test_a_bare_title_takes_the_dateline_country_that_acts_in_the_lead(home):
    # Brazil is named far more often, but the Montevideo story is told from Uruguay's side
    assert actor(home, HOME, "Foreign Minister Elena Sosa").code == "URYGOV"
    assert actor(home, HOME, "Police arrested").code == "URYCOP"


def test_an_armed_role_with_no_country_keeps_the_country_named_most(home):
    assert actor(home, HOME, "army post").code == "BRAMIL"


def test_without_a_lead_by_the_dateline_country_the_country_named_most_is_home(cameo_coder):
    coded = cameo_coder.code_text(NO_LEAD)
    assert actor(coded, NO_LEAD, "Foreign Minister Elena Sosa").code == "BRAGOV"


def test_a_title_coordinated_with_a_countrys_actor_speaks_for_that_country(cameo_coder):
    coded = cameo_coder.code_text(SAME_SENTENCE)
    assert actor(coded, SAME_SENTENCE, "foreign ministry spokesman").code == "CHLGOV"
    assert ("CHLGOV", "02", "BOL") in events(coded, SAME_SENTENCE, "foreign ministry spokesman")


def test_a_nationality_with_a_military_unit_is_that_countrys_military(home, cameo_coder):
    assert actor(home, HOME, "Uruguayan patrol").code == "URYMIL"
    coded = cameo_coder.code_text(UNITS)
    assert actor(coded, UNITS, "Azerbaijani positions").code == "AZEMIL"
    assert actor(coded, UNITS, "Armenian outpost").code == "ARMMIL"
    assert ("ARMMIL", "19", "AZEMIL") in events(coded, UNITS, "Azerbaijani positions")


def test_a_police_patrol_is_the_police_not_police_and_military(cameo_coder):
    coded = cameo_coder.code_text(UNITS)
    assert actor(coded, UNITS, "police patrol").code.endswith("COP")


PARAGRAPH = (
    "Vietnam protests over fishing boats\n"
    "\n"
    "HANOI, Aug 5, 2025 (Wire) - Vietnam on Tuesday protested against the seizure of two fishing boats.\n"
    "\n"
    "Cambodia's foreign ministry rejected the protest. Spokesman Sok Dara accused the Vietnamese boats of "
    "fishing in Cambodian waters.\n"
    "\n"
    "Vietnam said the boats had stayed in its own waters.\n"
)


def test_a_title_right_after_a_foreign_subject_speaks_for_it_even_if_its_sentence_names_it(cameo_coder):
    coded = cameo_coder.code_text(PARAGRAPH)
    assert actor(coded, PARAGRAPH, "Spokesman Sok Dara").code == "KHMGOV"


PARTIES = (
    "Opposition calls strike\n"
    "\n"
    "LUSAKA, Oct 29, 2025 (Wire) - Police arrested a leader of the Zambia Democratic Front (ZDF) on Sunday.\n"
    "\n"
    "The ZDF criticised the arrest. The opposition Liberty Party condemned the government. The ruling "
    "Heritage Party accused the ZDF of violence.\n"
)


def test_an_acronym_in_brackets_is_the_name_it_follows(cameo_coder):
    coded = cameo_coder.code_text(PARTIES)
    assert actor(coded, PARTIES, "ZDF criticised").code == "ZMB"
    assert actor(coded, PARTIES, "ZDF of violence").code == "ZMB"


def test_a_name_described_as_the_opposition_or_the_ruling_party(cameo_coder):
    coded = cameo_coder.code_text(PARTIES)
    assert actor(coded, PARTIES, "Liberty Party").code == "ZMBOPP"
    assert actor(coded, PARTIES, "Heritage Party").code == "ZMBGOV"
