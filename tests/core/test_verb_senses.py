"""Verb senses of the project's news verbs file (coding_schemes/dictionaries/EventCoder.news.verbs.txt, section
"verb senses (V)"): a phrasal verb read as its own act rather than as its head verb, an object that changes the act,
and patterns of PETRARCH's CAMEO file whose code the CAMEO manual contradicts. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from coding_checks import codes
from coding_checks import events_with_blocks as coded

# (text, source, code, target, verb block, a code the sense keeps off): the event the sense gives, with the
# source and target it must have where they are given (None: any)
SENSES = [
    # "wound" is the past of WIND here: the phrasal verb, not CAMEO's WOUND (HURT, 180)
    pytest.param("Ghana and the World Bank wound up their talks in Accra on Tuesday.",
                 "GHA", "046", None, "TALKS_CONCLUDED", "180", id="winding_up_talks_is_negotiation_not_wounding"),
    pytest.param("Ghana and the IMF wrapped up two weeks of negotiations on Tuesday.",
                 "GHA", "046", None, "TALKS_CONCLUDED", "180", id="wrapping_up_negotiations_is_negotiation"),
    pytest.param("A Peruvian judge issued an arrest warrant for the former Bolivian interior minister.",
                 None, "173", None, "WARRANT_ISSUED", "100", id="an_arrest_warrant_is_legal_action"),
    pytest.param("Mexico took the United States to the WTO over steel duties.",
                 None, "115", None, "LAWSUIT_TAKEN", "171", id="taking_a_party_to_the_wto_is_a_lawsuit_not_a_takeover"),
    pytest.param("Chile has taken Bolivia to court over the river dispute.",
                 None, "115", None, "LAWSUIT_TAKEN", "171", id="taking_a_party_to_court_is_a_lawsuit_not_a_takeover"),
    pytest.param("Kenyan farmers sued the government over the new seed law.",
                 None, "115", None, "LAWSUIT", None, id="suing_is_115"),
    pytest.param("Opposition lawyers filed a lawsuit against the Zambian government on Monday.",
                 None, "115", None, "LAWSUIT_FILED", None, id="filing_a_lawsuit_is_115"),
    pytest.param("Armed men seized twelve passengers from a bus in northern Mali.",
                 None, "181", None, "PEOPLE_SEIZED", None, id="seizing_people_is_abduction"),
    pytest.param("Bolivia broke off diplomatic relations with Israel on Tuesday.",
                 "BOL", "161", None, "TIES_BROKEN", "130", id="breaking_off_relations_is_161"),
    pytest.param("An Egyptian warship shot down three drones over the Red Sea.",
                 None, "190", None, "SHOT_DOWN", "183", id="shooting_down_drones_is_an_armed_attack"),
    pytest.param("Portugal expressed solidarity with Mozambique after the floods.",
                 "PRT", "018", "MOZ", "SOLIDARITY_SHOWN", None, id="solidarity_is_an_empathetic_comment"),
    pytest.param("Algeria demanded an explanation from Paris.",
                 None, "101", None, "EXPLANATION_DEMANDED", "090",
                 id="demanding_an_explanation_is_a_demand_for_information"),
    pytest.param("Modi flew to Tokyo on Monday.",
                 None, "042", "JPN", "VISIT_TRAVEL", None, id="flying_to_a_capital_is_the_visit"),
    pytest.param("Kenya's parliament approved the trade agreement with Uganda.",
                 None, "057", None, "TREATY_APPROVED", None, id="approving_an_agreement_is_signing_it"),
    pytest.param("Algeria closed its border with Morocco.",
                 None, "191", None, "BORDER_CLOSED", None, id="closing_a_border_restricts_movement"),
    pytest.param("Algeria has kept its border with Morocco shut since June.",
                 None, "191", None, "BORDER_KEPT_CLOSED", None, id="keeping_a_border_shut_restricts_movement"),
    pytest.param("Cuba denounced American sanctions as cruel.",
                 None, "111", None, "SANCTIONS_DENOUNCED", None, id="denouncing_sanctions_is_criticism"),
    pytest.param("Mali suspended visas for French citizens on Friday.",
                 None, "172", None, "VISA_BAN", None, id="suspending_visas_is_an_administrative_sanction"),
    pytest.param("Niger barred French nationals from entering the country after the coup.",
                 None, "172", None, "VISA_BAN", None, id="barring_nationals_is_an_administrative_sanction"),
    pytest.param("Japan released 40 million dollars in funding for Haitian flood victims.",
                 None, "071", None, "FUNDS_RELEASED", "084",
                 id="releasing_money_is_economic_aid_not_a_release_of_people"),
    pytest.param("Bolivian police cleared protesters from the main square in La Paz.",
                 None, "175", None, "CROWD_CLEARED", None, id="clearing_protesters_is_repression"),
    pytest.param("Two Turkish fighter jets entered Greek airspace on Monday.",
                 None, "150", "GRC", "AIRSPACE_ENTERED", "190", id="warplanes_entering_airspace_show_force"),
    pytest.param("Rwanda dismissed the allegations made by Congo as baseless.",
                 "RWA", "016", None, "CHARGES_DISMISSED", None, id="dismissing_allegations_is_a_denial"),
]


@pytest.mark.parametrize(("text", "source", "code", "target", "block", "kept_off"), SENSES)
def test_a_verb_sense_gives_its_own_act(cameo_coder, text, source, code, target, block, kept_off):
    evs = coded(cameo_coder, text)
    assert any(c == code and b == block and (source is None or s == source) and (target is None or t == target)
               for s, c, t, b in evs), evs
    if kept_off:
        assert kept_off not in {c for _s, c, _t, _b in evs}


@pytest.mark.parametrize(("text", "code"), [
    # a ship or an oil field seized stays CAMEO's seizure of possession
    pytest.param("Iranian forces seized a British tanker in the Gulf.", "181", id="seizing_things_is_not_abduction"),
    # a border kept open is no restriction
    pytest.param("Algeria has kept its border with Morocco open since June.", "191", id="a_border_kept_open"),
])
def test_where_a_sense_does_not_apply_its_code_is_not_given(cameo_coder, text, code):
    assert code not in codes(cameo_coder, text)


def test_pressing_someone_to_act_is_an_appeal(cameo_coder):
    evs = coded(cameo_coder, "Germany pressed Serbia to recognise Kosovo.")
    assert any(s == "DEU" and c.startswith("02") and t == "SRB" and b == "PRESS_APPEAL" for s, c, t, b in evs), evs
    assert not any(c.startswith("10") for _s, c, _t, _b in evs)
