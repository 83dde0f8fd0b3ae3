"""Verb + object (or prepositional phrase) senses the supplement gives news idiom: barring journalists or observers
from a place restricts them (172, not CAMEO's cut in relations 160); going on hunger strike is a hunger strike (142,
not a consultation 040); speaking in support of another defends it (052, not a statement 010); approving sanctions
waivers eases sanctions (0354, not yielding 080); halting the transit or imports of goods is an embargo (163,
lexicon.TRANSFER_NOUNS). coding_schemes/dictionaries/EventCoder.news.verbs.txt. Sentences written for these tests.
"""

from __future__ import annotations

from coding_checks import events_with_blocks as coded


def triples(coder, text: str) -> set[tuple]:
    return {(s, c, t) for s, c, t, _b in coded(coder, text)}


def codes(coder, text: str) -> set[str]:
    return {c for _s, c, _t, _b in coded(coder, text)}


def test_barring_journalists_from_a_place_restricts_them(coder_showing_all):
    got = codes(coder_showing_all, "Zambian police barred foreign journalists from the polling stations.")
    assert "172" in got and "160" not in got, got


def test_going_on_hunger_strike_is_a_hunger_strike(coder_showing_all):
    got = codes(coder_showing_all, "Jailed Egyptian activist goes on hunger strike")
    assert got and all(c[:3] == "142" for c in got), got


def test_speaking_in_support_of_another_defends_it(cameo_coder):
    evs = triples(cameo_coder, "Brazil, Chile and Peru spoke in support of Bolivia at the meeting.")
    assert {("BRA", "052", "BOL"), ("CHL", "052", "BOL"), ("PER", "052", "BOL")} <= evs, evs


def test_approving_sanctions_waivers_eases_sanctions(cameo_coder):
    evs = triples(cameo_coder, "Washington approved the oil waivers for India on Friday.")
    assert ("USAGOV", "0354", "IND") in evs, evs


def test_halting_the_transit_or_imports_of_goods_is_an_embargo(cameo_coder):
    # lexicon.TRANSFER_NOUNS: the halted flow of goods decides, as for sales and deliveries
    assert ("POL", "163", "RUS") in triples(cameo_coder, "Poland halted the transit of Russian gas on Monday.")
    assert ("IND", "163", "MYS") in triples(cameo_coder, "India suspended imports of Malaysian palm oil.")
