"""Recall rules of the event coder (suggest/coder.py) on sentences written for these tests.

A verb whose block has no default code and whose patterns nearly all give one root codes an object no pattern
lists as that root's act; a light verb's act is named by its object noun (a nominalisation through its verb);
in a scheme coded through the CAMEO mapping "agreed to X" is an agreement; a main clause that names no one who
acted hands over to its adverbial clause.
"""

from __future__ import annotations

import pytest

from eventcoder.core.suggest import lexicon


@pytest.fixture(scope="module")
def plover():
    from eventcoder.core.pipeline import rules_coder
    from eventcoder.core.schemes import load_scheme

    return rules_coder(load_scheme("plover"))


def events(coder, text: str) -> list[tuple[str | None, str, str | None, tuple[str, ...]]]:
    out = coder.code_text(text)
    return [(e.source_code, e.event_code, e.target_code, tuple(e.flags or ())) for e in out.events]


def test_verb_stems_of_nominalisations():
    assert lexicon.verb_stems("INVESTIGATION")[0] == "INVESTIGATE"
    assert "SUSPEND" in lexicon.verb_stems("SUSPENSION")
    assert lexicon.verb_stems("DEPLOYMENT") == ("DEPLOY",)
    assert "WITHDRAW" in lexicon.verb_stems("WITHDRAWAL")
    assert "DEPORT" in lexicon.verb_stems("DEPORTATION")
    assert lexicon.verb_stems("TALK") == ()  # no suffix: nothing to derive


def test_block_root_codes_an_object_no_pattern_lists(cameo_coder):
    # LIFT has no default; nearly all its patterns (sanctions, a ban, a curfew, a blockade) are 08x yielding
    evs = events(cameo_coder, "France lifted its travel advisory for Chile.")
    assert [(s, c, t) for s, c, t, _f in evs] == [("FRA", "080", "CHL")]
    assert "class" in evs[0][3]


def test_block_root_needs_an_object(cameo_coder):
    # without an object there is nothing the block's patterns could be about: no event from the verb class
    assert not [e for e in events(cameo_coder, "France lifted quietly on Monday.") if "class" in e[3]]


def test_light_verb_takes_the_nouns_act(cameo_coder):
    evs = events(cameo_coder, "Egypt held several meetings with Sudan in Cairo.")
    assert ("EGY", "040", "SDN") in {(s, c, t) for s, c, t, _f in evs}
    assert any("light" in f for *_x, f in evs)


def test_light_verb_with_a_nominalisation(cameo_coder):
    # DEPORTATION names DEPORT's act (174); launching or beginning it is doing it
    for verb in ("launched", "began"):
        evs = events(cameo_coder, f"Peru {verb} the deportation of Chilean workers.")
        assert ("PER", "174") in {(s, c) for s, c, _t, _f in evs}, verb


def test_agreed_to_is_an_agreement_in_plover_not_in_cameo(cameo_coder, plover):
    text = "Chile agreed to lift its fishing ban on Peru."
    # CAMEO (PETRARCH's convention): the act agreed to, flagged as an intent
    assert ("CHL", "081", "PER", ("intent",)) in events(cameo_coder, text)
    # PLOVER: agreeing to cooperate is AGREE
    assert {c for _s, c, _t, _f in events(plover, text)} == {"AGREE"}


def test_agentless_main_clause_hands_over_to_its_adverbial_clause(cameo_coder):
    evs = events(cameo_coder, "Three villagers were killed when Burmese troops shelled the village.")
    assert ("MMRMIL", "190") in {(s, c) for s, c, _t, _f in evs}


def test_background_main_clause_keeps_its_adverbial_clause_out(cameo_coder):
    # the main clause is dated before the story: its clauses are background too
    text = "Three villagers were killed in 2012 when Burmese troops shelled the village."
    assert not [e for e in cameo_coder.code_text(text, "2024-05-01").events if e.event_code[:2] in ("18", "19", "20")]
    # the same sentence of the story's days is coded
    text = "Three villagers were killed on Monday when Burmese troops shelled the village."
    coded = cameo_coder.code_text(text, "2024-05-01")
    assert ("MMRMIL", "190") in {(e.source_code, e.event_code) for e in coded.events}


def test_agreed_to_an_uncoded_act_is_an_agreement_in_plover(cameo_coder, plover):
    text = "Chile agreed to open its ports to Peruvian ships."
    # the block default of AGREE is support (050); agreeing to act is an agreement in PLOVER
    assert {c for _s, c, _t, _f in events(plover, text)} == {"AGREE"}
    assert {c for _s, c, _t, _f in events(cameo_coder, text)} == {"050"}  # CAMEO keeps its dictionary's default


def test_refusing_an_uncoded_act_is_a_rejection(cameo_coder):
    evs = events(cameo_coder, "Israel refused to respond to a request from Egypt.")
    assert ("ISR", "120", "EGY") in {(s, c, t) for s, c, t, _f in evs}
    # "will not" + an act on something is a refusal; without a modal it is only negated
    evs = events(cameo_coder, "Hungary will not accept the asylum seekers from Greece.")
    assert ("HUN", "120") in {(s, c) for s, c, _t, _f in evs}
    assert not [e for e in events(cameo_coder, "Hungary did not accept the asylum seekers from Greece.")
                if "negated" not in e[3]]
    # nothing acted on: no refusal
    assert not events(cameo_coder, "Hungary will not succeed.")
