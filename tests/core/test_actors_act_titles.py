"""Titled people the dictionaries do not know (suggest/actors.py), later mentions of a known person by the first
word of the full name, groups ("the sides", "the two delegations") and state bodies' names (suggest/coref.py), on
articles written for this test. Each rule is also read switched off,
so the test shows what the rule itself gives."""

from __future__ import annotations

import pytest

from eventcoder.core.suggest import actors as A
from eventcoder.core.suggest import coref as R

TITLED = ("Court jails activists\n\n"
          "TUNIS, March 3, 2024 (Wire) - A Tunisian court jailed four activists on Sunday.\n\n"
          "Justice Minister Samira Jaffel denied that the prisoners were being held for their views.\n\n"
          "She accused Libyan militias of smuggling weapons across the border.\n")

COORDINATED = ("Deals signed in Jakarta\n\n"
               "JAKARTA, June 2, 2025 (Wire) - Indonesia and France signed a defence pact on Monday.\n\n"
               "Navy Minister Arief Wibisono and French Trade Minister Claire Dumont signed a deal on ports.\n\n"
               "Wibisono later criticised Australian fishing fleets.\n")

GIVEN = ("Leaders meet in Jakarta\n\n"
         "JAKARTA, June 2, 2025 (Wire) - Indonesian President Prabowo Subianto and French President Emmanuel Macron "
         "signed a defence pact on Monday.\n\n"
         "Macron said France would build two ships.\n\n"
         "Prabowo said the pact would create jobs.\n\n"
         "He accused Australian fishing fleets of plundering the seas.\n")


def actors(coded) -> dict[str, str | None]:
    return {s.text: s.code for s in coded.spans if s.layer == "actor"}


def triples(coded) -> set[tuple[str | None, str, str | None]]:
    return {(e.source_code, e.event_code[:3], e.target_code) for e in coded.events}


@pytest.fixture
def on_and_off(cameo_coder, monkeypatch):
    """``code(text, module, switch)``: the article coded with the rule, then with ``module.switch`` off."""
    def code(text, module, switch):
        on = cameo_coder.code_text(text)
        monkeypatch.setattr(module, switch, False)
        return on, cameo_coder.code_text(text)
    return code


def test_a_title_before_a_name_the_entity_recogniser_marked_in_part(on_and_off):
    # spaCy marks only "Samira" as a person; the phrase's head "Jaffel" is no entity
    coded, off = on_and_off(TITLED, A, "TITLED_NAME_PART")
    assert actors(coded)["Justice Minister Samira Jaffel"] == "TUNGOV"
    assert ("TUNGOV", "112", "LBYUAF") in triples(coded)  # "She" is the minister
    assert "Justice Minister Samira Jaffel" not in actors(off)
    assert not any(s == "TUNGOV" and c == "112" for s, c, _ in triples(off))


def test_a_titled_person_does_not_take_a_coordinated_persons_country(on_and_off):
    coded, off = on_and_off(COORDINATED, A, "OWN_TITLED_PERSON")
    found = actors(coded)
    assert found["Navy Minister Arief Wibisono"].startswith("IDN")  # the story's (dateline) country
    assert found["French Trade Minister Claire Dumont"] == "FRAGOV"
    assert any(s.startswith("IDN") and c == "111" and t == "AUS" for s, c, t in triples(coded))
    off = actors(off)
    assert off["Navy Minister Arief Wibisono"].startswith("FRA")  # the conjunct's country, as before the rule


def test_he_after_a_leader_named_by_the_first_word_of_his_full_name(on_and_off):
    coded, off = on_and_off(GIVEN, R, "GIVEN_PERSONS")
    assert ("IDNGOV", "112", "AUS") in triples(coded)  # "He" continues "Prabowo", not "Macron" before him
    assert ("FRAGOV", "112", "AUS") in triples(off)


SIDES = ("Armenia and Azerbaijan resume talks\n\n"
         "DOHA, June 2, 2025 (Wire) - Armenia and Azerbaijan held talks on their border in Doha on Monday.\n\n"
         "Armenia accused Azerbaijan of shelling villages, and Azerbaijan rejected the charge.\n\n"
         "Qatari Foreign Minister Hamad Rashid, who hosted the two delegations, said the sides would meet again "
         "next month.\n\n"
         "German officials briefed reporters, and France called on both countries to show restraint.\n")


def groups(coded) -> dict[str, str | None]:
    return {s.text: s.code for s in coded.spans if s.layer == "actor" and s.origin == "group"}


def test_the_sides_and_the_two_delegations_are_the_storys_two_parties(on_and_off):
    coded, off = on_and_off(SIDES, R, "BARE_SIDES")
    found = groups(coded)
    assert found["the sides"] in ("ARM", "AZE")
    assert found["the two delegations"] in ("ARMGOV", "AZEGOV")  # the host who "hosted" them is not one
    assert {("QATGOV", "043", "ARMGOV"), ("QATGOV", "043", "AZEGOV")} <= triples(coded)
    assert "the sides" not in groups(off)


def test_a_group_leaves_out_only_its_own_clauses_actors(on_and_off):
    # "German officials briefed reporters, and France called on both countries": only France is left out
    coded, off = on_and_off(SIDES, R, "GROUP_CLAUSE")
    assert {("FRA", "025", "ARM"), ("FRA", "025", "AZE")} <= triples(coded)
    assert ("FRA", "025", "AZE") not in triples(off)


STATE_BODY = ("Observers fault vote count\n\n"
              "LUSAKA, Aug 14, 2026 (Wire) - Zambia held a general election on Thursday.\n\n"
              "European Union observers criticised the National Vote Commission for delays in posting results.\n")


def test_a_state_bodys_name_no_dictionary_knows_is_the_home_government(on_and_off):
    coded, off = on_and_off(STATE_BODY, R, "STATE_BODY_NAMES")
    assert actors(coded)["the National Vote Commission"] == "ZMBGOV"
    assert ("IGOEUREEC", "111", "ZMBGOV") in triples(coded)
    assert actors(off)["the National Vote Commission"] is None
    assert not any(c == "111" for _, c, _ in triples(off))


DEMONYM = ("Water talks planned\n\n"
           "TASHKENT, July 2, 2025 (Wire) - Uzbekistan said on Tuesday it would finish the canal this year.\n\n"
           "The Kazakh presidency criticised Afghan officials for diverting the river.\n")


def test_a_nationality_word_taken_for_a_persons_name_before_a_role_word(on_and_off):
    # spaCy marks "Kazakh" a PERSON; before "presidency" it is the country (the country-name library's reading)
    coded, off = on_and_off(DEMONYM, A, "DEMONYM_PERSON")
    assert actors(coded)["Kazakh presidency"] == "KAZGOV"
    assert ("KAZGOV", "111", "AFG") in triples(coded)
    assert ("UZBGOV", "111", "AFG") in triples(off)  # the dateline's, before the rule


def test_turkmenistan_after_independence_is_tkm_not_the_soviet_republic(cameo_coder):
    # Phoenix dates the Soviet code USRTKM ">911016" (after); the news supplement's entry dates it before
    coded = cameo_coder.code_text("Turkmenistan urged Uzbekistan to share data on the river.", "2023-03-01")
    assert actors(coded)["Turkmenistan"] == "TKM"
    assert actors(cameo_coder.code_text("Turkmenistan urged Uzbekistan to share data.", "1990-03-01"))[
        "Turkmenistan"] == "USRTKM"


LEAD_SPEAKER = ("Libyan warships block survey ship\n\n"
                "VALLETTA, Sept 4, 2025 (Wire) - Libyan warships blocked a survey ship near an oil block on Wednesday, "
                "and the Maltese government said it would protest to Tripoli.\n\n"
                "Foreign Minister Carmel Vella said two Libyan frigates had shadowed the ship through the night.\n\n"
                "Libya said the ship had entered Libyan waters without permission, and Libyan officials summoned the "
                "Italian ambassador in Tripoli.\n\n"
                "Vella accused Libya of breaking the law of the sea.\n")


def test_a_title_with_no_country_is_the_datelines_when_the_lead_reports_its_government(on_and_off):
    # the story names Libya most, but the lead reports what the dateline's government says: the reporter's
    # "Foreign Minister" is Malta's
    coded, off = on_and_off(LEAD_SPEAKER, R, "LEAD_SPEAKER")
    assert actors(coded)["Foreign Minister Carmel Vella"] == "MLTGOV"
    assert ("MLTGOV", "112", "LBY") in triples(coded)
    assert actors(off)["Foreign Minister Carmel Vella"] == "LBYGOV"  # the country named most
    # (and a government accusing its own country is no event: OWN_COUNTRY_NO_TARGET)
    assert not any(s == "LBYGOV" and t == "LBY" for s, _c, t in triples(off))


NAME_HEAD = ("Lender presses Zambia\n\n"
             "LUSAKA, Aug 14, 2026 (Wire) - The International Monetary Fund urged Zambia on Friday to cut fuel "
             "subsidies.\n\n"
             "Anna Berglund, the Fund's mission chief for Zambia, criticised the finance ministry for missing its "
             "targets.\n")


def test_the_fund_is_the_body_named_before_and_its_officer_beside_it_is_that_body(on_and_off):
    coded, off = on_and_off(NAME_HEAD, R, "PROPER_HEADS")
    found = actors(coded)
    assert found["the Fund"] == "IGOBUSIMF"
    assert found["Anna Berglund"] == "IGOBUSIMF"
    assert ("IGOBUSIMF", "111", "ZMBGOV") in triples(coded)
    assert actors(off)["Anna Berglund"] == "ZMB"  # the story's country, before the rule
    assert ("IGOBUSIMF", "111", "ZMBGOV") not in triples(off)
