"""The dated entries of EventCoder.news.actors.txt for people in office since the Phoenix files end, and a role
word that is the actor's own code (suggest/actors.py), on sentences written for this test."""

from __future__ import annotations

import pytest


def actors(coded) -> dict[str, str | None]:
    return {s.text: s.code for s in coded.spans if s.layer == "actor"}


@pytest.mark.parametrize(("date", "code"), [("2022-05-02", "ARGOPP"), ("2024-05-02", "ARGGOV")])
def test_a_leader_is_coded_by_the_office_held_on_the_story_date(cameo_coder, date, code):
    coded = cameo_coder.code_text("Milei criticised the unions on Monday.", date)
    assert actors(coded)["Milei"] == code


def test_an_office_that_moved_to_an_international_body(cameo_coder):
    coded = cameo_coder.code_text("Ursula von der Leyen urged Hungary to lift its veto.", "2023-06-01")
    assert actors(coded)["Ursula von der Leyen"] == "IGOEUREEC"
    assert ("IGOEUREEC", "HUN") in {(e.source_code, e.target_code) for e in coded.events}


@pytest.mark.parametrize(("date", "code"), [("2023-04-14", "SYRREB"), ("2025-04-14", "SYRGOV")])
def test_a_hyphenated_name_matches_and_its_office_changes_with_the_date(cameo_coder, date, code):
    coded = cameo_coder.code_text("Ahmed al-Sharaa met the Lebanese prime minister in Damascus.", date)
    assert actors(coded)["Ahmed al-Sharaa"] == code


def test_a_known_leader_keeps_his_country_in_a_story_datelined_elsewhere(cameo_coder):
    text = ("Allies pledge air defences at Ramstein\n\n"
            "RAMSTEIN AIR BASE, Germany, May 6, 2025 (Wire) - The United States and Germany pledged more air "
            "defence systems on Tuesday. The U.S. defence secretary said Washington would send two batteries.\n\n"
            "Zelenskiy urged Germany to speed up deliveries.\n")
    coded = cameo_coder.code_text(text)
    assert actors(coded)["Zelenskiy"] == "UKRGOV"


def test_a_role_word_that_is_the_actors_own_sector_is_not_doubled(cameo_coder):
    coded = cameo_coder.code_text("A Russian court convicted Wall Street Journal reporter Evan Marsh.", "2024-07-19")
    code = actors(coded)["Wall Street Journal reporter Evan Marsh"]
    assert code == "MED"


def test_aid_bodies_with_no_country_are_ngos_not_the_storys_country(cameo_coder):
    text = ("Aid blocked in the north\n\n"
            "NIAMEY, Aug 3, 2025 (Wire) - Niger's army attacked rebel positions near the border on Sunday.\n\n"
            "Aid agencies criticised the junta for blocking food deliveries. The army chief called on the United "
            "Nations and aid groups to help.\n")
    coded = cameo_coder.code_text(text)
    found = actors(coded)
    assert found["Aid agencies"] == "NGODEV"
    assert found["aid groups"] == "NGODEV"  # not the United Nations' IGO beside it
    assert found["junta"] == "NERGOV"
    assert ("NGODEV", "11", "NERGOV") in {(e.source_code, e.event_code[:2], e.target_code) for e in coded.events}


def test_a_leaders_surname_under_a_bare_title_keeps_the_leaders_country(cameo_coder):
    text = ("Pakistan offers talks\n\n"
            "ISLAMABAD, Jan 17, 2025 (Wire) - Pakistan's prime minister offered talks on Friday.\n\n"
            "He urged Prime Minister Modi to resume trade.\n")
    coded = cameo_coder.code_text(text)
    assert actors(coded)["Prime Minister Modi"] == "INDGOV"


def test_brussels_standing_for_a_body_is_the_eu_and_as_a_place_stays_belgium(cameo_coder, monkeypatch):
    from eventcoder.core.suggest import actors as actors_module

    monkeypatch.setattr(cameo_coder, "min_confidence", 0)
    text = ("Gas talks\n\nOSLO, March 4, 2024 (Wire) - Brussels urged Norway to raise its gas output on Monday.\n\n"
            "Norwegian Prime Minister Jonas Gahr Store will visit Brussels next week.\n")
    coded = cameo_coder.code_text(text, date="2024-03-04")
    got = {(e.source_code, e.event_code[:2], e.target_code) for e in coded.events}
    assert ("IGOEUREEC", "02", "NOR") in got, got  # the seat speaks for the EU, not for Belgium's government
    assert not any(s == "BELGOV" or t == "BELGOV" for s, _c, t in got), got
    assert any(t == "BEL" for s, c, t in got if c == "03"), got  # a visit's object is the place: the country
    monkeypatch.setattr(actors_module, "ORGANISATION_SEATS", {})
    old = {(e.source_code, e.event_code[:2], e.target_code) for e in cameo_coder.code_text(text, "2024-03-04").events}
    assert ("BELGOV", "02", "NOR") in old, old


def test_the_bloc_tagged_a_proper_noun_still_stands_for_the_bloc_named_before(cameo_coder, monkeypatch):
    from eventcoder.core.suggest import coref

    monkeypatch.setattr(cameo_coder, "min_confidence", 0)
    text = ("EU warns Russia\n\nBRUSSELS, March 1, 2024 (Wire) - The European Union on Friday condemned Russia's "
            "attacks on Ukrainian ports. EU foreign policy chief Josep Borrell said the bloc would propose further "
            "sanctions against Russia's shadow fleet early next year.\n")
    bloc = text.index("the bloc") + len("the ")
    doc = cameo_coder.nlp(text)
    assert doc[[t.idx for t in doc].index(bloc)].pos_ == "PROPN"  # the small model's reading this test is about
    coded = cameo_coder.code_text(text, date="2024-03-01")
    assert [s.code for s in coded.spans if s.layer == "actor" and s.start <= bloc < s.end] == ["IGOEUREEC"]
    got = {(e.source_code, e.event_code, e.target_code) for e in coded.events}
    assert ("IGOEUREEC", "1312", "RUS") in got, got  # the sanctions threat the bloc's words make
    monkeypatch.setattr(coref, "LOWER_PROPN_IS_NOUN", False)
    old = cameo_coder.code_text(text, date="2024-03-01")
    assert not [s for s in old.spans if s.layer == "actor" and s.start <= bloc < s.end]


def test_a_namesake_of_a_past_officeholder_in_a_story_led_by_a_reported_act_is_the_home_countrys(
        cameo_coder, monkeypatch):
    from eventcoder.core.suggest import actors as actors_module
    from eventcoder.core.suggest import coref

    monkeypatch.setattr(cameo_coder, "min_confidence", 0)
    text = ("Iraq protests to Turkey over strike\n\n"
            "BAGHDAD, March 5, 2024 (Wire) - Iraq summoned the Turkish charge d'affaires on Tuesday over an air "
            "strike near Zakho, the foreign ministry said.\n\n"
            "Turkey's defence ministry said its jets had hit militant targets in the area. Turkish officials said "
            "Ankara would keep up the strikes.\n\n"
            "Foreign Minister Fuad Hussein accused Turkey of a grave violation of Iraqi sovereignty.\n")
    name = "Foreign Minister Fuad Hussein"

    def minister(coded):
        return actors(coded)[name]

    # "HUSSEIN_" is Jordan's king (offices ended 1999): "Fuad Hussein" is another man; the lead's act, reported by
    # a ministry with no country, is Iraq's, so a bare title is Iraq's official
    coded = cameo_coder.code_text(text, date="2024-03-05")
    assert minister(coded) == "IRQGOV"
    got = {(e.source_code, e.event_code, e.target_code) for e in coded.events}
    assert ("IRQGOV", "112", "TUR") in got, got  # an accusation, not the verbs file's charge of a crime (173)
    monkeypatch.setattr(actors_module, "PAST_PERSON_NAMESAKE", False)
    assert minister(cameo_coder.code_text(text, date="2024-03-05")) == "JORGOV"
    monkeypatch.setattr(actors_module, "PAST_PERSON_NAMESAKE", True)
    monkeypatch.setattr(coref, "REPORTED_LEAD", False)
    assert minister(cameo_coder.code_text(text, date="2024-03-05")) == "TURGOV"  # the country named most
    monkeypatch.setattr(coref, "REPORTED_LEAD", True)
    monkeypatch.setattr(cameo_coder, "_sense_off", frozenset(cameo_coder._sense_off) | {"state_accused"})
    old = {(e.source_code, e.event_code, e.target_code) for e in cameo_coder.code_text(text, "2024-03-05").events}
    assert ("IRQGOV", "173", "TUR") in old, old  # the verbs file's "ACCUSE * (OF &CRIME)" charge
