"""Four general readings of the article coder (suggest/coder.py), each on text written for this test: a government
is never the target of its own act as its bare country; a place phrase on a symmetric act's object is where the
co-subjects acted, not whom they acted on; "hope(s) to" + the subject's own act is an intent, not an appeal; and the
small model's lemmatizer losing a verb's final "e" ("hoped" -> "hop") is repaired from the verb dictionary."""

from __future__ import annotations

import pytest

from eventcoder.core.suggest import coder as C

ARTICLE = (
    "Tarsia, Melvane and Ostrava sign gas pipeline deal at Athens summit\n"
    "\n"
    "ATHENS, Jan. 2, 2020 (Wire) - Greek Prime Minister Kyriakos Mitsotakis hosted Israeli Prime Minister "
    "Benjamin Netanyahu on Thursday for the signing of a pipeline accord.\n"
    "\n"
    "Greece, Cyprus and Israel signed the pipeline deal at the Athens summit, officials said.\n"
    "\n"
    "Netanyahu promised that Israel would help Greece protect the route. Sweden hopes to sign a similar deal "
    "with Turkey, the Swedish foreign ministry said.\n"
)


@pytest.fixture(scope="module")
def coded(cameo_coder):
    return cameo_coder.code_text(ARTICLE, date="2020-01-02")


def events(coded, sentence_with: str) -> set[tuple]:
    return {(e.source_code, e.event_code, e.target_code) for e in coded.events
            if "negated" not in e.flags and sentence_with in ARTICLE[e.sentence_start:e.sentence_end]}


def test_a_government_is_not_the_target_of_its_own_act_as_its_country(coded):
    found = events(coded, "Netanyahu promised")
    assert not any(s and t and s[:3] == t and s[3:6] == "GOV" for s, _c, t in found), found


def test_the_place_of_a_signing_is_not_its_target(coded):
    found = events(coded, "Greece, Cyprus and Israel signed")
    pairs = {(s[:3], t[:3]) for s, c, t in found if c[:2] == "05" and s and t}
    # the co-subjects signed with each other; the summit's city (Athens -> GRC) is where, not whom
    assert {("CYP", "GRC"), ("ISR", "GRC"), ("GRC", "CYP"), ("GRC", "ISR"), ("CYP", "ISR")} <= pairs, found


def test_hoping_to_act_is_an_intent_not_an_appeal(coded):
    found = events(coded, "Sweden hopes to sign")
    codes = {c for s, c, t in found if s and s[:3] == "SWE" and t and t[:3] == "TUR"}
    assert codes and all(c.startswith("03") for c in codes), found


@pytest.mark.parametrize("sentence,text,lemma", [
    ("The rebels hoped to win the war.", "hoped", "hope"),
    ("The rebels are hoping to win the war.", "hoping", "hope"),
    ("The rebel leader hopes to win the war.", "hopes", "hope"),
    ("The rebels staged an attack on the town.", "staged", "stage"),
    ("The rebels are waging a war on the town.", "waging", "wage"),
])
def test_a_verb_lemma_that_lost_its_final_e_is_restored(cameo_coder, sentence, text, lemma):
    from eventcoder.core.suggest.nlp import load_model

    doc = load_model()(sentence)
    verb = next(t for t in doc if t.text == text)
    assert verb.lemma_ == lemma[:-1]  # the small model's reading (why the repair exists)
    cameo_coder._restore_final_e(doc)
    assert verb.lemma_ == lemma
    assert next(t for t in doc if t.text == "rebels" or t.text == "rebel").lemma_ == "rebel"  # nothing else moved
    assert C.LEMMA_FINAL_E  # the product keeps it on
