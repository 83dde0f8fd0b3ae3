"""Precision rules of the event coder (suggest/coder.py ``_object_sense``) on sentences written for these tests.

A material act's sense is decided by the kind of thing it acts on, through grammar and the verb dictionary's
noun classes (&ENVOY, &WEAPON, &AIRCRAFT, &CROWD, &PEOPLE): ordering people to leave expels them (diplomats
161, others 174); closing a place of passage restricts movement (191); approving a sale of weapons is military
cooperation (062) and halting a transfer of goods an embargo (163, threatened 1312); pushing back a crowd is
repression (175); "call" with an act as object names it (no 041); a visit or a host takes someone, somewhere or
a gathering, not an act or a population; a relative clause in the simple present is a state; negotiating is
046, refused 125.
"""

from __future__ import annotations


def events(coder, text: str) -> list[tuple[str | None, str, str | None]]:
    out = coder.code_text(text)
    return [(e.source_code, e.event_code, e.target_code) for e in out.events if "negated" not in (e.flags or ())]


def codes(coder, text: str) -> set[str]:
    return {c for _s, c, _t in events(coder, text)}


def test_ordering_diplomats_to_leave_expels_them(cameo_coder):
    evs = events(cameo_coder, "The Moldovan government ordered three Belarusian diplomats to leave the country.")
    assert [(s, c, t[:3] if t else t) for s, c, t in evs] == [("MDAGOV", "161", "BLR")]
    # telling an ambassador to leave, and expelling one, are the same act
    assert codes(cameo_coder, "Chile told the Bolivian ambassador to leave.") == {"161"}
    assert codes(cameo_coder, "Chile expelled two Peruvian diplomats.") == {"161"}


def test_ordering_other_people_to_leave_is_expelling_them(cameo_coder):
    assert "174" in codes(cameo_coder, "Ghana ordered hundreds of Togolese traders to leave the market town.")


def test_closing_a_border_crossing_restricts_movement(cameo_coder):
    assert codes(cameo_coder, "Latvia closed two border crossings with Belarus on Friday.") == {"191"}
    # a quantity gives way to what it counts: "all but one of its crossing points"
    assert "191" in codes(cameo_coder, "Norway closed all but one of its crossing points on the Swedish border.")
    # an embassy is no passage: closing it stays a diplomatic act
    assert codes(cameo_coder, "Norway closed its embassy in Tehran.") == {"161"}


def test_approving_a_sale_of_weapons_is_military_cooperation(cameo_coder):
    assert codes(cameo_coder, "The United States approved the sale of 12 fighter jets to Egypt.") == {"062"}
    assert codes(cameo_coder, "Canada approved a sale of Patriot missiles to Poland.") == {"062"}
    # a model designation names a weapon too
    assert codes(cameo_coder, "France approved the sale of 30 X-21 planes to Peru.") == {"062"}


def test_halting_a_sale_is_an_embargo_and_threatened_conditionally_a_threat(cameo_coder):
    assert codes(cameo_coder, "Mexico suspended arms sales to Guatemala.") == {"163"}
    evs = events(cameo_coder, "Mexico would suspend arms sales to Guatemala if the army used them against civilians.")
    assert evs == [("MEX", "1312", "GTM")]


def test_pushing_back_a_crowd_is_repression(cameo_coder):
    assert "175" in codes(cameo_coder, "Greek riot police pushed back protesters near the Egyptian embassy.")


def test_call_naming_an_act_is_no_telephone_call(cameo_coder):
    assert "041" not in codes(cameo_coder, "The Serbian government called the verdict a disgrace.")
    assert "041" not in codes(cameo_coder, "Chile has called the Bolivian vote meaningless.")
    # calling a person is still a call
    assert "041" in codes(cameo_coder, "The Brazilian president called the Argentine leader on Tuesday.")


def test_visit_or_host_needs_someone_somewhere_or_a_gathering(cameo_coder):
    assert not codes(cameo_coder, "Malawi hosts about 2 million Zambians.") & {"042", "043"}
    assert not codes(cameo_coder, "The High Court rules the Fijian asylum plan unlawful.") & {"042", "043"}
    assert "043" in codes(cameo_coder, "Kenya hosted the Somali president on Monday.")


def test_negotiating_is_046_and_refusing_to_negotiate_125(cameo_coder):
    assert codes(cameo_coder, "The Bolivian government is negotiating with Chile over the port.") == {"046"}
    assert codes(cameo_coder, "Mongolia would not negotiate with China over the mine.") == {"125"}


def test_an_act_taken_is_no_thing_seized(cameo_coder):
    # a nominalisation as object names an act ("a decision", "the election"): nothing is seized
    assert "171" not in codes(cameo_coder, '"Today we have taken a decision that will change the history of Peru," the '
                                           "president said.")
    assert "171" not in codes(cameo_coder, "The opposition says the ruling party stole the election.")
    # a thing is still seized
    assert "171" in codes(cameo_coder, "Rebels took the provincial capital.")


def test_seizing_a_vessel_takes_a_thing_not_territory(cameo_coder):
    assert "171" in codes(cameo_coder, "The Greek navy seized a Maltese tanker off the coast.")
    # control of a town is territory (192), as the dictionary has it
    assert "192" in codes(cameo_coder, "Rebels seized control of the town on Monday.")


def test_a_relative_clause_in_the_simple_present_is_a_state(cameo_coder):
    text = ("Estonia shuts border\n\nTALLINN, Nov. 28, 2023 (Wire) - Estonia closed its border with Latvia on "
            "Tuesday.\n\nEstonia, which shares a 300-km border with Latvia, joined NATO on Monday, ending decades "
            "of neutrality.\n")  # (in April, seven months before the story, it would be background)
    got = cameo_coder.code_text(text)
    evs = {(e.source_code, e.event_code, e.target_code) for e in got.events}
    assert ("EST", "191", "LVA") in evs and ("EST", "040", "IGOWSTNAT") in evs
    assert not [e for e in got.events if e.event_code[:2] == "06"]  # sharing a border is no cooperation


def test_charging_a_person_is_legal_action_and_a_state_an_accusation(cameo_coder):
    assert "173" in codes(cameo_coder, "Peruvian prosecutors charged seven members of the gang with smuggling.")
    assert "173" in codes(cameo_coder, "Police said they had charged him over an attack on the court.")
    assert codes(cameo_coder, "China charged the United States with hypocrisy.") == {"112"}


def test_a_person_read_as_the_predicate_of_call_is_still_called(cameo_coder):
    # the parser may read the person called as the object's predicate (oprd): a person is no naming
    assert "041" in codes(
        cameo_coder, "Qatar's Emir Hamad Al Thani called Sudanese President Omar Hassan on Saturday to "
        "express his support.")


def test_a_warning_of_a_hostile_act_to_come_is_the_threat_of_it(cameo_coder):
    evs = events(cameo_coder, "The senator warned Lima that Congress would suspend future sales if the aircraft were "
                              "used against Chile.")
    assert [c for _s, c, _t in evs] == ["1312"]
    # a warning of no act stays a warning
    assert codes(cameo_coder, "The senator warned Lima that the talks would be difficult.") <= {"130"}
