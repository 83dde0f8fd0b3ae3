"""Whom an act in an article is aimed at (suggest/coder.py ``_objects``, suggest/coref.py): a person's
possessive on the object, a pronoun object after a person the dictionaries do not know, phrases of place and
time that name no one the act is on. Every text here was written for this test."""

from __future__ import annotations

ARTICLE = (
    "Peru and Ecuador spar over fishing waters\n"
    "\n"
    "LIMA, May 6, 2025 (Wire) - Ecuadorean President Daniel Noboa on Monday proposed joint patrols of the "
    "disputed fishing grounds.\n"
    "\n"
    "Peru rejected his proposal on Tuesday. Peruvian Foreign Minister Elmer Schialer criticised his remarks.\n"
)

PRONOUN = (
    "Bolivia honours new envoy\n"
    "\n"
    "LA PAZ, June 2, 2025 (Wire) - Chilean President Gabriel Boric sent a letter to Tomas Quispe on Monday. "
    "Argentine President Javier Milei also praised him.\n"
)

PLACE = (
    "Border clash\n"
    "\n"
    "KYIV, July 9, 2025 (Wire) - Russian soldiers shelled a bridge near a Ukrainian village on Wednesday.\n"
)



def events(coded, sentence_with: str, text: str) -> set[tuple]:
    return {(e.source_code, e.event_code[:2], e.target_code) for e in coded.events
            if "negated" not in e.flags and sentence_with in text[e.sentence_start:e.sentence_end]}


def test_a_persons_possessive_on_the_object_is_the_target(cameo_coder):
    coded = cameo_coder.code_text(ARTICLE)
    rejected = events(coded, "Peru rejected his proposal", ARTICLE)
    assert rejected and all(t == "ECUGOV" for _s, _r, t in rejected)
    assert any(s[:3] == "PER" and r == "12" for s, r, _t in rejected)
    span = next(s for s in coded.spans if s.layer == "actor" and s.start == ARTICLE.index("his proposal"))
    assert span.text == "his" and span.code == "ECUGOV"
    criticised = events(coded, "criticised his remarks", ARTICLE)
    assert criticised and all(s == "PERGOV" and t == "ECUGOV" for s, _r, t in criticised)


def test_a_pronoun_object_after_an_unknown_person_is_not_the_earlier_known_one(cameo_coder):
    coded = cameo_coder.code_text(PRONOUN)
    praised = events(coded, "also praised him", PRONOUN)
    assert praised, "the praise is still coded"
    # "him" follows "Tomas Quispe", whom no dictionary knows: never Boric (CHLGOV), named before him
    assert all(s == "ARGGOV" and t != "CHLGOV" for s, _r, t in praised)


def test_a_place_near_which_an_act_happens_is_not_its_target(coder_showing_all):
    # the rules' reading (this one's target comes from the story, so its calibrated confidence is below the
    # article threshold): what is tested is where the target is not taken from
    coded = coder_showing_all.code_text(PLACE)
    shelled = [e for e in coded.events if e.source_code == "RUSMIL" and e.event_code[:2] == "19"]
    assert shelled, "the shelling is still coded"
    # the village only says where the bridge is: no target span on it (the story's other country may be given)
    for e in shelled:
        assert e.target is None or "village" not in coded.spans[e.target].text
        assert e.target_code is None or e.target_code[:3] == "UKR"


DENIAL = (
    "Canada and Venezuela trade charges over hacking\n"
    "\n"
    "OTTAWA, April 8, 2025 (Wire) - Canada accused Venezuela on Monday of hacking its election systems.\n"
    "\n"
    "Separately, Colombian police arrested two Venezuelan diplomats in Bogota.\n"
    "\n"
    "Venezuela's foreign ministry rejected the accusations on Tuesday.\n"
)


def test_a_denial_with_no_target_answers_the_last_accusation_aimed_at_its_country(cameo_coder):
    coded = cameo_coder.code_text(DENIAL)
    denied = [e for e in coded.events if e.event_code == "016"]
    assert denied, "the denial is coded"
    # the arrest by Colombian police came later, but it is no accusation: Canada accused Venezuela
    assert all(e.source_code[:3] == "VEN" and e.target_code == "CAN" and "context_target" in e.flags
               for e in denied)
