"""Verb senses of the project's news verbs file (coding_schemes/dictionaries/EventCoder.news.verbs.txt, section
"verb senses (V)"): a phrasal verb read as its own act rather than as its head verb, an object that changes the act,
and patterns of PETRARCH's CAMEO file whose code the CAMEO manual contradicts. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from coding_checks import codes
from coding_checks import events_with_blocks as coded


def test_winding_up_talks_is_negotiation_not_wounding(cameo_coder):
    # "wound" is the past of WIND here: the phrasal verb, not CAMEO's WOUND (HURT, 180)
    for text in ("Ghana and the World Bank wound up their talks in Accra on Tuesday.",
                 "Ghana and the IMF wrapped up two weeks of negotiations on Tuesday."):
        evs = coded(cameo_coder, text)
        assert any(s == "GHA" and c == "046" and b == "TALKS_CONCLUDED" for s, c, _t, b in evs), evs
        assert "180" not in {c for _s, c, _t, _b in evs}


def test_an_arrest_warrant_is_legal_action(cameo_coder):
    evs = coded(cameo_coder, "A Peruvian judge issued an arrest warrant for the former Bolivian interior minister.")
    assert any(c == "173" and b == "WARRANT_ISSUED" for _s, c, _t, b in evs)
    assert "100" not in {c for _s, c, _t, _b in evs}


@pytest.mark.parametrize("text", [
    "Mexico took the United States to the WTO over steel duties.",
    "Chile has taken Bolivia to court over the river dispute.",
])
def test_taking_a_party_to_court_is_a_lawsuit_not_a_takeover(cameo_coder, text):
    evs = coded(cameo_coder, text)
    assert any(c == "115" and b == "LAWSUIT_TAKEN" for _s, c, _t, b in evs), evs
    assert "171" not in {c for _s, c, _t, _b in evs}


def test_suing_and_filing_a_lawsuit_are_115(cameo_coder):
    assert any(c == "115" and b == "LAWSUIT" for _s, c, _t, b in coded(
        cameo_coder, "Kenyan farmers sued the government over the new seed law."))
    assert any(c == "115" and b == "LAWSUIT_FILED" for _s, c, _t, b in coded(
        cameo_coder, "Opposition lawyers filed a lawsuit against the Zambian government on Monday."))


def test_seizing_people_is_abduction_seizing_things_is_not(cameo_coder):
    assert any(c == "181" and b == "PEOPLE_SEIZED" for _s, c, _t, b in coded(
        cameo_coder, "Armed men seized twelve passengers from a bus in northern Mali."))
    # a ship or an oil field seized stays CAMEO's seizure of possession
    assert "181" not in codes(cameo_coder, "Iranian forces seized a British tanker in the Gulf.")


def test_breaking_off_relations_is_161(cameo_coder):
    evs = coded(cameo_coder, "Bolivia broke off diplomatic relations with Israel on Tuesday.")
    assert any(s == "BOL" and c == "161" and b == "TIES_BROKEN" for s, c, _t, b in evs), evs
    assert "130" not in {c for _s, c, _t, _b in evs}


def test_shooting_down_drones_is_an_armed_attack(cameo_coder):
    evs = coded(cameo_coder, "An Egyptian warship shot down three drones over the Red Sea.")
    assert any(c == "190" and b == "SHOT_DOWN" for _s, c, _t, b in evs), evs
    assert "183" not in {c for _s, c, _t, _b in evs}


def test_pressing_someone_to_act_is_an_appeal(cameo_coder):
    evs = coded(cameo_coder, "Germany pressed Serbia to recognise Kosovo.")
    assert any(s == "DEU" and c.startswith("02") and t == "SRB" and b == "PRESS_APPEAL" for s, c, t, b in evs), evs
    assert not any(c.startswith("10") for _s, c, _t, _b in evs)


def test_solidarity_is_an_empathetic_comment(cameo_coder):
    evs = coded(cameo_coder, "Portugal expressed solidarity with Mozambique after the floods.")
    assert ("PRT", "018", "MOZ", "SOLIDARITY_SHOWN") in evs, evs


def test_demanding_an_explanation_is_a_demand_for_information(cameo_coder):
    evs = coded(cameo_coder, "Algeria demanded an explanation from Paris.")
    assert any(c == "101" and b == "EXPLANATION_DEMANDED" for _s, c, _t, b in evs), evs
    assert "090" not in {c for _s, c, _t, _b in evs}


def test_flying_to_a_capital_is_the_visit(cameo_coder):
    evs = coded(cameo_coder, "Modi flew to Tokyo on Monday.")
    assert any(c == "042" and t == "JPN" and b == "VISIT_TRAVEL" for _s, c, t, b in evs), evs


def test_approving_an_agreement_is_signing_it(cameo_coder):
    evs = coded(cameo_coder, "Kenya's parliament approved the trade agreement with Uganda.")
    assert any(c == "057" and b == "TREATY_APPROVED" for _s, c, _t, b in evs), evs


def test_closing_or_keeping_a_border_shut_restricts_movement(cameo_coder):
    assert any(c == "191" and b == "BORDER_CLOSED" for _s, c, _t, b in coded(
        cameo_coder, "Algeria closed its border with Morocco."))
    assert any(c == "191" and b == "BORDER_KEPT_CLOSED" for _s, c, _t, b in coded(
        cameo_coder, "Algeria has kept its border with Morocco shut since June."))
    # a border kept open is no restriction
    assert "191" not in codes(cameo_coder, "Algeria has kept its border with Morocco open since June.")


def test_denouncing_sanctions_is_criticism(cameo_coder):
    evs = coded(cameo_coder, "Cuba denounced American sanctions as cruel.")
    assert any(c == "111" and b == "SANCTIONS_DENOUNCED" for _s, c, _t, b in evs), evs


def test_visa_bans_are_administrative_sanctions(cameo_coder):
    assert any(c == "172" and b == "VISA_BAN" for _s, c, _t, b in coded(
        cameo_coder, "Mali suspended visas for French citizens on Friday."))
    assert any(c == "172" and b == "VISA_BAN" for _s, c, _t, b in coded(
        cameo_coder, "Niger barred French nationals from entering the country after the coup."))


def test_releasing_money_is_economic_aid_not_a_release_of_people(cameo_coder):
    evs = coded(cameo_coder, "Japan released 40 million dollars in funding for Haitian flood victims.")
    assert any(c == "071" and b == "FUNDS_RELEASED" for _s, c, _t, b in evs), evs
    assert "084" not in {c for _s, c, _t, _b in evs}


def test_clearing_protesters_is_repression(cameo_coder):
    evs = coded(cameo_coder, "Bolivian police cleared protesters from the main square in La Paz.")
    assert any(c == "175" and b == "CROWD_CLEARED" for _s, c, _t, b in evs), evs


def test_warplanes_entering_airspace_show_force(cameo_coder):
    evs = coded(cameo_coder, "Two Turkish fighter jets entered Greek airspace on Monday.")
    assert any(c == "150" and t == "GRC" and b == "AIRSPACE_ENTERED" for _s, c, t, b in evs), evs
    assert "190" not in {c for _s, c, _t, _b in evs}


def test_dismissing_allegations_is_a_denial(cameo_coder):
    evs = coded(cameo_coder, "Rwanda dismissed the allegations made by Congo as baseless.")
    assert any(s == "RWA" and c == "016" and b == "CHARGES_DISMISSED" for s, c, _t, b in evs), evs
