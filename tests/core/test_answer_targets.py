"""Targets the rule coder takes from the document (suggest/coder.py ``_targets_from_context``) beside the targets a
sentence names: a named target stays with its own act and is not lent to its source's other acts in the sentence;
a welcome that names none is aimed at the authors of the act it welcomes. Every text here was written for this test.

(The rules these tests once switched on -- the sentence partner's target, the answer's partner, the answered act's
target and patient, the story's party for third parties only -- did not carry to unseen articles and were removed.)"""

from __future__ import annotations

import pytest

from coding_checks import sentence_events as events

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


@pytest.fixture
def coder(coder_showing_all):
    return coder_showing_all




def test_a_named_target_stays_with_its_own_act_and_a_welcome_takes_the_authors_of_the_act(coder):
    coded = coder.code_text(TALKS)
    # "thanked Norway" names its target; "welcomed the agreement" names none: the welcome is aimed at the authors
    # of the agreement the lead told ("Colombia's government and the ELN rebels agreed"), not Norway from the other
    # verb
    assert events(coded, TALKS, "Canada welcomed") == {("CAN", "05", "NOR"), ("CAN", "05", "COLGOV"),
                                                      ("CAN", "05", "COLREB")}
    welcome = next(e for e in coded.events if e.source_code == "CAN" and e.target_code == "COLREB")
    assert "context_target" in welcome.flags


def test_the_confidence_signals_name_a_story_target_and_a_far_source():
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
    official = SuggestedEvent("051", "LAMGOV", "ROH", source=0, trigger=1, flags=("story_target",))
    plain = SuggestedEvent("051", "ROH", "LAMGOV", source=2, trigger=3)
    assert {"flag=story_target", "source=far"} <= set(signals(official, coded))
    assert not {"flag=story_target", "source=far"} & set(signals(plain, coded))


def test_an_accusations_target_is_never_lent_to_a_welcome_beside_it(coder):
    text = TALKS.replace("Canada welcomed the agreement and thanked Norway for its mediation.",
                         "Canada welcomed the agreement but accused Venezuela of delaying it.")
    coded = coder.code_text(text)
    assert ("CAN", "11", "VEN") in events(coded, text, "Canada welcomed")
    assert ("CAN", "05", "VEN") not in events(coded, text, "Canada welcomed")  # a welcome is not aimed at the accused


def test_an_appeal_beside_a_condemnation_keeps_the_party_it_names(coder):
    text = RAID.replace("The United Nations condemned the attack on the police.",
                        "The United Nations condemned the attack on the police and urged Cameroon to hand over the "
                        "gunmen.")
    coded = coder.code_text(text)
    assert ("IGOUNO", "02", "CMR") in events(coded, text, "condemned the attack")
    # the condemnation answers an act in the story: its author is a Nigerian party, never Cameroon named by the appeal
    assert {t[:3] for _s, c, t in events(coded, text, "condemned the attack") if c == "11"} == {"NGA"}
