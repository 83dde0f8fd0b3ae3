"""Second acts of a sentence's subject found by the event coder (suggest/coder.py), on sentences and articles written
for these tests.

In an article a participle naming a verbal act ("..., accusing them of spying", "..., rejecting the claims") is the
subject's second act, a disapproval or rejection; a coordinated main verb with a that-clause of its own ("and warned
that ...") is coded as one with its own object; a finite verb the parser coordinated with an infinitive or a
participle ("urged Peru to withdraw ... and thanked Bolivia") is the main verb's second act, sourced by its subject.
"""

from __future__ import annotations

FILLER = "A day of tension in the south\n\nIt was a cold morning in the capital. Rain fell on the city.\n\n"


def events(coder, text: str) -> set[tuple[str | None, str, str | None]]:
    return {(e.source_code, e.event_code, e.target_code) for e in coder.code_text(text).events}


def pairs(coder, text: str) -> set[tuple[str | None, str]]:
    return {(s, c[:2]) for s, c, _t in events(coder, text)}


def test_a_participle_of_a_verbal_act_is_the_subjects_second_act(cameo_coder):
    found = pairs(cameo_coder, FILLER + "Chile expelled two Peruvian diplomats, accusing them of spying on its navy.")
    assert {("CHL", "16"), ("CHL", "11")} <= found
    found = pairs(cameo_coder, FILLER + "Chile recalled its ambassador from Lima, rejecting the Peruvian claims.")
    assert ("CHL", "01") in found  # rejecting claims is a denial (016, the article conventions)
    # a participle of a physical act tells the main act's result: one event
    evs = events(cameo_coder, FILLER + "Chilean troops shelled the border town, killing three Peruvian soldiers.")
    assert {c for _s, c, _t in evs} == {"194"}


def test_a_coordinated_verb_with_a_that_clause_is_a_clause_of_its_own(cameo_coder):
    found = pairs(cameo_coder, "The Chilean minister criticised the Peruvian navy and warned that Chile would respond "
                  "to any incursion.")
    assert {("CHLGOV", "11"), ("CHLGOV", "13")} <= found


def test_a_finite_verb_coordinated_with_an_infinitive_goes_on_from_the_main_verb(cameo_coder):
    evs = events(cameo_coder, FILLER + "Chile urged Peru to withdraw its troops from the border and thanked Bolivia "
                 "for its mediation.")
    assert {("CHL", "0256", "PER"), ("CHL", "051", "BOL")} <= evs
    evs = events(cameo_coder, FILLER + "Chile called on Peru to free the fishermen and criticised Bolivia for its "
                 "silence.")
    assert ("CHL", "111", "BOL") in evs
    # an infinitive in a that-clause: the finite verb is still the main verb's subject's
    evs = events(cameo_coder, FILLER + "The Chilean president demanded that the Peruvian congress release the "
                 "prisoners, and called on Bolivia to mediate.")
    assert ("CHLGOV", "BOL") in {(s, t) for s, c, t in evs if c[:2] == "02"}


def test_a_finite_verb_under_a_reported_passive_is_not_the_reporters(cameo_coder):
    # "were given a day to leave and flew to Lima": the nearest finite verb above is "were given", not "said"
    evs = events(cameo_coder, FILLER + "Two Peruvian reporters were given a day to leave and flew to Lima, the Chilean "
                 "newspapers said.")
    assert not [e for e in evs if e[0] and e[0].startswith("CHL") and e[1][:2] == "04"]


def test_the_switches_turn_the_rules_off(cameo_coder):
    was = cameo_coder._recall_off
    try:
        cameo_coder._recall_off = frozenset({"verbal_participle", "conj_clause", "finite_conj"})
        assert ("CHL", "11") not in pairs(cameo_coder, FILLER + "Chile expelled two Peruvian diplomats, accusing them "
                                          "of spying on its navy.")
        assert ("CHLGOV", "13") not in pairs(cameo_coder, "The Chilean minister criticised the Peruvian navy and "
                                             "warned that Chile would respond to any incursion.")
        assert ("CHL", "051", "BOL") not in events(cameo_coder, FILLER + "Chile urged Peru to withdraw its troops from "
                                                   "the border and thanked Bolivia for its mediation.")
    finally:
        cameo_coder._recall_off = was
