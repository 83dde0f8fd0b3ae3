"""General readings of the article coder, each on a small article written for this test: lists (two nationality
words joined, a preposition repeated, "the three countries" for a list named before), answers (a denial of "any
involvement", a condemned act no event tells, criticism dismissed is denied), names (an acronym of an earlier
name's initials, "X, leader of the Y party"), solidarity ("stood with"), and hosting that is not also a visit."""

from __future__ import annotations

import pytest

from coding_checks import article_events, code_articles

LAUNCH = (
    "North Korea launches spy satellite\n"
    "\n"
    "SEOUL, Nov. 22, 2023 (Wire) - North Korea said on Wednesday it had put its first military reconnaissance "
    "satellite into orbit.\n"
    "\n"
    "South Korea, Japan and the United States condemned the launch. Kim Yo Jong dismissed the criticism from Seoul "
    "as hysteria.\n"
    "\n"
    "Secretary of State Antony Blinken spoke with his Japanese and South Korean counterparts.\n"
)
HACK = (
    "Netherlands accuses Russia of hacking\n"
    "\n"
    "THE HAGUE, April 23, 2024 (Wire) - The Netherlands accused Russia on Tuesday of hacking the computers of its "
    "diplomats.\n"
    "\n"
    "Moscow denied any involvement. Kyiv stood with the Netherlands against Russian attacks in cyberspace.\n"
)
PIPELINE = (
    "Greece, Cyprus and Israel sign pipeline deal\n"
    "\n"
    "ATHENS, Jan. 2, 2020 (Wire) - Greek Prime Minister Kyriakos Mitsotakis hosted Israeli Prime Minister "
    "Benjamin Netanyahu and Cypriot President Nicos Anastasiades in Athens on Thursday.\n"
    "\n"
    "Turkey protested to Italy on Wednesday. Egypt said it would study the route.\n"
    "\n"
    "U.S. Ambassador to Greece Geoffrey Pyatt said Washington supported the three countries in their energy "
    "cooperation. Russia signed trade deals with China and with India on the same day.\n"
)
STRIKE = (
    "Zimbabwe opposition calls strike\n"
    "\n"
    "HARARE, Jan. 15, 2019 (Wire) - The opposition Movement for Democratic Change called a general strike on "
    "Tuesday.\n"
    "\n"
    "Information Minister Monica Mutsvangwa blamed the MDC for the violence.\n"
)
TOKYO = (
    "Japan's opposition criticises Kishida\n"
    "\n"
    "TOKYO, April 12, 2024 (Wire) - Prime Minister Fumio Kishida returned from Washington on Friday.\n"
    "\n"
    "Kenta Izumi, leader of the main opposition Constitutional Democratic Party, criticised Kishida for making "
    "promises abroad.\n"
)


@pytest.fixture(scope="module")
def coded(cameo_coder):
    dates = {LAUNCH: "2023-11-22", HACK: "2024-04-23", PIPELINE: "2020-01-02", STRIKE: "2019-01-15",
             TOKYO: "2024-04-12"}
    return code_articles(cameo_coder, dates)


def test_a_condemned_act_no_event_tells_is_the_subject_of_its_verb(coded):
    # "launches" aims at no one, so it is no event: the condemnation still finds who launched
    found = article_events(coded, LAUNCH, "condemned the launch")
    assert {(s[:3], t[:3]) for s, c, t in found if c.startswith("11")} >= {("KOR", "PRK"), ("JPN", "PRK"),
                                                                           ("USA", "PRK")}, found


def test_criticism_dismissed_and_involvement_denied_are_denials(coded):
    assert any(c == "016" and t and t.startswith("KOR") for _s, c, t in article_events(coded, LAUNCH, "dismissed"))
    # "any involvement" is the accusation made, not a kind of act: the denial answers the accuser
    assert any(s.startswith("RUS") and c == "016" and t and t.startswith("NLD")
               for s, c, t in article_events(coded, HACK, "denied any")), article_events(coded, HACK, "denied any")


def test_joined_nationality_words_and_a_repeated_preposition_are_each_a_target(coded):
    spoke = {t[:3] for _s, _c, t in article_events(coded, LAUNCH, "Blinken spoke") if t}
    assert {"JPN", "KOR"} <= spoke, spoke
    signed = {t[:3] for _s, c, t in article_events(coded, PIPELINE, "signed trade deals") if t and c.startswith("05")}
    assert {"CHN", "IND"} <= signed, signed


def test_the_three_countries_are_the_three_named_together(coded):
    # (the last three named one by one before it are Turkey, Italy and Egypt: not the group)
    backed = {t[:3] for _s, _c, t in article_events(coded, PIPELINE, "Washington supported") if t}
    assert backed == {"GRC", "CYP", "ISR"}, backed


def test_hosting_is_not_also_the_guests_visit(coded):
    found = article_events(coded, PIPELINE, "Mitsotakis hosted")
    assert ("GRCGOV", "043", "ISRGOV") in found, found
    assert not any(c == "042" for _s, c, _t in found), found


def test_standing_with_a_country_is_solidarity(coded):
    found = article_events(coded, HACK, "Kyiv stood with")
    assert any(s.startswith("UKR") and c == "018" and t == "NLD" for s, c, t in found), found


def test_an_acronym_of_initials_and_a_leader_of_a_party_take_its_code(coded):
    blamed = article_events(coded, STRIKE, "blamed the MDC")
    assert any(c.startswith("11") and t == "ZWEOPP" for _s, c, t in blamed), blamed
    izumi = next(s for s in coded[TOKYO].spans if s.layer == "actor" and s.text == "Kenta Izumi")
    assert izumi.code == "JPNOPP"


APPOSED = (
    "Court warrant angers Moscow\n"
    "\n"
    "KABUL, March 18, 2023 (Wire) - Dmitry Medvedev, the deputy chairman of Russia's Security Council, derided the "
    "court on Saturday.\n"
    "\n"
    "Roza Otunbayeva, head of the U.N. mission in Afghanistan, met Deputy Prime Minister Abdul Salam Hanafi in "
    "Kabul. Late on Saturday, the Kazakh Agriculture Ministry rejected the claims.\n"
)


def test_the_story_describes_a_listed_person_anew_and_a_country_owns_its_council(cameo_coder):
    coded = cameo_coder.code_text(APPOSED, date="2023-03-18")
    code = {s.text: s.code for s in coded.spans if s.layer == "actor"}
    # the dictionary lists Otunbayeva as Kyrgyzstan's president; the story makes her the U.N. mission's head
    assert code["Roza Otunbayeva"] == "IGOUNO"
    # "Russia's Security Council" is Russia's own, and Medvedev stays Russia's (not the U.N. body of the name)
    assert code["Russia's Security Council"] == "RUSGOV" and code["Dmitry Medvedev"].startswith("RUS")
    # a nationality word inside a body's name ("the Kazakh Agriculture Ministry")
    assert code["Kazakh Agriculture Ministry"] == "KAZGOV"


def test_people_by_what_befell_them_or_their_trade_are_actors(cameo_coder):
    text = ("HARARE, Jan 5, 2023 (Wire) - Police fired tear gas at striking miners and their relatives on Monday. "
            "Gunmen freed the hostages.")
    coded = cameo_coder.code_text(text, date="2023-01-05")
    code = {s.text: s.code for s in coded.spans if s.layer == "actor"}
    assert (code["miners"], code["relatives"], code["hostages"]) == ("ZWELAB", "ZWECVL", "ZWECVL")
    assert {("ZWECOP", "175", "ZWELAB"), ("ZWECOP", "175", "ZWECVL")} <= {
        (e.source_code, e.event_code, e.target_code) for e in coded.events}


VOTE = (
    "UN rights council extends Sri Lanka mandate\n"
    "\n"
    "GENEVA, Oct. 6, 2022 (Wire) - The U.N. Human Rights Council voted on Thursday to extend the mandate of its "
    "experts on Sri Lanka.\n"
    "\n"
    "The European Union welcomed the outcome. Canada also welcomed the outcome.\n"
)


def test_a_welcomed_outcome_is_the_result_of_the_vote_and_no_other_welcome_is_its_author(cameo_coder):
    coded = cameo_coder.code_text(VOTE, date="2022-10-06")
    welcomed = {(e.source_code[:3], e.target_code) for e in coded.events if e.event_code == "051"}
    # "the outcome" names the vote's result: the council that voted; Canada's welcome is not aimed at the EU's
    assert ("IGO", "IGOUNOHRI") in welcomed or ("IGO", "IGOUNO") in welcomed, welcomed
    assert any(s == "CAN" and t and t.startswith("IGOUNO") for s, t in welcomed), welcomed
    assert ("CAN", "IGOEUREEC") not in welcomed


def test_an_invitation_is_an_offer_to_meet(cameo_coder):
    coded = cameo_coder.code_text("Maduro invited Petro to Caracas in the coming weeks.", date="2022-09-26")
    assert ("VENGOV", "036", "COLGOV") in {(e.source_code, e.event_code, e.target_code) for e in coded.events}


@pytest.mark.parametrize("text,source,target", [
    ("Poland on Monday ordered the closure of Russia's consulate in Krakow.", "POL", "RUSGOV"),
    ("Moscow ordered the closing of the Polish consulate in Irkutsk.", "RUSGOV", "POLGOV"),
])
def test_closing_a_foreign_mission_cuts_diplomatic_ties(cameo_coder, text, source, target):
    coded = cameo_coder.code_text(text)
    assert (source, "161", target) in {(e.source_code, e.event_code, e.target_code) for e in coded.events}


@pytest.mark.parametrize("text,expected", [
    ("Japan said it was deeply concerned about China's moves.", ("JPN", "012", "CHN")),
    ("Britain said it was concerned over the detention of the journalist by Iran.", ("GBR", "012", "IRN")),
])
def test_being_concerned_about_an_act_is_a_pessimistic_comment_on_its_author(cameo_coder, text, expected):
    coded = cameo_coder.code_text(text)
    assert expected in {(e.source_code, e.event_code, e.target_code) for e in coded.events}
    assert not cameo_coder.code_text("He was concerned.").events  # no one it is about: nothing
