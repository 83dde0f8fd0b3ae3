"""Targets found through the document (T3): a definite description that repeats the last word of a body's name
("the fund", "the council members": coref ``_named_heads``), and the country of a place an attack struck
(coder ``_attacked_place_country``). Every text here was written for this test."""

from __future__ import annotations

import pytest

from coding_checks import sentence_events as events
from eventcoder.core.suggest import coder as coder_module
from eventcoder.core.suggest import coref

LOAN = (
    "Ghana seeks faster loan payout\n\n"
    "ACCRA, March 3, 2026 (Wire) - Ghana's finance minister held talks with the International Monetary Fund on "
    "Monday about a stalled loan.\n\n"
    "The minister urged the fund to release the money before the end of the month.\n\n"
    "Officials said the talks would continue next week.\n"
)
COUNCIL = (
    "Security Council extends mission in Lebanon\n\n"
    "BEIRUT, Aug. 29, 2026 (Wire) - The UN Security Council voted on Thursday to extend its mission in southern "
    "Lebanon for a last year.\n\n"
    "Lebanon's president thanked the council members for the vote.\n\n"
    "The mission has been deployed along the border for decades.\n"
)
STRIKE = (
    "Drone strike hits market in eastern Ukraine\n\n"
    "KYIV, May 4, 2026 (Wire) - Russia accused Ukraine on Saturday of shelling a border village.\n\n"
    "Russian drones struck a power station in the Zarva region on Sunday, killing six people.\n\n"
    "Ukraine's foreign ministry said the attack showed Russia did not want peace.\n"
)
MISSILE = (
    "Rocket test alarms neighbours\n\n"
    "SEOUL, May 4, 2026 (Wire) - North Korea fired a missile into the sea on Sunday, South Korea's military said.\n\n"
    "South Korea and Japan said they were watching the region closely.\n\n"
    "Analysts said the launch was the third this month.\n"
)


@pytest.fixture
def coder(coder_showing_all):
    return coder_showing_all


def test_the_fund_is_the_fund_named_before(coder):
    coded = coder.code_text(LOAN)
    assert ("GHAGOV", "02", "IGOBUSIMF") in events(coded, LOAN, "urged the fund")
    span = next(s for s in coded.spans if s.text == "the fund")
    assert span.code == "IGOBUSIMF" and "International Monetary Fund" in span.evidence


def test_the_council_members_are_the_council(coder):
    coded = coder.code_text(COUNCIL)
    assert ("LBNGOV", "05", "IGOUNO") in events(coded, COUNCIL, "thanked the council members")


def test_without_the_rule_the_fund_is_no_actor(coder, monkeypatch):
    monkeypatch.setattr(coref, "NAMED_HEADS", False)
    coded = coder.code_text(LOAN)
    assert not any(s.text == "the fund" and s.code == "IGOBUSIMF" for s in coded.spans)


def test_only_the_names_last_word_refers_back(coder):
    text = LOAN.replace("The minister urged the fund", "The minister urged the bank")
    coded = coder.code_text(text)
    # "the bank" is not the last word of "the International Monetary Fund": no body is found for it
    assert not any(s.text == "the bank" and s.code == "IGOBUSIMF" for s in coded.spans)
    assert ("GHAGOV", "02", "IGOBUSIMF") not in events(coded, text, "urged the bank")


def test_an_attack_on_a_place_is_aimed_at_its_country(coder):
    coded = coder.code_text(STRIKE)
    found = events(coded, STRIKE, "struck a power station")
    assert any(s and s.startswith("RUS") and r == "19" and t == "UKR" for s, r, t in found)


def test_without_the_rule_the_attack_on_a_place_has_no_target(coder, monkeypatch):
    monkeypatch.setattr(coder_module, "ATTACKED_PLACE_COUNTRY", False)
    coded = coder.code_text(STRIKE)
    assert not any(t == "UKR" for _s, r, t in events(coded, STRIKE, "struck a power station") if r == "19")


def test_a_weapon_fired_into_the_sea_is_no_place_attacked(coder):
    coded = coder.code_text(MISSILE)
    fired = [e for e in coded.events if "fired a missile" in MISSILE[e.sentence_start:e.sentence_end]]
    assert fired and not any("place_target" in e.flags for e in fired)


def test_people_by_their_livelihood_are_actors_of_the_story(coder):
    text = ("Truckers block border road in Kenya\n\n"
            "NAIROBI, June 2, 2026 (Wire) - Kenyan police fired tear gas at the drivers on Tuesday to clear the "
            "road.\n\n"
            "Armed raiders attacked herders near the border, officials said.\n\n"
            "The ministry said talks with the drivers would resume.\n")
    coded = coder.code_text(text)
    assert ("KENCOP", "17", "KENCVL") in events(coded, text, "fired tear gas")
    span = next(s for s in coded.spans if s.text.endswith("drivers"))
    assert span.code == "KENCVL"
    assert any(s.text.endswith("herders") and s.code == "KENAGR" for s in coded.spans)


MEDIATED = (
    "Armenia and Azerbaijan trade fire on border\n\n"
    "YEREVAN, May 7, 2026 (Wire) - Armenia accused Azerbaijan on Wednesday of shelling villages along the border, "
    "and Azerbaijan blamed Armenia for the fighting.\n\n"
    "Kazakhstan said it had brokered a ceasefire that took hold in the evening.\n\n"
    "Armenian and Azerbaijani officials did not comment on the truce.\n"
)


def test_a_mediation_naming_no_party_is_between_the_storys_two(coder):
    coded = coder.code_text(MEDIATED)
    assert {("KAZ", "04", "ARM"), ("KAZ", "04", "AZE")} <= events(coded, MEDIATED, "brokered a ceasefire")


def test_without_the_rule_the_mediation_has_one_party_at_most(coder, monkeypatch):
    monkeypatch.setattr(coder_module, "MEDIATION_PAIR", False)
    coded = coder.code_text(MEDIATED)
    assert len([t for _s, r, t in events(coded, MEDIATED, "brokered a ceasefire") if r == "04"]) <= 1
