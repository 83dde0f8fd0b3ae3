"""The most specific CAMEO code of appeals, demands, intents, threats, refusals and accusations
(eventcoder.core.suggest.subcodes through EventCoder._subcode). Every sentence here was written for this test."""

from __future__ import annotations

import pytest

from eventcoder.core.suggest.coder import family_code
from eventcoder.core.suggest.subcodes import family_subcode


def coded(coder, text: str) -> set[tuple[str, str, str | None]]:
    doc = coder.code_text(text, "2024-03-05")
    return {(e.event_code, e.source_code, e.target_code) for e in doc.events if "negated" not in (e.flags or ())}


@pytest.mark.parametrize("text, code", [
    # an appeal takes the subcode of the act it asks for: the complement verb's sense by its object
    ("Portugal urged Spain to release the captured sailors.", "0253"),  # release of persons
    ("Portugal called on Spain to lift the sanctions on its olive oil.", "0254"),  # easing sanctions
    ("Portugal urged Spain to withdraw the new duties on Portuguese wine.", "0254"),
    ("Portugal urged Spain to exercise restraint.", "025"),  # restraint: yielding
    ("Portugal urged Spain to halt the fighting.", "0256"),  # de-escalation
    ("Portugal urged Spain to uphold the ceasefire.", "0256"),
    ("Portugal asked Spain to cooperate with the investigation.", "0213"),  # judicial cooperation
    ("Portugal asked Spain to send back the former minister for trial.", "0213"),
    ("Portugal asked Spain not to deport Portuguese workers.", "0242"),  # not to coerce: a change of policy
    ("Portugal urged Spain to keep helping the Moroccan army patrol the coast.", "0212"),  # military cooperation
    # a nominal complement: the head noun's sense
    ("Portugal asked Spain for military assistance.", "0232"),
    ("Portugal called for talks with Spain.", "026"),  # "called for": an appeal to meet, not an intent
    # a demand: the same table in the demand family, numbered as the scheme's list numbers demands (105
    # mediation, 106 withdrawal, 107 ceasefire, 108 meeting), not as the PETRARCH verbs file does (106 meeting)
    ("Portugal demanded that Spain withdraw its troops from the border.", "106"),
    ("Portugal demanded talks with Spain.", "108"),
    ("Portugal demanded a ceasefire from Spain.", "107"),
    ("Portugal demanded the release of the detained journalists from Spain.", "1053"),
])
def test_appeal_and_demand_subcodes(cameo_coder, text, code):
    assert (code, "PRT", "ESP") in coded(cameo_coder, text)


@pytest.mark.parametrize("text, code, target", [
    ("Portugal vowed to send humanitarian aid to Spain.", "0333", "ESP"),  # intended aid: its kind
    ("Portugal pledged to deliver rockets and ammunition to Spain.", "0332", "ESP"),
    ("Portugal announced 20 million euros in military aid for Ukraine.", "0332", "UKR"),
    ("Portugal said it would respect the truce with Spain.", "0356", "ESP"),  # intent to de-escalate
    ("Portugal said it was ready to mediate between Spain and France.", "039", "ESP"),  # intent to mediate
    ("Portugal threatened to halt trade talks with Spain.", "134", "ESP"),  # threat to halt negotiations
    ("Portugal threatened to impose sanctions on Spain.", "1312", "ESP"),
    ("Portugal warned Spain that its drones could be shot down.", "138", "ESP"),  # a warning of force
    ("Portugal refused to free the Spanish prisoners.", "1243", "ESP"),  # refusing to release
])
def test_intent_threat_and_refusal_subcodes(cameo_coder, text, code, target):
    assert (code, "PRT", target) in coded(cameo_coder, text)


@pytest.mark.parametrize("text, code", [
    ("Portugal announced the truce and urged Spain to uphold it.", "0256"),  # "it": the truce named before
    ("Portugal called on the Spanish armed forces not to use violence against the protesters.", "025"),
    ("Portugal urged Spain to give the migrants more time to leave.", "025"),  # a concession
    ("Portugal gave the Spanish junta a week to restore the elected president.", "139"),  # a deadline: ultimatum
    ("Portugal threatened force against Spain over the coup.", "138"),  # a nominal threat of force
    ("Portugal has rejected the Spanish demand for a caretaker administration.", "1234"),  # institutions
    ("Portugal rejected the Spanish proposal to hold talks.", "125"),  # a proposal to meet
    ("Portugal rejected the Spanish proposal to restore communication between the two militaries.", "1212"),
    ("Portugal threatened to expel Spanish diplomats.", "1313"),  # expelling envoys: breaking relations
    ("Portugal threatened to withdraw from the talks with Spain.", "134"),
    ("Portugal demanded that Spain hold new elections.", "1041"),  # a change of leadership
    ("Portugal urged Spain to respect the rights of minorities.", "0243"),  # rights
    ("Portugal urged Spain to withdraw from the disputed island.", "0256"),  # a military retreat
])
def test_complements_named_otherwise(cameo_coder, text, code):
    assert code in {c for c, s, _t in coded(cameo_coder, text) if s == "PRT"}


def test_entering_waters_is_no_aggression(cameo_coder):
    # a guessed root of the accused act (the verb's block) does not make it aggression
    assert coded(cameo_coder, "Portugal accused the Spanish boats of entering Portuguese waters without permission.") \
        == {("112", "PRT", "ESP")}


@pytest.mark.parametrize("text, code, target", [
    # the aid noun's own modifier decides its kind, not a name further on
    ("Portugal will provide financial assistance through the Lisbon Centre for Humanitarian Affairs to Spain.",
     "0331", "ESP"),
    ("Portugal accused the Spanish law of attacking civil society.", "112", "ESP"),  # a thing accused: no kind
    ("Portugal accused Spain of making false claims by alleging Lisbon played a role in the genocide.", "112", "ESP"),
    # an order is no threat, and "ordered X to" is a demand (the ORDER block's own 100), not HEAD's "* TO" [030]
    ("Portugal ordered the Spanish newspaper to suspend publication.", "100", "ESPMED"),
    ("Portugal joined Spain for a first meeting with partners.", "040", "ESP"),  # a meeting done stays 040
    ("Portugal returned six Spanish artifacts to Spain.", "080", "ESP"),  # things returned are no persons
    # what is provided is the direct object: ammunition (072), not the aid named beside it
    ("Portugal is willing to provide ammunition alongside humanitarian assistance to Spain.", "0332", "ESP"),
])
def test_guards(cameo_coder, text, code, target):
    assert coded(cameo_coder, text) == {(code, "PRT", target)}


@pytest.mark.parametrize("text, code", [
    # a protest with a stated demand takes the demand's kind (141x/143x, as 083x)
    ("Tens of thousands of Portuguese rallied in Lisbon against sanctions imposed by Spain.", "1412"),
    ("Portuguese unions held a general strike against the Spanish government's economic reforms.", "1432"),
    # the weapon decides the armed act
    ("Portugal attacked Madrid with drones overnight.", "195"),
    ("The Portuguese army carried out air strikes on Spanish positions.", "195"),
    ("Portuguese forces shelled Spanish positions with artillery.", "194"),
    ("Portuguese forces shot down Spanish drones.", "190"),  # shooting drones down is no aerial attack
])
def test_done_acts_most_specific(cameo_coder, text, code):
    assert code in {c for c, s, _t in coded(cameo_coder, text) if s and s.startswith("PRT")}


def test_help_to_settle_is_mediation(cameo_coder):
    assert {c for c, _s, _t in coded(cameo_coder, "Portugal offered to help Spain and France find a compromise.")} == {
        "039"}


@pytest.mark.parametrize("text, code", [
    ("Portugal accused Spain of spying on its navy.", "1125"),  # espionage
    ("Portugal accused Spain of torturing prisoners.", "1122"),  # human rights abuses
    ("Portugal accused Spain of corruption.", "1121"),  # crime, corruption
    ("Portugal accused Spain of shelling its villages.", "1123"),  # a conventional military act: aggression
    ("Portugal accused Spain of waging an economic war.", "112"),  # an economic war is no aggression
    # a breach of a rule (an agreement, a law) is a violation, no intrusion; a breach of systems is one
    ("Portugal accused Spain of paying subsidies in breach of their trade agreement.", "112"),
    ("Portugal accused Spain of a breach of international law.", "112"),
    ("Portugal accused Spain of a breach of its navy's computer systems.", "1125"),
])
def test_accusation_subcodes(cameo_coder, text, code):
    assert coded(cameo_coder, text) == {(code, "PRT", "ESP")}


def test_done_act_refined_within_its_root(cameo_coder):
    # releasing people is 0841; releasing a statement is no release at all
    assert ("0841", "PRT") in {(c, s) for c, s, _t in coded(cameo_coder, "Portugal released six Spanish fishermen.")}
    assert not {c for c, _s, _t in coded(cameo_coder, "Portugal released a statement criticising Spain.")
                if c.startswith("084")}


def test_meeting_of_a_body_is_no_appeal_to_meet(cameo_coder):
    assert coded(cameo_coder, "Portugal asked for an emergency meeting of the United Nations Security Council.") == {
        ("020", "PRT", "IGOUNO")}


def test_off_switch_keeps_the_family_code(cameo_coder):
    coder = cameo_coder
    old = coder._sense_off
    try:
        coder._sense_off = old | {"subcode"}
        off = coded(coder, "Portugal urged Spain to exercise restraint.")
    finally:
        coder._sense_off = old
    assert off == {("020", "PRT", "ESP")}


def test_plover_types_do_not_move():
    """In a scheme coded through the CAMEO mapping a subcode never moves an event to another type."""
    from eventcoder.core.pipeline import rules_coder
    from eventcoder.core.schemes import load_scheme

    coder = rules_coder(load_scheme("plover"))
    texts = ["The governor of Portugal agreed to resign next week.",
             "Portugal said it would return the seized fishing boats to Spain.",
             "Portugal urged Spain to release the captured sailors.",
             "Portugal accused Spain of torturing prisoners."]
    inner = coder.inner
    old = inner._sense_off

    def types():
        return [sorted(e.event_code for e in coder.code_text(t, "2024-03-05").events) for t in texts]

    try:
        inner._sense_off = old | {"subcode"}
        before = types()
    finally:
        inner._sense_off = old
    assert types() == before
    assert before[2] == ["REQUEST"] and before[3] == ["ACCUSE"]


def test_family_table():
    # CAMEO's table (coding_schemes/cameo.yaml): one act, read through each family
    assert family_code("02", "0841") == "0253" and family_code("10", "0841") == "1053"
    assert family_code("03", "073") == "0333" and family_code("02", "0831") == "0241"
    assert family_subcode("12", "084") == "1243" and family_subcode("12", "062") == "1212"
    assert family_subcode("12", "046") == "125" and family_subcode("12", "045") == "126"
    assert family_subcode("13", "164") == "134" and family_subcode("13", "1723") == "1323"
    assert family_code("03", "163") == "1312" and family_code("03", "190") == "138"
    assert family_subcode("13", "051") is None
