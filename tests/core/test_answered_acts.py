"""Targets of answers and welcomes that name an act, not an actor (suggest/coder.py, coref.py): welcoming an act is
aimed at its authors where the document told the act ("welcomed the exchange" of two sides), an answer's
characterisation of the act ("condemned the attack as an assault on the people of X") names no target, and "the
court" after a named international court is that court. And two actor rules found on the same articles: a role
in a sentence that opens with a capital ("In Tehran, foreign ministry spokesman X") is that country's, and a
country's name inside a person's name ("Chad Ellison", "Nasser Kanaani") is no country.

Each rule has a module switch (for measuring its part); a test shows the behaviour with the rule on and, switched
off, the guess it replaces. Every text here was written for this test."""

from __future__ import annotations

import pytest

import eventcoder.core.suggest.actors as A
import eventcoder.core.suggest.coder as C
import eventcoder.core.suggest.coref as R
from coding_checks import sentence_events as events

SWAP = (
    "Chile and Bolivia swap detained truck drivers\n\n"
    "SANTIAGO, May 6, 2024 (Wire) - Chile and Bolivia released 40 detained truck drivers to each other on Sunday in "
    "an exchange that Peru had arranged.\n\n"
    "Peruvian Foreign Minister Javier Gonzalez-Olaechea said Lima was pleased with the outcome.\n\n"
    "The International Committee of the Red Cross welcomed the exchange.\n\n"
    "Argentina's government welcomed the release and urged both neighbours to reopen the border crossing.\n\n"
    "On Monday, gunmen from a Bolivian smuggling ring attacked a Chilean customs post near Colchane, Chilean police "
    "said.\n\n"
    "Chilean President Gabriel Boric condemned the attack as an assault on the people of Chile.\n\n"
    "The International Court of Justice opened hearings on the border dispute on Monday.\n\n"
    "Chile urged the court to dismiss the case.\n"
)


@pytest.fixture
def coder(coder_showing_all):
    return coder_showing_all




def targets(coded, text: str, sentence_with: str, root: str) -> set[str]:
    return {t for _s, c, t in events(coded, text, sentence_with) if c == root}


def test_a_welcomed_act_is_aimed_at_every_author_the_document_told(coder, monkeypatch):
    coded = coder.code_text(SWAP)
    # "the exchange" is told by the trigger's noun ("released ... in an exchange"), "the release" by its verb
    assert targets(coded, SWAP, "Red Cross welcomed", "05") == {"CHL", "BOL"}
    assert targets(coded, SWAP, "Argentina's government welcomed", "05") == {"CHL", "BOL"}
    assert all("context_target" in e.flags for e in coded.events if e.event_code == "051")
    monkeypatch.setattr(C, "ANSWERED_ACT_AUTHOR", False)
    coded = coder.code_text(SWAP)
    # without it: the story's other party alone, one side of the two
    assert len(targets(coded, SWAP, "Red Cross welcomed", "05")) == 1


def test_another_answer_to_the_same_act_is_not_the_acts_author(coder):
    text = SWAP.replace("Chile urged the court to dismiss the case.\n",
                        "Uruguay's foreign minister also condemned the attack.\n")
    coded = coder.code_text(text)
    got = targets(coded, text, "Uruguay's foreign minister", "11")
    assert got and all(t.startswith("BOL") for t in got)  # the gunmen's side, not Boric who condemned it first


def test_what_an_answer_calls_the_act_names_no_target(coder, monkeypatch):
    coded = coder.code_text(SWAP)
    got = targets(coded, SWAP, "condemned the attack as", "11")
    assert got and all(t.startswith("BOL") for t in got)  # the attackers, from the document
    monkeypatch.setattr(C, "CHARACTERISED_NO_TARGET", False)
    monkeypatch.setattr(C, "CHARACTERISED_ANY_OBJECT", False)  # the wider rule (any object) gives it too
    got = targets(coder.code_text(SWAP), SWAP, "condemned the attack as", "11")
    assert got and all(t.startswith("CHL") for t in got)  # "the people of Chile" in the predicate


def test_an_agent_inside_the_characterisation_stays_the_author(coder):
    text = ("Unions strike in Quito\n\nQUITO, May 6, 2024 (Wire) - Ecuador's unions staged a general strike on "
            "Monday.\n\nThe government condemned the strike as a plot by agitators from Colombia.\n\n"
            "Police cleared the roads.\n")
    coded = coder.code_text(text)
    assert {t[:3] for t in targets(coded, text, "condemned the strike", "11")} == {"COL"}  # not the unions


def test_the_court_after_a_named_international_court_is_that_court(coder, monkeypatch):
    coded = coder.code_text(SWAP)
    assert ("CHL", "02", "IGOUNOJUDICJ") in events(coded, SWAP, "urged the court")
    monkeypatch.setattr(R, "IGO_ROLES", False)
    assert ("CHL", "02", "CHLJUD") in events(coder.code_text(SWAP), SWAP, "urged the court")


ISLANDS = (
    "Iran and the UAE trade words over islands\n\n"
    "DUBAI, May 6, 2024 (Wire) - The United Arab Emirates on Monday accused Iran of occupying three islands in the "
    "Gulf.\n\n"
    "In Tehran, foreign ministry spokesman Nasser Kanaani rejected the accusation and urged Abu Dhabi to respect "
    "Iran's sovereignty.\n"
)
STEEL = (
    "Canada criticises Mexican duties\n\n"
    "OTTAWA, May 6, 2024 (Wire) - Canada on Monday criticised new Mexican duties on steel.\n\n"
    "Trade Minister Chad Ellison accused Mexico of breaking the trade pact.\n\n"
    "Jordan Whitfield, a spokesman for the Canadian steel producers, praised the government.\n"
)


def actor_codes(coded, words: str) -> set[str]:
    return {s.code for s in coded.spans if s.layer == "actor" and words in s.text}


def test_a_role_in_a_sentence_opening_with_a_capital_is_that_countrys(coder, monkeypatch):
    coded = coder.code_text(ISLANDS)
    assert actor_codes(coded, "spokesman") == {"IRNGOV"}
    assert ("IRNGOV", "01", "ARE") in events(coded, ISLANDS, "In Tehran")  # 016: the denial, at the accuser
    monkeypatch.setattr(R, "FRONTED_PLACE", False)
    monkeypatch.setattr(A, "PERSON_NAMES_ARE_NO_COUNTRY", False)
    assert actor_codes(coder.code_text(ISLANDS), "spokesman") == {"EGYGOV"}  # "Nasser" read as Egypt's


def test_a_country_name_inside_a_persons_name_is_no_country(coder, monkeypatch):
    coded = coder.code_text(STEEL)
    assert actor_codes(coded, "Trade Minister") == {"CANGOV"}
    assert not any(s.code and s.code.startswith(("TCD", "JOR")) for s in coded.spans if s.layer == "actor")
    monkeypatch.setattr(A, "PERSON_NAMES_ARE_NO_COUNTRY", False)
    coded = coder.code_text(STEEL)
    assert actor_codes(coded, "Trade Minister") == {"TCDGOV"}
    assert "JOR" in actor_codes(coded, "Jordan")
