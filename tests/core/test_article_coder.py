"""The rule coder on whole articles (the product's CAMEO coder): the dateline's date and country, actors across
the document, news idiom read as grammar, the calibrated confidence. Every text here was written for this test."""

from __future__ import annotations

import pytest

from eventcoder.core.pipeline import rules_coder
from eventcoder.core.schemes import load_scheme

ARTICLE = (
    "Spain presses Portugal over river water\n"
    "\n"
    "LISBON, May 7, 2024 (Wire) - Spanish Foreign Minister Jose Manuel Albares met Portuguese officials on "
    "Tuesday to discuss the drought on the Tagus.\n"
    "\n"
    "Albares urged Portugal to halt the fighting between farmers and the water agency.\n"
    "\n"
    "He thanked Morocco for its support.\n"
    "\n"
    "Morocco and Algeria expressed concern over Spain's plans.\n"
    "\n"
    "Police fired tear gas at protesters near the parliament.\n"
)


@pytest.fixture(scope="module")
def coder():
    return rules_coder(load_scheme("cameo"))


def events(coded, sentence_with: str, text: str):
    out = set()
    for e in coded.events:
        if "negated" in e.flags:
            continue
        if sentence_with in text[e.sentence_start:e.sentence_end]:
            out.add((e.source_code, e.event_code, e.target_code))
    return out


def test_a_named_person_with_a_title_codes_later_mentions_and_pronouns(coder):
    coded = coder.code_text(ARTICLE)
    urged = events(coded, "Albares urged", ARTICLE)
    # the surname alone is the minister named with his title; the appeal takes its subcode from what it asks
    assert urged == {("ESPGOV", "0256", "PRT")}
    assert events(coded, "He thanked", ARTICLE) == {("ESPGOV", "051", "MAR")}  # "he" is the minister
    span = next(s for s in coded.spans if s.text == "He")
    assert span.code == "ESPGOV" and 'pronoun "He"' in span.evidence


def test_co_subjects_are_never_each_others_target(coder):
    coded = coder.code_text(ARTICLE)
    got = events(coded, "expressed concern", ARTICLE)
    assert ("MAR", "012", "DZA") not in got and ("DZA", "012", "MAR") not in got
    assert {("MAR", "012", "ESP"), ("DZA", "012", "ESP")} <= got


def test_a_role_without_a_country_takes_the_storys(coder):
    coded = coder.code_text(ARTICLE)
    police = next(s for s in coded.spans if s.text == "Police")
    assert police.code == "PRTCOP" and "the story's (PRT" in police.evidence


@pytest.mark.parametrize(("text", "expected"), [
    ("Turkey was ready to mediate between the two sides.", ("TUR", "039")),  # readiness: an intent, not 045
    ("France said it would impose sanctions on Russia.", ("FRA", "1312", "RUS")),  # a future hostile act: threat
    ("Ukraine shot down drones launched by Russia.", ("UKR", "190", "RUS")),  # the agent of the object
    ("North Korea threatened to shoot down U.S. spy planes.", ("PRK", "138")),  # a threat of force
    ("The Philippines summoned China's ambassador.", ("PHL", "114", "CHNGOV")),  # summoning an envoy: protest
    ("Russia attacked Kyiv with drones overnight.", ("RUS", "190", "UKR")),  # "with drones" is no object
    ("Russia is opposed to any attempts by the US to shift forces.", ("RUS", "110", "USA")),  # copula + participle
    ("Russia witnessed attempts by the US to undermine the deal.", ("RUS", "112", "USA")),  # naming a hostile act
    ("The Russian side raised its concerns about NATO.", ("RUS", "012", "IGOWSTNAT")),  # concern, not 040
    ("Germany delivered weapons to Ukraine.", ("DEU", "072", "UKR")),  # news verb supplement
    ("Mayor Jane Roe told residents of Spain to stay in shelters.", ("---GOV", "020", "ESPCVL")),  # telling: appeal
])
def test_news_idiom(coder, text, expected):
    coder_was = coder.min_confidence
    coder.min_confidence = 0.0  # the idiom's reading, whatever its shown confidence
    try:
        coded = coder.code_text(text, "2024-05-07")
    finally:
        coder.min_confidence = coder_was
    got = {(e.source_code, e.event_code, e.target_code)[: len(expected)] for e in coded.events}
    assert expected in got, got


def test_the_datelines_date_is_the_story_date_when_none_is_given(coder):
    # the RSF is coded by date (actor supplement): Sudan's army before its war with it, a rebel force after
    before = "KHARTOUM, March 2, 2021 (Wire) - The RSF attacked a market in Darfur on Monday.\n"
    after = "KHARTOUM, March 2, 2024 (Wire) - The RSF attacked a market in Darfur on Monday.\n"
    assert {e.source_code for e in coder.code_text(before).events} == {"SDNMIL"}
    assert {e.source_code for e in coder.code_text(after).events} == {"SDNREB"}
    # a date given by the import wins over the dateline's
    assert {e.source_code for e in coder.code_text(after, "2021-03-02").events} == {"SDNMIL"}


def test_background_dates_and_agentless_passives_give_no_event(coder):
    coded = coder.code_text("Spain accused Portugal of spying in 2019.", "2024-05-07")
    assert not [e for e in coded.events if "negated" not in e.flags]
    coded = coder.code_text("Spain accused Portugal of spying on Monday.", "2024-05-07")
    assert {(e.source_code, e.event_code[:2], e.target_code) for e in coded.events} == {("ESP", "11", "PRT")}
    coded = coder.code_text("Five protesters were shot dead in Lisbon.", "2024-05-07")
    assert not [e for e in coded.events if e.source_code is None]


def test_a_group_named_once_is_its_members(coder):
    text = ("ADDIS ABABA, May 7, 2024 (Wire) - Ethiopia and Eritrea signed a ceasefire on Monday.\n\n"
            "The African Union praised both sides for their courage.\n")
    coded = coder.code_text(text)
    got = events(coded, "praised both sides", text)
    assert {t for _s, _c, t in got} == {"ETH", "ERI"}


def test_confidence_is_calibrated_and_the_least_certain_are_not_suggested(coder):
    from eventcoder.core.suggest.confidence import signals

    assert coder.calibration is not None and coder.min_confidence > 0
    coded = coder.code_text(ARTICLE)
    assert coded.events and all(e.confidence >= coder.min_confidence for e in coded.events if "negated" not in e.flags)
    for e in coded.events:  # the shown confidence is the calibration's probability of the event's signals
        assert e.confidence == round(coder.calibration.probability(signals(e, coded)), 2)
    used = {i for e in coded.events for i in (e.trigger, e.source, e.target) if i is not None}
    assert all(k in used for k, s in enumerate(coded.spans) if s.layer == "trigger")  # no trigger left alone


def test_calibration_fits_separates_and_round_trips(tmp_path):
    import json

    from eventcoder.core.suggest.confidence import Calibration, fit, load_calibration, reliability

    samples = [(["bias", "pattern"], True)] * 40 + [(["bias", "pattern"], False)] * 10 + \
        [(["bias", "default"], True)] * 10 + [(["bias", "default"], False)] * 40
    cal = fit(samples, l2=0.01, steps=2000)
    assert cal.probability(["bias", "pattern"]) == pytest.approx(0.8, abs=0.05)
    assert cal.probability(["bias", "default"]) == pytest.approx(0.2, abs=0.05)
    path = tmp_path / "cal.json"
    path.write_text(json.dumps(cal.to_dict()), encoding="utf-8")
    again = load_calibration(path)
    assert isinstance(again, Calibration) and again.weights == cal.weights
    assert load_calibration(tmp_path / "missing.json") is None
    rows = reliability([(cal.probability(s), y) for s, y in samples])
    assert sum(n for _lo, _hi, n, _m, _r in rows) == len(samples)
    assert [round(r, 1) for _lo, _hi, n, _m, r in rows if n] == [0.2, 0.8]
