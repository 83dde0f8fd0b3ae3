"""General readings of the article coder, each on a small article written for this test: two persons who share a
family name are two persons, a title before a name the recogniser took for an organisation is that person's, "the
general" is the military person named last, and "the two leaders" are the two persons named last."""

from __future__ import annotations

import pytest

from coding_checks import actor, article_events, code_articles

SURNAMES = (
    "Guinea votes on new constitution\n"
    "\n"
    "CONAKRY, May 2, 2023 (Wire) - Opposition leader Cellou Dalein Diallo called the vote a sham on Tuesday and "
    "urged voters to stay at home.\n"
    "\n"
    "Government spokesman Ousmane Gaoual Diallo accused opposition leaders of paying young people to riot.\n"
    "\n"
    "Police said the capital was calm.\n"
)
GENERAL = (
    "Army chief warns ruling party\n"
    "\n"
    "LUSAKA, June 3, 2021 (Wire) - Zambia's army commander, General Dennis Alibuzwi, said on Thursday that the "
    "soldiers would stay in their barracks during the election.\n"
    "\n"
    "The general also accused the opposition of spreading rumours about a coup.\n"
    "\n"
    "The electoral commission said voting would go ahead.\n"
)
LEADERS = (
    "Kenya and Ethiopia sign power deal\n"
    "\n"
    "ADDIS ABABA, Feb. 8, 2022 (Wire) - Kenyan President Uhuru Kenyatta arrived in Addis Ababa on Tuesday and was "
    "received by Ethiopian Prime Minister Abiy Ahmed, the Ethiopian Electric Power company said.\n"
    "\n"
    "The two leaders signed an agreement on electricity sales at the prime minister's office.\n"
    "\n"
    "Trade between the countries has grown since 2018.\n"
)


DATES = {SURNAMES: "2023-05-02", GENERAL: "2021-06-03", LEADERS: "2022-02-08"}


@pytest.fixture(scope="module")
def coded(cameo_coder):
    return code_articles(cameo_coder, DATES, threshold=False)  # the readings are the subject, not the threshold


def test_a_person_with_other_given_names_is_not_the_earlier_person_of_that_family_name(coded):
    # Ousmane Gaoual Diallo is not Cellou Dalein Diallo: the government's spokesman, not the opposition leader
    spokesman = actor(coded[SURNAMES], SURNAMES, "Ousmane Gaoual Diallo")
    assert spokesman.code == "GINGOV", spokesman
    found = article_events(coded, SURNAMES, "accused opposition leaders")
    assert ("GINGOV", "112", "GINOPP") in found, found


def test_the_general_is_the_military_person_named_before(coded):
    found = article_events(coded, GENERAL, "The general also accused")
    assert any(s == "ZMBMIL" and c.startswith("11") and t and t.startswith("ZMBOPP") for s, c, t in found), found


def test_the_two_leaders_are_the_two_persons_named_last_not_a_company_named_after_them(coded):
    found = {(s, t) for s, c, t in article_events(coded, LEADERS, "The two leaders signed") if c.startswith("05")}
    assert found == {("KENGOV", "ETHGOV"), ("ETHGOV", "KENGOV")}, found


def test_each_reading_has_its_switch(cameo_coder, monkeypatch):
    """With the readings off, the same articles read as before (the spokesman is the opposition leader's namesake,
    the general no one, the two leaders a company and a person): each rule is what changes them."""
    from eventcoder.core.suggest import actors as actors_module
    from eventcoder.core.suggest import coref

    monkeypatch.setattr(coref, "OTHER_GIVEN_NAMES", False)
    monkeypatch.setattr(actors_module, "TITLE_BEFORE_ORG_NAME", False)
    monkeypatch.setattr(coref, "DESCRIBED_ROLES", False)
    monkeypatch.setattr(coref, "PERSON_GROUPS_ARE_PEOPLE", False)
    old = code_articles(cameo_coder, DATES, threshold=False)
    assert actor(old[SURNAMES], SURNAMES, "Ousmane Gaoual Diallo").code != "GINGOV"
    assert not any(s == "ZMBMIL" for s, _c, _t in article_events(old, GENERAL, "The general also accused"))
    signed = {(s, t) for s, c, t in article_events(old, LEADERS, "The two leaders signed") if c.startswith("05")}
    assert signed != {("KENGOV", "ETHGOV"), ("ETHGOV", "KENGOV")}
