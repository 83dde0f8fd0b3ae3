"""Targets the rule coder takes from the document (suggest/coder.py ``_targets_from_context``): the act an answer
answers (never one of its named patient, never an act that kept no target), the party another act of the same
source names in its sentence, and the story's other party only for a third party's act.

Each rule has a module switch (for measuring its part); a test shows the behaviour with the rule on and, switched
off, the guess it replaces. Every text here was written for this test."""

from __future__ import annotations

import pytest

import eventcoder.core.suggest.coder as C

RAID = (
    "Gunmen attack police post in northern Nigeria\n\n"
    "ABUJA, May 6, 2024 (Wire) - Boko Haram fighters attacked a police post in Borno state on Sunday, killing four "
    "officers.\n\n"
    "Nigerian police later raided a village near the post and seized weapons.\n\n"
    "The United Nations condemned the attack on the police.\n"
)
TALKS = (
    "Colombia and rebels agree to resume talks\n\n"
    "BOGOTA, June 3, 2024 (Wire) - Colombia's government and the ELN rebels agreed on Monday to resume peace talks.\n\n"
    "Colombian negotiators met rebel commanders in Caracas.\n\n"
    "Canada welcomed the agreement and thanked Norway for its mediation.\n"
)
BILL = (
    "Kenyan police detain protesters in Nairobi\n\n"
    "NAIROBI, July 2, 2024 (Wire) - Kenyan police detained dozens of people on Tuesday during protests against a "
    "finance bill.\n\n"
    "Kenya's president said the bill would raise revenue, and the Kenyan parliament passed it last week.\n\n"
    "Uganda praised Kenya for its restraint.\n"
)


SWITCHES = ("SENTENCE_PARTNER_TARGET", "STORY_TARGET_THIRD_PARTY", "PARTNER_SAME_SIDE", "ANSWER_PARTNER_FIRST",
            "PARTNER_SAME_CLAUSE_TREE", "ANSWER_PRIOR_HAS_TARGET", "ANSWER_PRIOR_NOT_PATIENT")


@pytest.fixture(autouse=True)
def rules_on(monkeypatch):
    """These rules are off in the product (they did not carry to unseen articles, see coder.py): on, to test them."""
    for name in SWITCHES:
        monkeypatch.setattr(C, name, True)


def test_the_rules_are_off_in_the_product():
    import re
    from pathlib import Path

    source = Path(C.__file__).read_text(encoding="utf-8")  # the module as shipped (this file's fixture turns them on)
    assert all(re.search(rf"^{name} = False$", source, re.M) for name in SWITCHES)


@pytest.fixture
def coder(coder_showing_all):
    return coder_showing_all


def events(coded, text: str, sentence_with: str) -> set[tuple]:
    return {(e.source_code, e.event_code[:2], e.target_code) for e in coded.events
            if "negated" not in e.flags and sentence_with in text[e.sentence_start:e.sentence_end]}


def test_an_answer_to_an_attack_on_a_party_takes_the_attacker_not_the_partys_own_act(coder, monkeypatch):
    coded = coder.code_text(RAID)
    assert ("NGACOP", "19", "NGACVL") in events(coded, RAID, "raided a village")  # the police's own later act
    (answer,) = events(coded, RAID, "condemned the attack on the police")
    assert answer[0] == "IGOUNO" and answer[1] == "11" and answer[2] == "NGAUAF"  # the gunmen, not the police
    monkeypatch.setattr(C, "ANSWER_PRIOR_NOT_PATIENT", False)
    assert {t for _s, _c, t in events(coder.code_text(RAID), RAID, "condemned the attack")} == {"NGACOP"}


def test_an_answer_never_answers_an_act_that_kept_no_target(coder, monkeypatch):
    text = ("Gunmen attack police post in northern Nigeria\n\n"
            "ABUJA, May 6, 2024 (Wire) - Boko Haram fighters attacked a police post in Borno state on Sunday.\n\n"
            "Nigerian soldiers later seized weapons.\n\n"
            "The United Nations condemned the attack.\n")
    monkeypatch.setattr(C, "ANSWER_PRIOR_NOT_PATIENT", False)  # no patient named here; this rule alone
    coded = coder.code_text(text)
    assert not events(coded, text, "seized weapons")  # an act with no target is not suggested
    assert {t[:3] for _s, _c, t in events(coded, text, "condemned the attack")} == {"NGA"}
    assert {t for _s, _c, t in events(coded, text, "condemned the attack")} != {"NGAMIL"}
    monkeypatch.setattr(C, "ANSWER_PRIOR_HAS_TARGET", False)
    assert {t for _s, _c, t in events(coder.code_text(text), text, "condemned the attack")} == {"NGAMIL"}


def test_an_act_with_no_target_takes_the_party_its_sources_other_act_in_the_sentence_names(coder, monkeypatch):
    coded = coder.code_text(TALKS)
    assert events(coded, TALKS, "Canada welcomed") == {("CAN", "05", "NOR")}
    welcome = [e for e in coded.events if e.source_code == "CAN"]
    assert len(welcome) == 1  # "welcomed" aimed at Norway is the same act as "thanked Norway": one suggestion
    monkeypatch.setattr(C, "SENTENCE_PARTNER_TARGET", False)
    assert ("CAN", "05", "COL") in events(coder.code_text(TALKS), TALKS, "Canada welcomed")  # the story's party


def test_the_storys_other_party_is_no_target_of_the_storys_own_country(coder, monkeypatch):
    coded = coder.code_text(BILL)
    assert not events(coded, BILL, "would raise revenue")  # a Kenyan act at home: no foreign target guessed
    assert ("UGA", "05", "KEN") in events(coded, BILL, "Uganda praised")  # a named target stays
    monkeypatch.setattr(C, "STORY_TARGET_THIRD_PARTY", False)
    assert {t for _s, _c, t in events(coder.code_text(BILL), BILL, "would raise revenue")} == {"UGA"}


def test_the_confidence_signals_name_a_sentence_partners_target_and_a_far_source():
    from eventcoder.core.model import CodedDocument, Layer, SuggestedEvent, SuggestedSpan
    from eventcoder.core.suggest.confidence import signals

    text = ("Lamedon's long-serving minister for fisheries and coastal affairs, Brand Oakes, praised the pact. "
            "Rohan praised it.")
    far, near = text.index("Brand"), text.index("Rohan")
    coded = CodedDocument(spans=[
        SuggestedSpan(0, 7, "Lamedon's", code="LAMGOV"),
        SuggestedSpan(text.index("praised"), text.index("praised") + 7, "praised", layer=Layer.TRIGGER.value),
        SuggestedSpan(near, near + 5, "Rohan", code="ROH"),
        SuggestedSpan(text.rindex("praised"), text.rindex("praised") + 7, "praised", layer=Layer.TRIGGER.value),
    ])
    assert far > 60
    official = SuggestedEvent("051", "LAMGOV", "ROH", source=0, trigger=1, flags=("sentence_target",))
    plain = SuggestedEvent("051", "ROH", "LAMGOV", source=2, trigger=3)
    assert {"flag=sentence_target", "source=far"} <= set(signals(official, coded))
    assert not {"flag=sentence_target", "source=far"} & set(signals(plain, coded))


def test_a_sentence_partners_target_only_from_an_act_of_the_same_side(coder, monkeypatch):
    text = TALKS.replace("Canada welcomed the agreement and thanked Norway for its mediation.",
                         "Canada welcomed the agreement but accused Venezuela of delaying it.")
    coded = coder.code_text(text)
    assert ("CAN", "11", "VEN") in events(coded, text, "Canada welcomed")
    assert ("CAN", "05", "VEN") not in events(coded, text, "Canada welcomed")  # a welcome is not aimed at the accused
    monkeypatch.setattr(C, "PARTNER_SAME_SIDE", False)
    assert ("CAN", "05", "VEN") in events(coder.code_text(text), text, "Canada welcomed")


def test_an_answer_is_aimed_at_whom_its_source_calls_on_in_the_same_sentence(coder, monkeypatch):
    text = RAID.replace("The United Nations condemned the attack on the police.",
                        "The United Nations condemned the attack on the police and urged Cameroon to hand over the "
                        "gunmen.")
    coded = coder.code_text(text)
    answer = {(s, c, t) for s, c, t in events(coded, text, "condemned the attack") if c == "11"}
    assert answer == {("IGOUNO", "11", "CMR")}  # the party it calls on is the author of what it answers
    assert ("IGOUNO", "02", "CMR") in events(coded, text, "condemned the attack")
    monkeypatch.setattr(C, "ANSWER_PARTNER_FIRST", False)
    again = {t for _s, c, t in events(coder.code_text(text), text, "condemned the attack") if c == "11"}
    assert again == {"NGAUAF"}  # the last act's author


def test_no_sentence_partners_target_across_a_relative_clause(coder, monkeypatch):
    text = TALKS.replace("Canada welcomed the agreement and thanked Norway for its mediation.",
                         "Canada's foreign minister, who attended the ceremony in person, urged Venezuela to support "
                         "the talks.")
    coded = coder.code_text(text)
    assert {c for _s, c, t in events(coded, text, "who attended") if t == "VEN"} == {"02"}  # only the appeal
    monkeypatch.setattr(C, "PARTNER_SAME_CLAUSE_TREE", False)
    # switched off, "attended" (no target of its own) takes Venezuela from the main clause's appeal
    assert {c for _s, c, t in events(coder.code_text(text), text, "who attended") if t == "VEN"} > {"02"}
