"""Targets of general constructions on articles (suggest/coder.py, coref.py, actors.py): an envoy's posting country,
the holder of people whose release is asked, appeals that name no addressee, "we"/"our" of the speaker's side, object
pronouns of joined verbs, natural features that are places, relative clauses deep in an object, co-subjects that
clash in a place.

Each rule has a module switch (for measuring its part); a test shows the behaviour with the rule on and, switched
off, the guess it replaces. Every text here was written for this test."""

from __future__ import annotations

import pytest

import eventcoder.core.suggest.actors as A
import eventcoder.core.suggest.coder as C
import eventcoder.core.suggest.coref as R
from coding_checks import sentence_events as events

BORDER = (
    "Malawi recalls envoy in row with Zambia\n\n"
    "LILONGWE, May 6, 2024 (Wire) - Zambian soldiers detained twelve Malawian farmers near the border on Saturday, "
    "Malawi's government said.\n\n"
    "Malawi recalled its ambassador to Zambia on Sunday and demanded the release of the detained farmers.\n\n"
    "Tanzania called for the release of the farmers held by Zambian troops.\n\n"
    '"Our soldiers are ready to protect our people," Malawian President Lazarus Chakwera told a rally in Lilongwe.\n\n'
    "The African Union called for restraint.\n\n"
    "Ghana expelled Zambia's ambassador on Monday.\n"
)
SUDAN = (
    "Sudan's generals urged to halt fighting\n\n"
    "KHARTOUM, May 6, 2024 (Wire) - Sudan's army and the Rapid Support Forces clashed again in Khartoum on Sunday.\n\n"
    "Egyptian President Abdel Fattah al-Sisi spoke with army chief Abdel Fattah al-Burhan and told him that Egypt "
    "backed a truce.\n\n"
    "Britain's foreign secretary met Burhan's envoy and urged her to reopen aid routes.\n"
)
SHELF = (
    "Vietnam and China spar over reefs\n\n"
    "HANOI, May 6, 2024 (Wire) - Vietnam accused China on Monday of blocking Vietnamese fishing boats near the "
    "Paracel reefs.\n\n"
    "Chinese coast guard ships seized two Vietnamese boats on Sunday.\n\n"
    "Vietnam's navy on Monday patrolled the entire western shelf, including waters that Malaysia and Brunei also "
    "claim.\n"
)


@pytest.fixture
def coder(coder_showing_all):
    return coder_showing_all




def test_an_own_envoy_recalled_is_aimed_at_the_country_it_is_posted_to(coder, monkeypatch):
    coded = coder.code_text(BORDER)
    assert ("MWI", "16", "ZMB") in events(coded, BORDER, "recalled its ambassador")
    assert {t[:3] for _s, c, t in events(coded, BORDER, "Ghana expelled") if c == "16"} == {"ZMB"}  # another's envoy
    monkeypatch.setattr(C, "ENVOYS_POSTED", False)
    assert ("MWI", "16", "MWIGOV") in events(coder.code_text(BORDER), BORDER, "recalled its ambassador")


def test_a_demand_for_release_is_aimed_at_whoever_holds_them(coder, monkeypatch):
    coded = coder.code_text(BORDER)
    demand = {(s, t) for s, c, t in events(coded, BORDER, "recalled its ambassador") if c == "10"}
    assert demand == {("MWI", "ZMBMIL")}  # the detainer of the first paragraph, not the farmers
    assert events(coded, BORDER, "Tanzania called") == {("TZA", "02", "ZMBMIL")}  # "held by Zambian troops"
    monkeypatch.setattr(C, "HELD_ARE_NO_TARGET", False)
    again = coder.code_text(BORDER)
    assert {t[:3] for _s, c, t in events(again, BORDER, "recalled its ambassador") if c == "10"} == {"MWI"}
    assert {t[:3] for _s, _c, t in events(again, BORDER, "Tanzania called")} == {"MWI"}


def test_a_lone_sentence_keeps_a_foreign_captives_country_as_the_guess(coder):
    # no document tells who holds the journalist: the captive's own country is the best guess there
    text = "On Friday, the Dutch government demanded the release of a Turkish journalist jailed for insulting them."
    assert {t[:3] for _s, _c, t in events(coder.code_text(text), text, "Dutch")} == {"TUR"}


def test_an_appeal_to_no_one_named_is_not_coded(coder, monkeypatch):
    assert events(coder.code_text(BORDER), BORDER, "called for restraint") == set()
    monkeypatch.setattr(C, "UNADDRESSED_NO_GUESS", False)
    assert events(coder.code_text(BORDER), BORDER, "called for restraint")  # the story's other party, guessed


def test_an_appeal_to_an_uncoded_addressee_keeps_its_guess(coder):
    text = BORDER.replace("The African Union called for restraint.",
                          "The African Union urged the border committees to meet.")
    assert {s for s, c, _t in events(coder.code_text(text), text, "urged the border committees")} == {"IGOAFRAFU"}


def test_our_people_are_never_the_target_of_the_speakers_side(coder, monkeypatch):
    assert events(coder.code_text(BORDER), BORDER, "Our soldiers") == set()
    monkeypatch.setattr(C, "OWN_SIDE_NO_TARGET", False)
    assert {(s[:3], t[:3]) for s, _c, t in events(coder.code_text(BORDER), BORDER, "Our soldiers")} == {
        ("MWI", "MWI")}


def test_us_the_country_is_no_first_person(coder):
    text = "Japan criticised US policy on Monday and blamed the US for the crisis."
    assert ("JPN", "11", "USA") in events(coder.code_text(text), text, "Japan")


def test_an_object_pronoun_of_a_joined_verb_is_that_verbs_object(coder, monkeypatch):
    coded = coder.code_text(SUDAN)
    appeal = {t[:3] for _s, c, t in events(coded, SUDAN, "urged her") if c == "02"}
    assert appeal == {"SDN"}  # Burhan's envoy, not the Egyptian president of the sentence before
    monkeypatch.setattr(R, "CONJUNCT_OBJECT", False)
    again = {t[:3] for _s, c, t in events(coder.code_text(SUDAN), SUDAN, "urged her") if c == "02"}
    assert again == {"EGY"}


def test_an_object_pronoun_under_a_joined_verbs_infinitive_is_that_verbs_object(coder, monkeypatch):
    text = ("Ghana's president warns striking miners\n\n"
            "ACCRA, May 6, 2024 (Wire) - Thousands of Ghanaian miners marched in Accra on Sunday to demand higher "
            "wages.\n\n"
            "Ghanaian President Nana Akufo-Addo described the Ghanaian miners as saboteurs and vowed to crack down on "
            "them.\n")
    assert ("GHAGOV", "13", "GHALAB") in events(coder.code_text(text), text, "vowed to crack down")
    monkeypatch.setattr(R, "CONJUNCT_OBJECT", False)
    assert {c for _s, c, _t in events(coder.code_text(text), text, "vowed to crack down")} == {"11"}


def test_co_subjects_clashing_in_a_city_clash_with_each_other(coder, monkeypatch):
    coded = coder.code_text(SUDAN)
    assert {(s, t) for s, c, t in events(coded, SUDAN, "clashed again") if c == "19"} == {
        ("SDNMIL", "SDNREB"), ("SDNREB", "SDNMIL")}
    monkeypatch.setattr(C, "MUTUAL_PLACE_IS_WHERE", False)
    assert {t for _s, c, t in events(coder.code_text(SUDAN), SUDAN, "clashed again") if c == "19"} == {"SDN"}


@pytest.mark.parametrize(("sentence", "place", "country"), [
    ("Sudanese troops attacked rebels along the Nile on Monday.", "Nile", "EGY"),
    ("Zambia said it would not give up its claim to the islands in Lake Malawi.", "Malawi", "MWI"),
    ("Rebels crossed the Congo River and attacked Ugandan troops.", "Congo", "COD"),
])
def test_a_river_or_lake_is_a_place_not_its_country(coder, monkeypatch, sentence, place, country):
    def codes(coded):
        return {s.code[:3] for s in coded.spans if s.code and place in s.text}

    assert country not in codes(coder.code_text(sentence))
    monkeypatch.setattr(A, "FEATURES_ARE_PLACES", False)
    assert codes(coder.code_text(sentence)) & {country, "COG"}


@pytest.mark.parametrize(("sentence", "name", "country"), [
    ("Finnish police seized the Cook Islands-flagged tanker on Thursday.", "Cook Islands", "COK"),
    ("Fiji praised the Solomon Islands for the deal.", "Solomon Islands", "SLB"),
    ("Ghana thanked Ivory Coast for its help.", "Ivory Coast", "CIV"),
])
def test_a_countrys_own_name_with_a_feature_word_stays_the_country(coder, sentence, name, country):
    coded = coder.code_text(sentence)
    assert any(s.code and s.code[:3] == country and name in s.text for s in coded.spans)


def test_a_relative_clause_deep_in_the_object_names_no_target(coder, monkeypatch):
    assert events(coder.code_text(SHELF), SHELF, "patrolled the entire western shelf") == set()
    monkeypatch.setattr(C, "DEEP_SKIPS_RELATIVE", False)
    assert {t for _s, _c, t in events(coder.code_text(SHELF), SHELF, "patrolled the entire western shelf")} == {
        "MYS", "BRN"}
