"""An armed attack on a camp, a village or a base is CAMEO's 190 even when a "for" follows in the object ("a camp for
displaced people"), which CAMEO's ATTACK reads as criticism for something (111); shuttling between two parties is
mediating (045); meeting at a place is the meeting (04x), not CAMEO's intent to meet (036), which a future still gives.
coding_schemes/dictionaries/EventCoder.news.verbs.txt. Sentences written for these tests.
"""

from __future__ import annotations

from coding_checks import events_with_blocks as coded


def codes(coder, text: str) -> set[str]:
    return {c for _s, c, _t, _b in coded(coder, text)}


def test_attacking_a_camp_for_displaced_people_is_an_armed_attack(coder_showing_all):
    got = codes(coder_showing_all, "Gunmen from the ADF militia attacked a camp for displaced people near Beni.")
    assert "190" in got and "111" not in got, got
    # criticism "for" an act stays criticism
    assert "111" in codes(coder_showing_all, "The opposition attacked the government for its handling of the floods.")


def test_shuttling_between_parties_is_mediation(cameo_coder):
    assert "045" in codes(cameo_coder, "Norway's envoy shuttled between the government and the rebels.")


def test_meeting_at_a_place_is_the_meeting_and_a_future_one_an_intent(cameo_coder):
    met = codes(cameo_coder, "Kenya's and Uganda's foreign ministers met on Monday at the headquarters of the EAC in"
                " Arusha.")
    assert met and all(c[:2] == "04" for c in met), met
    will = codes(cameo_coder, "Kenya's foreign minister will meet his Ugandan counterpart at a summit in Arusha.")
    assert "036" in will, will
